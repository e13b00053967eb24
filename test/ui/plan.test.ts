import { planJobs } from "../../src/ui/logic/plan";
import type { LayerInfo, SelectionInfo } from "../../src/shared/sandbox-api";

const layer = (id: string, x: number, y: number, w: number, h: number, rotation = 0): LayerInfo => ({
  id,
  type: "ImageRectangle",
  bounds: { x, y, width: w, height: h },
  size: { width: w, height: h },
  rotation,
});
const selection = (...layers: LayerInfo[]): SelectionInfo => ({ page: { id: "p", width: 1000, height: 500 }, layers });

describe("planJobs", () => {
  it("crops each layer from a rendition at twice the page density and sizes the output at that density", () => {
    const { jobs, skipped } = planJobs(selection(layer("a", 100, 50, 400, 200)), { width: 2000, height: 1000 });
    expect(skipped).toEqual([]);
    const [job] = jobs;
    expect(job?.crop).toEqual({ x: 200, y: 100, width: 800, height: 400 });
    expect(job?.outputSize).toEqual({ width: 800, height: 400 });
    expect(job?.center).toEqual({ x: 400, y: 200 });
    expect(job?.modelSize.width! % 64).toBe(0);
    expect(job?.modelSize.width! / job!.modelSize.height).toBeCloseTo(2, 1);
  });

  it("skips layers outside the page or without area, with a reason, and keeps the others", () => {
    const { jobs, skipped } = planJobs(selection(layer("out", 2000, 0, 100, 100), layer("flat", 10, 10, 0, 50), layer("ok", 0, 0, 100, 100)), { width: 1000, height: 500 });
    expect(jobs.map((j) => j.layer.id)).toEqual(["ok"]);
    expect(skipped.map((s) => s.layer.id)).toEqual(["out", "flat"]);
    expect(skipped[0]?.reason).toMatch(/outside the page/);
    expect(skipped[1]?.reason).toMatch(/no area/);
  });

  it("keeps the pivot of a layer clipped by the page edge at the layer's true centre", () => {
    const { jobs } = planJobs(selection(layer("edge", -100, 0, 200, 100)), { width: 1000, height: 500 });
    expect(jobs[0]?.crop).toEqual({ x: 0, y: 0, width: 100, height: 100 });
    expect(jobs[0]?.center).toEqual({ x: 0, y: 50 });
  });

  it("un-rotates a rotated layer: the model input follows the layer's own aspect, not its bounding box", () => {
    // A 400×100 layer turned 90°: its page bounds are 100×400.
    const rotated: LayerInfo = { ...layer("r", 450, 50, 100, 400, 90), size: { width: 400, height: 100 } };
    const { jobs } = planJobs(selection(rotated), { width: 1000, height: 500 });
    const job = jobs[0]!;
    expect(job.rotation).toBe(90);
    expect(job.layerPixels).toEqual({ width: 400, height: 100 });
    expect(job.modelSize.width).toBeGreaterThan(job.modelSize.height);
    expect(job.outputSize).toEqual({ width: 400, height: 100 });
  });

  it("un-rotates by the layer's rotation on the page when it sits in a rotated group", () => {
    // 30° in its parent, inside a group turned 60°: the page shows it at 90°.
    const nested: LayerInfo = { ...layer("n", 450, 50, 100, 400, 30), size: { width: 400, height: 100 }, rotationInPage: 90 };
    const { jobs } = planJobs(selection(nested), { width: 1000, height: 500 });
    expect(jobs[0]?.rotation).toBe(90);
  });
});
