import fc from "fast-check";
import { resample } from "../../../src/core/depth/resize";

describe("resample", () => {
  it("returns the same samples when the size does not change", () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(resample(src, 3, 2, 1, 3, 2))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("blends neighbours when halving (no aliasing: every source pixel counts)", () => {
    // Alternating 0/100 columns: point sampling would give all 0 or all 100.
    const src = Float32Array.from({ length: 16 * 2 }, (_, i) => (i % 2 ? 100 : 0));
    const out = resample(src, 16, 2, 1, 8, 1);
    for (const v of out) expect(Math.abs(v - 50)).toBeLessThan(10);
    expect(out[3]).toBeCloseTo(50, 3); // interior pixels see a symmetric window
  });

  it("keeps channels apart when resampling interleaved RGBA", () => {
    const src = new Float32Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) src.set([10, 20, 30, 255], p * 4);
    const out = resample(src, 4, 4, 4, 7, 3);
    expect(out.length).toBe(7 * 3 * 4);
    for (let p = 0; p < 21; p++) expect(Array.from(out.subarray(p * 4, p * 4 + 4)).map((v) => Math.round(v))).toEqual([10, 20, 30, 255]);
  });

  it("upscales a ramp into a monotonic ramp that keeps its end values", () => {
    const out = resample(Float32Array.from([0, 100]), 2, 1, 1, 8, 1);
    for (let i = 1; i < out.length; i++) expect(out[i] as number).toBeGreaterThanOrEqual(out[i - 1] as number);
    expect(out[0]).toBe(0);
    expect(out[7]).toBe(100);
  });

  it("never leaves the range of its input (convex weights), for any sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer(), (sw, sh, dw, dh, seed) => {
        const src = Float32Array.from({ length: sw * sh }, (_, i) => Math.abs(Math.sin(seed + i * 7.1)) * 255);
        const out = resample(src, sw, sh, 1, dw, dh);
        const min = Math.min(...src);
        const max = Math.max(...src);
        expect(out.length).toBe(dw * dh);
        for (const v of out) {
          expect(v).toBeGreaterThanOrEqual(min - 1e-3);
          expect(v).toBeLessThanOrEqual(max + 1e-3);
        }
      }),
    );
  });

  it("rejects a sample count that does not match the stated size", () => {
    expect(() => resample(new Float32Array(5), 2, 2, 1, 1, 1)).toThrow(RangeError);
  });
});
