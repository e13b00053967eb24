import { z } from "zod";
import {
  BLEND_MODES,
  DepthLayerOptionsSchema,
  GenerationSettingsSchema,
  LIMITS,
  MAX_SEED,
  SCHEDULERS,
  type DepthLayerOptions,
  type GenerationSettings,
  type ResolvedSettings,
} from "../../shared/settings";

/** The panel form. Numbers stay numbers; the seed is typed text so partial input is not lost. */
export const FormStateSchema = z.object({
  prompt: z.string(),
  negativePrompt: z.string(),
  steps: z.number(),
  guidanceScale: z.number(),
  controlScale: z.number(),
  useStrength: z.boolean(),
  strength: z.number(),
  scheduler: z.enum(SCHEDULERS),
  samples: z.number(),
  seedMode: z.enum(["random", "locked"]),
  seedText: z.string(),
  depthEnabled: z.boolean(),
  depthBlendMode: z.enum(BLEND_MODES),
  depthOpacity: z.number(),
  depthInvert: z.boolean(),
});
export type FormState = z.infer<typeof FormStateSchema>;

export const DEFAULT_FORM: FormState = {
  prompt: "",
  negativePrompt: "",
  steps: LIMITS.steps.default,
  guidanceScale: LIMITS.guidanceScale.default,
  controlScale: LIMITS.controlScale.default,
  useStrength: false,
  strength: 0.8,
  scheduler: "UniPC",
  samples: LIMITS.samples.default,
  seedMode: "random",
  seedText: "",
  depthEnabled: false,
  depthBlendMode: "multiply",
  depthOpacity: 0.5,
  depthInvert: false,
};

export type FormResult = { ok: true; settings: GenerationSettings } | { ok: false; message: string };

const range = (r: { min: number; max: number }) => `from ${r.min} to ${r.max}`;
/** One sentence per form field, in the words of the panel's labels (never a schema path). */
const FIELD_FIX: Record<string, (form: FormState) => string> = {
  prompt: (f) => (f.prompt.trim() ? `Shorten the prompt to ${LIMITS.promptLength} characters or fewer.` : "Write a prompt that describes the new style, e.g. “watercolor, soft light”."),
  negativePrompt: () => `Shorten “Avoid” to ${LIMITS.promptLength} characters or fewer.`,
  steps: () => `Set Steps to a whole number ${range(LIMITS.steps)}.`,
  guidanceScale: () => `Set Prompt weight ${range(LIMITS.guidanceScale)}.`,
  controlScale: () => `Set Keep shapes ${range(LIMITS.controlScale)}.`,
  strength: () => `Set Strength ${range(LIMITS.strength)}.`,
  samples: () => `Set Results per layer ${range(LIMITS.samples)}.`,
  depthLayer: () => "Set the depth layer's opacity from 0 to 1.",
  seed: () => SEED_FIX,
};
const SEED_FIX = `Enter the fixed seed as a whole number from 0 to ${MAX_SEED}, or set Seed to Random.`;

function formProblem(form: FormState, error: z.ZodError): string {
  const field = String(error.issues[0]?.path[0] ?? "");
  return (FIELD_FIX[field] ?? (() => "Check the settings under Advanced."))(form);
}

/** Validates the form with the shared schema; the message names each bad field and its range. */
export function formToSettings(form: FormState): FormResult {
  const seedText = form.seedText.trim();
  if (form.seedMode === "locked" && !/^\d+$/.test(seedText))
    return { ok: false, message: SEED_FIX };
  const parsed = GenerationSettingsSchema.safeParse({
    prompt: form.prompt,
    negativePrompt: form.negativePrompt,
    steps: form.steps,
    guidanceScale: form.guidanceScale,
    controlScale: form.controlScale,
    ...(form.useStrength ? { strength: form.strength } : {}),
    scheduler: form.scheduler,
    samples: form.samples,
    seed: form.seedMode === "locked" ? Number(seedText) : "random",
    depthLayer: { enabled: form.depthEnabled, blendMode: form.depthBlendMode, opacity: form.depthOpacity, invert: form.depthInvert },
  });
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, message: formProblem(form, parsed.error) };
}

/** The depth-layer options alone: "Add depth layer" needs no prompt or backend. */
export function depthOptionsOf(form: FormState): DepthLayerOptions {
  return DepthLayerOptionsSchema.parse({ enabled: true, blendMode: form.depthBlendMode, opacity: Math.min(1, Math.max(0, form.depthOpacity)), invert: form.depthInvert });
}

/** Loads used settings back into the form ("use these settings"); `lockSeed` reproduces the result. */
export function settingsToForm(settings: Partial<ResolvedSettings> | GenerationSettings, lockSeed: boolean, base: FormState = DEFAULT_FORM): FormState {
  const seed = settings.seed;
  return {
    ...base,
    prompt: settings.prompt ?? base.prompt,
    negativePrompt: settings.negativePrompt ?? base.negativePrompt,
    steps: settings.steps ?? base.steps,
    guidanceScale: settings.guidanceScale ?? base.guidanceScale,
    controlScale: settings.controlScale ?? base.controlScale,
    useStrength: settings.strength !== undefined,
    strength: settings.strength ?? base.strength,
    scheduler: settings.scheduler ?? base.scheduler,
    samples: settings.samples ?? base.samples,
    seedMode: lockSeed && typeof seed === "number" ? "locked" : "random",
    seedText: typeof seed === "number" ? String(seed) : base.seedText,
    depthEnabled: settings.depthLayer?.enabled ?? base.depthEnabled,
    depthBlendMode: settings.depthLayer?.blendMode ?? base.depthBlendMode,
    depthOpacity: settings.depthLayer?.opacity ?? base.depthOpacity,
    depthInvert: settings.depthLayer?.invert ?? base.depthInvert,
  };
}
