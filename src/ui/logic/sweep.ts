import type { ResolvedSettings } from "../../shared/settings";

/** Five strengths from a light touch to a full restyle. */
export const SWEEP_STRENGTHS = [0.2, 0.4, 0.6, 0.8, 1] as const;

/** One request per strength, all with the same (already resolved) seed so only strength varies. */
export function planSweep(settings: ResolvedSettings, strengths: readonly number[] = SWEEP_STRENGTHS): ResolvedSettings[] {
  return strengths.map((strength) => ({ ...settings, strength, samples: 1 }));
}
