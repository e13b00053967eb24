import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import type { Engine } from "../../../../src/server/engines/engine";
import { engineFor, HEIGHT, job, pixels, runCollect, WIDTH } from "./helpers";

describe("ComfyUI engine, end to end against the fake ComfyUI", () => {
  let fake: FakeComfy;
  let engine: Engine;
  beforeEach(async () => {
    fake = await startFakeComfy();
    engine = engineFor(fake.url);
  });
  afterEach(async () => {
    await engine.close();
    await fake.close();
  });

  it("returns the images and the depth map, with started → depth → progress events in order", async () => {
    const j = await job({ settingsInput: { steps: 20, samples: 2 } });
    const { events, result, error } = await runCollect(engine, j);
    expect(error).toBeUndefined();
    expect(events[0]).toEqual({ type: "started" });
    expect(events[1]).toEqual({ type: "depth" });
    const progress = events.slice(2);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => ({ type: "progress", step: i + 1, max: 20 })));
    expect(result?.images).toHaveLength(2);
    const depth = await pixels(result!.depthMap!.bytes);
    expect([depth.width, depth.height]).toEqual([WIDTH, HEIGHT]);
    // depth map is gray: r = g = b
    expect(depth.data[0]).toBe(depth.data[1]);
    const first = await pixels(result!.images[0]!.bytes);
    // strength 1: each sample is the negative of the depth map
    expect(first.data[(10 * WIDTH + 100) * 3]).toBe(255 - depth.data[(10 * WIDTH + 100) * 3]!);
  });
});
