import { rowProgress, rowStage, rowText } from "../../src/ui/logic/row-text";
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

  it("shows an automatic rate-limit retry as a wait with the local time of the retry, not as a failure", () => {
    const at = new Date(2026, 11, 2, 14, 2, 30).getTime();
    const waiting = row(progressPatch({ stage: "waiting_rate_limit", until: at }));
    expect(rowStage(waiting, "en-GB")).toBe("Waiting (retries at 14:02)");
    expect(rowStage(waiting, "en-US")).toBe("Waiting (retries at 2:02 PM)");
  });

  it("names each stage the way a designer would", () => {
    expect(rowStage(row({ status: "preparing" }), "en")).toBe("Preparing the layer");
    expect(rowStage(row({ status: "uploading" }), "en")).toBe("Uploading");
    expect(rowStage(row(progressPatch({ stage: "queued", position: 2 })), "en")).toBe("Queued #2");
    expect(rowStage(row(progressPatch({ stage: "running", step: 3, maxSteps: 25 })), "en")).toBe("Generating 3/25");
    expect(rowStage(row({ status: "inserting" }), "en")).toBe("Inserting");
  });

  it("adds the elapsed time to every row once it started, frozen when it ended", () => {
    expect(rowText(row({ status: "queued" }), 5_000, "en")).toBe("Waiting for its turn");
    expect(rowText(row({ status: "uploading", startedAt: 1_000 }), 15_500, "en")).toBe("Uploading · 0:14");
    expect(rowText(row({ status: "done", startedAt: 1_000, endedAt: 76_000 }), 999_000, "en")).toBe("Done · 1:15");
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
