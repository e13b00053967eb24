import fc from "fast-check";
import { applyDepthEdit, boxBlur } from "../../../src/core/depth/edit";
import { DEFAULT_DEPTH_EDIT, DepthEditSchema } from "../../../src/shared/depth-edit";

const size = { width: 5, height: 1 };
const ramp = [0, 0.25, 0.5, 0.75, 1];
const round = (values: Float32Array) => Array.from(values, (v) => Math.round(v * 1000) / 1000);

describe("depth editing", () => {
  it("leaves a map unchanged with the default edit", () => {
    expect(round(applyDepthEdit(ramp, size, DEFAULT_DEPTH_EDIT))).toEqual(ramp);
  });

  it("stretches the range between the far and near points and clips outside it", () => {
    expect(round(applyDepthEdit(ramp, size, { ...DEFAULT_DEPTH_EDIT, far: 0.25, near: 0.75 }))).toEqual([0, 0, 0.5, 1, 1]);
  });

  it("brightens middle distances with gamma above 1 and keeps the ends", () => {
    const out = applyDepthEdit(ramp, size, { ...DEFAULT_DEPTH_EDIT, gamma: 2 });
    expect(out[2]).toBeCloseTo(Math.SQRT1_2, 5);
    expect([out[0], out[4]]).toEqual([0, 1]);
  });

  it("inverts after levels and gamma", () => {
    expect(round(applyDepthEdit(ramp, size, { ...DEFAULT_DEPTH_EDIT, invert: true, far: 0.5 }))).toEqual([1, 1, 1, 0.5, 0]);
  });

  it("smooths by a radius relative to the longer side, so a thumbnail and the full map agree", () => {
    const step = (w: number) => Array.from({ length: w }, (_, x) => (x < w / 2 ? 1 : 0));
    const edit = { ...DEFAULT_DEPTH_EDIT, smoothing: 5 };
    const small = applyDepthEdit(step(40), { width: 40, height: 1 }, edit);
    const large = applyDepthEdit(step(400), { width: 400, height: 1 }, edit);
    // The soft transition covers the same share of the width at both sizes.
    const softShare = (v: Float32Array) => v.filter((x) => x > 1e-6 && x < 1 - 1e-6).length / v.length;
    expect(softShare(small)).toBeGreaterThan(0.05);
    expect(Math.abs(softShare(small) - softShare(large))).toBeLessThan(0.02);
    expect([small[0], large[0]]).toEqual([1, 1]);
  });

  it("rejects a near point at or below the far point", () => {
    expect(DepthEditSchema.safeParse({ far: 0.6, near: 0.4 }).success).toBe(false);
    expect(DepthEditSchema.parse({})).toEqual(DEFAULT_DEPTH_EDIT);
  });

  it("box blur keeps the mean of any map and maps a constant to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (width, height, radius, c) => {
        const flat = boxBlur(new Array(width * height).fill(c), { width, height }, radius);
        return flat.every((v) => Math.abs(v - c) < 1e-5);
      }),
    );
  });

  it("box blur equals the plain average over the clamped window", () => {
    const naive = (v: number[], w: number, h: number, r: number) => {
      const at = (x: number, y: number) => v[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))] as number;
      return v.map((_, i) => {
        let sum = 0;
        for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) sum += at((i % w) + dx, Math.floor(i / w) + dy);
        return sum / (2 * r + 1) ** 2;
      });
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), fc.uint8Array({ minLength: 81, maxLength: 81 }), (w, h, r, bytes) => {
        const values = Array.from(bytes.subarray(0, w * h), (b) => b / 255);
        const fast = boxBlur(values, { width: w, height: h }, r);
        naive(values, w, h, r).forEach((v, i) => expect(fast[i]).toBeCloseTo(v, 5));
      }),
    );
  });

  it("keeps every edited value within 0…1 and monotone in the input (without smoothing)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.49, noNaN: true }),
        fc.double({ min: 0.51, max: 1, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.boolean(),
        (far, near, gamma, invert) => {
          const input = Array.from({ length: 21 }, (_, i) => i / 20);
          const out = Array.from(applyDepthEdit(input, { width: 21, height: 1 }, { far, near, gamma, invert, smoothing: 0 }));
          const sorted = invert ? [...out].reverse() : out;
          return out.every((v) => v >= 0 && v <= 1) && sorted.every((v, i) => i === 0 || v >= (sorted[i - 1] as number) - 1e-6);
        },
      ),
    );
  });
});
