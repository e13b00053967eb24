import fc from "fast-check";
import { DepthModelError } from "../../../src/core/errors";
import { modelInputSize, toPixelValues } from "../../../src/core/depth/preprocess";
import { rgbaImage } from "./helpers/images";

describe("modelInputSize", () => {
  it("uses the model's fixed input dims when it declares them", () => {
    expect(modelInputSize([1, 3, 256, 384], { width: 1000, height: 500 })).toEqual({ width: 384, height: 256 });
  });

  it("gives a dynamic model a 518-px shorter side, both sides multiples of 14, keeping the aspect ratio", () => {
    const size = modelInputSize([1, 3, "height", "width"], { width: 1600, height: 1200 });
    expect(size.height).toBe(518);
    expect(size.width % 14).toBe(0);
    expect(size.width).toBe(686); // 518 · 4/3 = 690.7 → nearest multiple of 14
  });

  it("upscales small layers to the model's working size too", () => {
    expect(modelInputSize(["batch", 3, "h", "w"], { width: 100, height: 100 })).toEqual({ width: 518, height: 518 });
  });

  it("caps the longer side of a panorama at 1036 px", () => {
    const size = modelInputSize(undefined, { width: 4000, height: 1000 });
    expect(size.width).toBe(1036);
    expect(size.height).toBe(266); // 1000 · 1036/4000 = 259 → nearest multiple of 14
  });

  it("always gives a dynamic model multiples of 14, at most 1036 px long, close to the layer's aspect ratio", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), (width, height) => {
        const size = modelInputSize([1, 3, "h", "w"], { width, height });
        expect(size.width % 14 + (size.height % 14)).toBe(0);
        expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(1036);
        expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(14);
        // Rounding each side to 14 px moves the aspect ratio by at most 7 px on either side.
        const ratio = size.width / size.height;
        if (Math.min(size.width, size.height) >= 140) expect(Math.abs(Math.log(ratio / (width / height)))).toBeLessThan(0.11);
      }),
    );
  });

  it("rejects a model whose input is not [batch, 3, height, width]", () => {
    expect(() => modelInputSize([1, 1, 224, 224], { width: 10, height: 10 })).toThrow(DepthModelError);
    expect(() => modelInputSize([1, 224, 224], { width: 10, height: 10 })).toThrow(/expected \[batch, 3, height, width\]/);
  });
});

describe("toPixelValues", () => {
  it("lays out NCHW planes with ImageNet mean/std normalisation", () => {
    // 2×1 image: a pure red pixel, then a mid-grey one.
    const image = rgbaImage(2, 1, (x) => (x === 0 ? [255, 0, 0] : [128, 128, 128]));
    const t = toPixelValues(image, { width: 2, height: 1 });
    expect(t.length).toBe(3 * 2);
    const norm = (v: number, mean: number, std: number) => (v / 255 - mean) / std;
    const expected = [norm(255, 0.485, 0.229), norm(128, 0.485, 0.229), norm(0, 0.456, 0.224), norm(128, 0.456, 0.224), norm(0, 0.406, 0.225), norm(128, 0.406, 0.225)];
    expected.forEach((v, i) => expect(t[i]).toBeCloseTo(v, 5));
  });

  it("resamples to the network size before normalising", () => {
    const image = rgbaImage(30, 20, () => [255, 255, 255]);
    const t = toPixelValues(image, { width: 14, height: 28 });
    expect(t.length).toBe(3 * 14 * 28);
    expect(t[0]).toBeCloseTo((1 - 0.485) / 0.229, 4);
    expect(t[3 * 14 * 28 - 1]).toBeCloseTo((1 - 0.406) / 0.225, 4);
  });
});
