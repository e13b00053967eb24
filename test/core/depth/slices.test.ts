import fc from "fast-check";
import { bandOf, bandWeights, sliceByDepth, stackAlphas } from "../../../src/core/depth/slices";

/** Straight-alpha "over" of the slices, nearest on top: the coverage a viewer sees. */
function stackedCoverage(alphas: readonly Uint8Array[], i: number): number {
  let clear = 1;
  for (const a of alphas) clear *= 1 - (a[i] as number) / 255;
  return 1 - clear;
}

const grayMap = (width: number, height: number) => fc.uint8Array({ minLength: width * height, maxLength: width * height });

describe("split by depth", () => {
  it("puts white (nearest) in band 0 and black (farthest) in the last band", () => {
    expect([bandOf(255, 3), bandOf(170, 3), bandOf(169, 3), bandOf(85, 3), bandOf(84, 3), bandOf(0, 3)]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(bandOf(0, 8)).toBe(7);
  });

  it("without feathering, every pixel is in exactly one slice, at its own alpha", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), grayMap(6, 5), grayMap(6, 5), (count, gray, alpha) => {
        const alphas = stackAlphas(bandWeights(gray, { width: 6, height: 5 }, count, 0), (i) => alpha[i] as number);
        for (let i = 0; i < gray.length; i++) {
          const holding = alphas.filter((a) => (a[i] as number) > 0);
          if (alpha[i] === 0) expect(holding).toHaveLength(0);
          else {
            expect(holding).toHaveLength(1);
            expect(holding[0]![i]).toBe(alpha[i]);
            expect(alphas[bandOf(gray[i] as number, count)]![i]).toBe(alpha[i]);
          }
        }
      }),
    );
  });

  it("feathered band weights sum to 1 at every pixel", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 4 }), grayMap(7, 5), (count, feather, gray) => {
        const weights = bandWeights(gray, { width: 7, height: 5 }, count, feather);
        for (let i = 0; i < gray.length; i++) expect(weights.reduce((s, w) => s + (w[i] as number), 0)).toBeCloseTo(1, 5);
      }),
    );
  });

  it("stacked nearest-on-top, the feathered slices composite back to the source's alpha", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 4 }), grayMap(6, 6), grayMap(6, 6), (count, feather, gray, alpha) => {
        const alphas = stackAlphas(bandWeights(gray, { width: 6, height: 6 }, count, feather), (i) => alpha[i] as number);
        // 8-bit rounding of each of up to 8 slices bounds the error.
        for (let i = 0; i < gray.length; i++) expect(Math.abs(stackedCoverage(alphas, i) - (alpha[i] as number) / 255)).toBeLessThan((count + 1) / 255);
      }),
    );
  });

  it("feathering softens a slice's edge into its neighbour and leaves the interior solid", () => {
    const width = 40;
    const gray = Uint8Array.from({ length: width }, (_, x) => (x < 20 ? 255 : 0));
    const [near] = stackAlphas(bandWeights(gray, { width, height: 1 }, 2, 3), () => 255);
    expect(near![0]).toBe(255);
    expect(near![39]).toBe(0);
    expect(near![19]).toBeGreaterThan(0);
    expect(near![19]).toBeLessThan(255);
    expect(near![20]).toBeGreaterThan(0); // the soft edge reaches past the cut
  });

  it("copies the source's colours into each slice where it is visible and leaves the rest transparent", () => {
    const image = { width: 2, height: 1, data: Uint8ClampedArray.from([10, 20, 30, 255, 40, 50, 60, 128]) };
    const [near, far] = sliceByDepth(image, [255, 0], 2, 0);
    expect(Array.from(near!.data)).toEqual([10, 20, 30, 255, 0, 0, 0, 0]);
    expect(Array.from(far!.data)).toEqual([0, 0, 0, 0, 40, 50, 60, 128]);
  });

  it("refuses a depth map of another size", () => {
    expect(() => sliceByDepth({ width: 2, height: 2, data: new Uint8ClampedArray(16) }, [1, 2, 3], 2, 0)).toThrow(RangeError);
  });
});
