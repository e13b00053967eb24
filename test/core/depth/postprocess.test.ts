import { depthToGray, normalizeDepth } from "../../../src/core/depth/postprocess";
import { DEFAULT_DEPTH_EDIT } from "../../../src/shared/depth-edit";

describe("depth post-processing", () => {
  it("paints the largest value (nearest, for inverse-depth models) white and the smallest black", () => {
    const gray = depthToGray([2, 10, 6], { width: 3, height: 1 }, { width: 3, height: 1 });
    expect(Array.from(gray)).toEqual([0, 255, 128]);
  });

  it("inverts to white = far on request", () => {
    const gray = depthToGray([2, 10, 6], { width: 3, height: 1 }, { width: 3, height: 1 }, { ...DEFAULT_DEPTH_EDIT, invert: true });
    expect(Array.from(gray)).toEqual([255, 0, 128]);
  });

  it("maps a flat prediction to mid-grey and non-finite values to far", () => {
    expect(Array.from(normalizeDepth([3, 3, 3]))).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(normalizeDepth([0, Number.NaN, 4, Number.POSITIVE_INFINITY]))).toEqual([0, 0, 1, 0]);
  });

  it("resizes back to the layer's size, keeping near on the same side", () => {
    // 2×2 depth: near on the left column.
    const gray = depthToGray([9, 1, 9, 1], { width: 2, height: 2 }, { width: 10, height: 6 });
    expect(gray.length).toBe(60);
    for (let y = 0; y < 6; y++) {
      expect(gray[y * 10]).toBe(255);
      expect(gray[y * 10 + 9]).toBe(0);
      for (let x = 1; x < 10; x++) expect(gray[y * 10 + x] as number).toBeLessThanOrEqual(gray[y * 10 + x - 1] as number);
    }
  });

  it("rejects a depth buffer whose length does not match its size", () => {
    expect(() => depthToGray([1, 2, 3], { width: 2, height: 2 }, { width: 2, height: 2 })).toThrow(RangeError);
  });
});
