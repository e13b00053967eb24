import { z } from "zod";

/** Schedulers the SSD-1B Depth endpoint documents, in Segmind's spelling. */
export const SCHEDULERS = [
  "UniPC",
  "Euler a",
  "DDIM",
  "DPM Multi",
  "DPM Single",
  "Euler",
  "Heun",
  "DPM2 a Karras",
  "DPM2 Karras",
  "LMS",
  "PNDM",
] as const;
export const SchedulerSchema = z.enum(SCHEDULERS);
export type Scheduler = z.infer<typeof SchedulerSchema>;

/**
 * Largest seed: ComfyUI's KSampler takes up to 2⁶⁴−1 and Segmind's own samples send seeds above
 * 2³² (9715432854), but a JS number is exact only up to 2⁵³−1.
 */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Ranges and defaults of every numeric setting, shared by the schema, the panel's sliders and the CLI help. */
export const LIMITS = {
  promptLength: 2000,
  steps: { min: 20, max: 100, default: 25 },
  guidanceScale: { min: 1, max: 25, default: 7.5 },
  controlScale: { min: 0, max: 1, default: 0.5 },
  strength: { min: 0, max: 1, default: 1 },
  samples: { min: 1, max: 4, default: 1 },
  opacity: { min: 0, max: 1, default: 1 },
} as const;

const ranged = (name: string, r: { min: number; max: number }, int: boolean) => {
  const what = int ? "a whole number" : "a number";
  const msg = `${name} must be ${what} from ${r.min} to ${r.max}`;
  const base = z.number({ error: msg }).min(r.min, msg).max(r.max, msg);
  return int ? base.int(msg) : base;
};

const seedMsg = `seed must be "random" or a whole number from 0 to ${MAX_SEED}`;
export const SeedNumberSchema = z.number({ error: seedMsg }).int(seedMsg).min(0, seedMsg).max(MAX_SEED, seedMsg);
export const SeedSchema = z.union([z.literal("random"), SeedNumberSchema], { error: seedMsg });
export type Seed = z.infer<typeof SeedSchema>;

/** Blend modes offered for depth layers; names match the SDK's `constants.BlendMode` keys. */
export const BLEND_MODES = ["normal", "multiply", "screen", "overlay", "softLight", "darken", "lighten"] as const;
export const BlendModeSchema = z.enum(BLEND_MODES);
export type BlendMode = z.infer<typeof BlendModeSchema>;

export const DepthLayerOptionsSchema = z.object({
  enabled: z.boolean().default(false),
  blendMode: BlendModeSchema.default("normal"),
  opacity: ranged("depth layer opacity", LIMITS.opacity, false).default(LIMITS.opacity.default),
  invert: z.boolean().default(false),
});
export type DepthLayerOptions = z.infer<typeof DepthLayerOptionsSchema>;

/** Bounds of pass-through fields: a new API field needs a few short values, never thousands. */
export const PASS_THROUGH_LIMITS = { fields: 32, keyLength: 64, valueLength: 2000 } as const;

/** True when `value` is an object with more than `max` own keys; stops counting at max + 1, so a huge object costs nothing. */
export function hasMoreKeysThan(value: unknown, max: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  let count = 0;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key) && ++count > max) return true;
  return false;
}

const { fields, keyLength, valueLength } = PASS_THROUGH_LIMITS;
/** Extra endpoint fields passed through unchanged, so a new API field needs no release. */
export const AdvancedSchema = z
  .record(z.string(), z.union([z.string().max(valueLength, `advanced values are at most ${valueLength} characters`), z.number(), z.boolean()]))
  .superRefine((record, ctx) => {
    if (hasMoreKeysThan(record, fields)) return void ctx.addIssue({ code: "custom", message: `at most ${fields} advanced fields` });
    for (const key of Object.keys(record)) {
      if (key.length > keyLength) ctx.addIssue({ code: "custom", path: [key], message: `advanced keys are at most ${keyLength} characters` });
      else if (!/^[a-z][a-z0-9_]*$/.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "advanced keys are snake_case" });
    }
  });

const promptMsg = `prompt must be 1 to ${LIMITS.promptLength} characters`;

/** One generation request as the user sets it (panel form, CLI flags, gateway body). */
export const GenerationSettingsSchema = z.object({
  prompt: z.string({ error: promptMsg }).trim().min(1, "prompt is required: describe the new style").max(LIMITS.promptLength, promptMsg),
  negativePrompt: z
    .string()
    .trim()
    .max(LIMITS.promptLength, `negativePrompt must be at most ${LIMITS.promptLength} characters`)
    .default(""),
  steps: ranged("steps", LIMITS.steps, true).default(LIMITS.steps.default),
  guidanceScale: ranged("guidanceScale", LIMITS.guidanceScale, false).default(LIMITS.guidanceScale.default),
  seed: SeedSchema.default("random"),
  controlScale: ranged("controlScale", LIMITS.controlScale, false).default(LIMITS.controlScale.default),
  /** Denoising strength. Optional: Segmind's v1 endpoint does not document it, so it is sent only when set. */
  strength: ranged("strength", LIMITS.strength, false).optional(),
  scheduler: z.enum(SCHEDULERS, { error: `scheduler must be one of: ${SCHEDULERS.join(", ")}` }).default("UniPC"),
  samples: ranged("samples", LIMITS.samples, true).default(LIMITS.samples.default),
  depthLayer: DepthLayerOptionsSchema.default(DepthLayerOptionsSchema.parse({})),
  advanced: AdvancedSchema.default({}),
});
export type GenerationSettings = z.infer<typeof GenerationSettingsSchema>;
export type GenerationSettingsInput = z.input<typeof GenerationSettingsSchema>;

/** Settings whose seed is a concrete number, so the result can be recorded and reproduced. */
export type ResolvedSettings = Omit<GenerationSettings, "seed"> & { seed: number };

export const ResolvedSettingsSchema = GenerationSettingsSchema.extend({ seed: SeedNumberSchema });

/** Replaces a "random" seed by a concrete one drawn from `random` (injected: tests pass a fixed source). */
export function resolveSeed(settings: GenerationSettings, random: () => number = Math.random): ResolvedSettings {
  const seed = settings.seed === "random" ? Math.floor(random() * (MAX_SEED + 1)) : settings.seed;
  return { ...settings, seed };
}

/** An error names at most this many problems, each path segment shortened: hostile input cannot grow the answer. */
const MAX_ISSUES = 8;
const MAX_SEGMENT = 40;
const segment = (part: PropertyKey): string => {
  const text = String(part);
  return text.length > MAX_SEGMENT ? `${text.slice(0, MAX_SEGMENT)}…` : text;
};

/** Turns zod issues into one line per field: "steps: steps must be a whole number from 20 to 100". */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length ? issue.path.map(segment).join(".") : "settings"}: ${issue.message}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${shown.join("; ")}; and ${more} more` : shown.join("; ");
}
