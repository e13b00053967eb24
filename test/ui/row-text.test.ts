import { rowProgress, rowText } from "../../src/ui/logic/row-text";
import { progressPatch, type RowState } from "../../src/ui/pipeline/types";
import { planSweep, SWEEP_STRENGTHS } from "../../src/ui/logic/sweep";
import { GenerationSettingsSchema, resolveSeed } from "../../src/shared/settings";

const row = (patch: Partial<RowState>): RowState => ({ id: "r", label: "Layer 1", status: "queued", historyIds: [], ...patch });

describe("job rows", () => {
  it("is determinate when the backend reports steps, indeterminate otherwise", () => {
    expect(rowProgress(row(progressPatch({ stage: "running", step: 5, maxSteps: 20 })))).toBe(0.25);
    expect(rowProgress(row(progressPatch({ stage: "running" })))).toBeNull();
    expect(rowProgress(row({ status: "uploading" }))).toBeNull();
  });

  it("shows a rate-limit wait with the seconds left", () => {
    const waiting = row(progressPatch({ stage: "waiting_rate_limit", until: 10_000 }));
    expect(rowText(waiting, 2_500)).toBe("Waiting for rate limit (8 s)");
    expect(rowText(waiting, 11_000)).toBe("Waiting for rate limit (0 s)");
  });

  it("describes steps, queue position and the used seed", () => {
    expect(rowText(row(progressPatch({ stage: "running", step: 3, maxSteps: 25 })), 0)).toBe("Generating: step 3 of 25");
    expect(rowText(row(progressPatch({ stage: "queued", position: 2 })), 0)).toMatch(/position 2/);
    expect(rowText(row({ status: "done", seed: 99 }), 0)).toBe("Done (seed 99)");
  });
});

describe("planSweep", () => {
  it("makes five requests that differ only in strength, one sample each, same seed", () => {
    const base = resolveSeed(GenerationSettingsSchema.parse({ prompt: "x", samples: 3, seed: 5 }));
    const cells = planSweep(base);
    expect(cells.map((c) => c.strength)).toEqual([...SWEEP_STRENGTHS]);
    for (const cell of cells) expect({ ...cell, strength: undefined }).toEqual({ ...base, samples: 1, strength: undefined });
  });
});
