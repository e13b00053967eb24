import fc from "fast-check";
import { DRIFT_BELOW, compositionScore, pearson, scoreGrid } from "../../../src/core/depth/score";

const map = (width: number, height: number, f: (x: number, y: number) => number) => ({
  width,
  height,
  data: Float32Array.from({ length: width * height }, (_, i) => f(i % width, Math.floor(i / width))),
});

/** A scene: a near disc on a floor that recedes upwards. */
const scene = (width: number, height: number, cx: number) =>
  map(width, height, (x, y) => (Math.hypot(x - cx * width, y - 0.6 * height) < 0.2 * width ? 1 : 0.2 + (0.6 * y) / height));

describe("composition score", () => {
  it("is 1 for the same layout at another scale and depth range (normalised correlation)", () => {
    const source = scene(120, 80, 0.5);
    const result = map(60, 40, (x, y) => 5 + 3 * (scene(60, 40, 0.5).data[y * 60 + x] as number));
    expect(compositionScore(source, result).score).toBeCloseTo(1, 2);
  });

  it("separates a result that keeps the layout from one that does not", () => {
    const source = scene(96, 64, 0.3);
    // Kept: the same scene with texture noise and a softer depth range, as a restyle might return.
    const kept = map(96, 64, (x, y) => 0.5 * (source.data[y * 96 + x] as number) + 0.08 * Math.sin(x * 1.7 + y * 2.3));
    // Drifted: the subject moved to the other side and the floor flipped.
    const moved = map(96, 64, (x, y) => (Math.hypot(x - 0.75 * 96, y - 0.3 * 64) < 0.2 * 96 ? 1 : 0.8 - (0.6 * y) / 64));
    const good = compositionScore(source, kept);
    const bad = compositionScore(source, moved);
    expect(good.score).toBeGreaterThan(0.9);
    expect(good.drifted).toBe(false);
    expect(bad.score).toBeLessThan(DRIFT_BELOW);
    expect(bad.drifted).toBe(true);
  });

  it("scores a flat map 0: no layout to compare", () => {
    expect(compositionScore(scene(20, 20, 0.5), map(20, 20, () => 0.4)).score).toBe(0);
  });

  it("compares on a small grid with the source's aspect, never upscaling", () => {
    expect(scoreGrid({ width: 1000, height: 500 })).toEqual({ width: 64, height: 32 });
    expect(scoreGrid({ width: 10, height: 30 })).toEqual({ width: 10, height: 30 });
  });

  it("is symmetric, bounded, and 1 against itself", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 50 }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 50, maxLength: 50 }), (a, b) => {
        const bb = b.slice(0, a.length);
        const r = pearson(a, bb);
        expect(Math.abs(r - pearson(bb, a))).toBeLessThan(1e-9);
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(1);
        const self = pearson(a, a);
        expect(self === 0 || Math.abs(self - 1) < 1e-9).toBe(true);
      }),
    );
  });
});
