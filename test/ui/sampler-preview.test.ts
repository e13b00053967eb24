import { rowProgress, rowText } from "../../src/ui/logic/row-text";
import { progressPatch, type RowState } from "../../src/ui/pipeline/types";

const row = (...patches: Partial<RowState>[]): RowState => Object.assign({ id: "r", label: "Layer 1", status: "queued", historyIds: [] } as RowState, ...patches);

describe("a local GPU job row: loading models and the sampler's preview", () => {
  it("says models are loading (a first run's long quiet stretch), without a step count", () => {
    const loading = row(progressPatch({ stage: "loading_models" }));
    expect(rowText(loading, 0, "en-US")).toMatch(/^Loading models/);
    expect(rowProgress(loading)).toBeNull();
  });

  it("keeps the latest preview as an image blob while running, and drops it once the image is downloaded", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const running = row(progressPatch({ stage: "running", step: 3, maxSteps: 20, preview: { bytes: jpeg, mimeType: "image/jpeg" } }));
    expect(running.preview?.type).toBe("image/jpeg");
    expect(new Uint8Array(await running.preview!.arrayBuffer())).toEqual(jpeg);
    // A plain step keeps the picture already shown.
    const next = row(running, progressPatch({ stage: "running", step: 4, maxSteps: 20 }));
    expect(next.preview).toBe(running.preview);
    expect(row(next, progressPatch({ stage: "downloading" })).preview).toBeUndefined();
  });
});
