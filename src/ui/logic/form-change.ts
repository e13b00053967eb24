import type { FormState } from "./form";
import { strengthText } from "./wording";

/** The form fields a designer recognises, as the panel labels them. */
const LABELS: Partial<Record<keyof FormState, (f: FormState) => string>> = {
  prompt: () => "prompt",
  negativePrompt: () => "“Avoid”",
  steps: (f) => `steps ${f.steps}`,
  guidanceScale: (f) => `prompt weight ${f.guidanceScale}`,
  controlScale: (f) => `keep shapes ${f.controlScale}`,
  strength: (f) => strengthText(f.useStrength ? f.strength : undefined).toLowerCase(),
  scheduler: (f) => `sampler ${f.scheduler}`,
  samples: (f) => `${f.samples} result${f.samples === 1 ? "" : "s"} per layer`,
  seedText: (f) => (f.seedMode === "locked" ? `seed fixed to ${f.seedText}` : "random seed"),
  depthEnabled: (f) => (f.depthEnabled ? "depth layer on" : "depth layer off"),
};

const changed = (a: FormState, b: FormState, key: keyof FormState): boolean => {
  if (key === "strength") return a.useStrength !== b.useStrength || (b.useStrength && a.strength !== b.strength);
  if (key === "seedText") return a.seedMode !== b.seedMode || (b.seedMode === "locked" && a.seedText !== b.seedText);
  return a[key] !== b[key];
};

/** What "Use these settings" changed in the form, as one sentence (seed included: it is fixed to reproduce the result). */
export function describeFormChange(before: FormState, after: FormState): string {
  const parts = (Object.keys(LABELS) as (keyof FormState)[]).filter((k) => changed(before, after, k)).map((k) => (LABELS[k] as (f: FormState) => string)(after));
  if (parts.length === 0) return "The form already has these settings.";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Form updated: ${list}.`;
}
