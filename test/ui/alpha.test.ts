import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { alphaFromBackdrops, alphaRange, normaliseAlpha } from "../../src/ui/image/alpha";

/** One pixel of colour `c` (0–255 per channel) at alpha `a` (0–1) composited over a flat backdrop. */
const over = (c: number[], a: number, backdrop: number) => c.map((v) => Math.round(a * v + (1 - a) * backdrop));

describe("alpha from a black and a white reading", () => {
  it("recovers each pixel's alpha and straight colour to within rounding", () => {
    const channel = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(channel, channel, channel), fc.integer({ min: 8, max: 255 }), (rgb, a255) => {
        const a = a255 / 255;
        const black = new Uint8ClampedArray([...over(rgb, a, 0), 255]);
        const white = new Uint8ClampedArray([...over(rgb, a, 255), 255]);
        const out = new Uint8ClampedArray(4);
        alphaFromBackdrops(black, white, out);
        expect(Math.abs((out[3] as number) - a255)).toBeLessThanOrEqual(1);
        // Colour error grows as alpha shrinks (1/α amplifies rounding), never beyond a few levels here.
        rgb.forEach((v, i) => expect(Math.abs((out[i] as number) - v)).toBeLessThanOrEqual(Math.ceil(2 / a)));
      }),
    );
  });

  it("reads a pixel the backdrop does not show through as opaque, and an empty one as transparent", () => {
    const black = new Uint8ClampedArray([10, 20, 30, 255, 0, 0, 0, 255]);
    const white = new Uint8ClampedArray([10, 20, 30, 255, 255, 255, 255, 255]);
    const out = new Uint8ClampedArray(8);
    expect(alphaFromBackdrops(black, white, out)).toEqual({ min: 0, max: 255 });
    expect([...out]).toEqual([10, 20, 30, 255, 0, 0, 0, 0]);
  });
});

describe("normaliseAlpha", () => {
  it("treats a layer faded by its opacity as opaque: no mask", () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 230, 4, 5, 6, 229]);
    expect(normaliseAlpha(rgba, alphaRange(rgba))).toBe(false);
    expect([rgba[3], rgba[7]]).toEqual([255, 255]);
  });

  it("keeps a cut-out's shape, scaled so its most opaque pixel is opaque", () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 128, 0, 0, 0, 0, 0, 0, 0, 64]);
    expect(normaliseAlpha(rgba, alphaRange(rgba))).toBe(true);
    expect([rgba[3], rgba[7], rgba[11]]).toEqual([255, 0, 128]);
  });
});
