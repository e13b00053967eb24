import type { Provenance } from "../../shared/sandbox-api";
import type { ResolvedSettings } from "../../shared/settings";

/** Node addOnData holds ≤ 3 KB in all; keep the provenance JSON well inside it. */
export const PROVENANCE_BUDGET = 2400;

export interface ProvenanceMeta {
  kind: Provenance["kind"];
  sourceId: string;
  backend: Provenance["backend"];
  historyId?: string;
  createdAt: string;
}

const size = (p: Provenance): number => new TextEncoder().encode(JSON.stringify(p)).length;

/** Builds provenance, shortening the prompts (negative first) until it fits the budget. */
export function buildProvenance(settings: ResolvedSettings, meta: ProvenanceMeta, budget = PROVENANCE_BUDGET): Provenance {
  const base: Provenance = { v: 1, ...meta, settings: { ...settings }, seed: settings.seed, truncated: false };
  if (size(base) <= budget) return base;
  let prompt = settings.prompt;
  let negativePrompt = settings.negativePrompt;
  const advanced = {};
  for (let i = 0; i < 64; i++) {
    if (negativePrompt.length > 0) negativePrompt = negativePrompt.slice(0, Math.floor(negativePrompt.length / 2));
    else prompt = prompt.slice(0, Math.floor(prompt.length * 0.75));
    const candidate: Provenance = { ...base, settings: { ...settings, prompt, negativePrompt, advanced }, truncated: true };
    if (size(candidate) <= budget) return candidate;
  }
  return { ...base, settings: { seed: settings.seed }, truncated: true };
}
