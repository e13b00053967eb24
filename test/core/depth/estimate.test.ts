/** @jest-environment ./test/core/depth/helpers/native-arrays-env.js */
import { DepthModelError } from "../../../src/core/errors";
import { DEFAULT_DEPTH_EDIT } from "../../../src/shared/depth-edit";
import { depthOutputSize, estimateDepth } from "../../../src/core/depth/estimate";
import type { DepthSession } from "../../../src/core/depth/ort-session";
import { buildTinyDepthModel, expectedBrightness } from "../../fakes/tiny-depth-model";
import { halves, rampX, rgbaImage } from "./helpers/images";
import { openOnNode } from "./helpers/node-runtime";

let dynamic: DepthSession;
let fixed: DepthSession;
beforeAll(async () => {
  dynamic = await openOnNode(buildTinyDepthModel());
  fixed = await openOnNode(buildTinyDepthModel({ size: { width: 28, height: 14 } }));
});
afterAll(async () => {
  await dynamic.release();
  await fixed.release();
});

describe("estimateDepth on a real ONNX session (onnxruntime-node)", () => {
  it("paints the near (bright, larger-valued) half white and the far half black", async () => {
    const gray = await estimateDepth(dynamic, halves(64, 32), { size: { width: 64, height: 32 } });
    for (let y = 0; y < 32; y++) {
      expect(gray[y * 64 + 2]).toBe(255);
      expect(gray[y * 64 + 61]).toBe(0);
    }
  });

  it("reproduces the model's analytic output: min–max scaled brightness", async () => {
    // A grey ramp whose brightness the tiny model turns back into depth after ImageNet normalisation.
    const image = rampX(518, 518);
    const gray = await estimateDepth(dynamic, image, { size: { width: 518, height: 518 } });
    for (const x of [0, 100, 259, 400, 517]) {
      const v = Math.round((x / 517) * 255);
      expect(Math.abs((gray[200 * 518 + x] as number) - Math.round(expectedBrightness(v, v, v) * 255))).toBeLessThanOrEqual(1);
    }
  });

  it("returns the map at the layer's size, whatever the network size", async () => {
    const gray = await estimateDepth(dynamic, halves(300, 200), { size: { width: 123, height: 45 } });
    expect(gray.length).toBe(123 * 45);
    expect(gray[0]).toBe(255);
    expect(gray[122]).toBe(0);
  });

  it("feeds a fixed-size model its declared input size", async () => {
    const image = rgbaImage(90, 30, (x, y) => (y < 15 ? [240, 240, 240] : [10, 10, 10]) as [number, number, number]);
    const gray = await estimateDepth(fixed, image, { size: { width: 90, height: 30 } });
    expect(gray[0]).toBe(255);
    expect(gray[29 * 90]).toBe(0);
  });

  it("applies the depth edit: invert, and levels that pull both ends towards the middle", async () => {
    const inverted = await estimateDepth(dynamic, halves(28, 14), { size: { width: 28, height: 14 }, edit: { ...DEFAULT_DEPTH_EDIT, invert: true } });
    expect([inverted[0], inverted[27]]).toEqual([0, 255]);
    const ramp = await estimateDepth(dynamic, rampX(28, 14), { size: { width: 28, height: 14 }, edit: { ...DEFAULT_DEPTH_EDIT, far: 0.25, near: 0.75 } });
    expect([ramp[0], ramp[27]]).toEqual([0, 255]);
    expect(ramp[5]).toBe(0); // x = 5 of 27 is below the far point
    expect(ramp[22]).toBe(255); // and x = 22 beyond the near point
  });

  it("refuses an output that is not one depth map", () => {
    expect(depthOutputSize([1, 1, 4, 5], 20)).toEqual({ width: 5, height: 4 });
    expect(() => depthOutputSize([2, 4, 5], 40)).toThrow(DepthModelError);
    expect(() => depthOutputSize([1, 4, 5], 21)).toThrow(/expected \[1, height, width\]/);
  });
});
