import fc from "fast-check";
import { cropRect, fitToModel, MAX_IMPORT_SIDE, outputSize, scaleBack } from "../../src/core/geometry";

const side = fc.integer({ min: 1, max: MAX_IMPORT_SIDE });
/** Sizes whose aspect lies within 1:4..4:1. */
const moderate = fc
  .record({ width: fc.integer({ min: 8, max: MAX_IMPORT_SIDE }), logAspect: fc.double({ min: -Math.log(4), max: Math.log(4), noNaN: true }) })
  .map(({ width, logAspect }) => ({ width, height: Math.max(1, Math.round(width / Math.exp(logAspect))) }))
  .filter(({ width, height }) => width / height >= 0.25 && width / height <= 4);

describe("fitToModel", () => {
  it("keeps both sides multiples of 64 and the area within 1024² for any size from 1 to 8000 px", () => {
    fc.assert(
      fc.property(side, side, (width, height) => {
        const fit = fitToModel({ width, height });
        expect(fit.width % 64).toBe(0);
        expect(fit.height % 64).toBe(0);
        expect(fit.width * fit.height).toBeLessThanOrEqual(1024 * 1024);
      }),
      { numRuns: 300 },
    );
  });

  it("uses at least 0.75 MP and stays within 3.5 % of the aspect for aspects within 1:4..4:1", () => {
    fc.assert(
      fc.property(moderate, ({ width, height }) => {
        const fit = fitToModel({ width, height });
        expect(fit.width * fit.height).toBeGreaterThanOrEqual(0.75 * 1024 * 1024);
        expect(Math.abs(fit.width / fit.height / (width / height) - 1)).toBeLessThanOrEqual(0.035);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws for extreme aspects (1×8000, 8000×1)", () => {
    expect(fitToModel({ width: 1, height: 8000 })).toEqual({ width: 64, height: 2048 });
    expect(fitToModel({ width: 8000, height: 1 })).toEqual({ width: 2048, height: 64 });
    expect(fitToModel({ width: 1, height: 1 })).toEqual({ width: 1024, height: 1024 });
  });

  it("prefers the larger area among near-equal aspects (1920×1080 → 1344×768)", () => {
    expect(fitToModel({ width: 1920, height: 1080 })).toEqual({ width: 1344, height: 768 });
  });

  it("rejects empty or non-finite sizes", () => {
    expect(() => fitToModel({ width: 0, height: 10 })).toThrow(RangeError);
    expect(() => fitToModel({ width: Number.NaN, height: 10 })).toThrow(RangeError);
  });
});

describe("scaleBack", () => {
  it("maps the model image exactly back onto the target size", () => {
    fc.assert(
      fc.property(side, side, (width, height) => {
        const model = fitToModel({ width, height });
        const { scaleX, scaleY } = scaleBack(model, { width, height });
        expect(Math.round(model.width * scaleX)).toBe(width);
        expect(Math.round(model.height * scaleY)).toBe(height);
        expect(model.width * scaleX).toBeCloseTo(width, 9);
        expect(model.height * scaleY).toBeCloseTo(height, 9);
      }),
    );
  });
});

describe("cropRect", () => {
  const page = { width: 1000, height: 800 };
  const rendition = { width: 1500, height: 1200 };
  const bounds = fc.record({
    x: fc.double({ min: -500, max: 1200, noNaN: true }),
    y: fc.double({ min: -500, max: 1000, noNaN: true }),
    width: fc.double({ min: 0.01, max: 1500, noNaN: true }),
    height: fc.double({ min: 0.01, max: 1500, noNaN: true }),
  });

  it("rounds outward and clamps to the rendition, or is null outside the page", () => {
    fc.assert(
      fc.property(bounds, (b) => {
        const rect = cropRect(b, page, rendition);
        const sx = rendition.width / page.width;
        const sy = rendition.height / page.height;
        const left = Math.max(0, b.x * sx);
        const top = Math.max(0, b.y * sy);
        const right = Math.min(rendition.width, (b.x + b.width) * sx);
        const bottom = Math.min(rendition.height, (b.y + b.height) * sy);
        if (rect === null) {
          expect(Math.ceil(right) <= Math.floor(left) || Math.ceil(bottom) <= Math.floor(top)).toBe(true);
          return;
        }
        expect(Number.isInteger(rect.x) && Number.isInteger(rect.y) && Number.isInteger(rect.width) && Number.isInteger(rect.height)).toBe(true);
        expect(rect.x).toBeGreaterThanOrEqual(0);
        expect(rect.y).toBeGreaterThanOrEqual(0);
        expect(rect.x + rect.width).toBeLessThanOrEqual(rendition.width);
        expect(rect.y + rect.height).toBeLessThanOrEqual(rendition.height);
        expect(rect.x).toBeLessThanOrEqual(left);
        expect(rect.y).toBeLessThanOrEqual(top);
        expect(rect.x + rect.width).toBeGreaterThanOrEqual(right);
        expect(rect.y + rect.height).toBeGreaterThanOrEqual(bottom);
        expect(rect.x + rect.width - right).toBeLessThan(1);
        expect(left - rect.x).toBeLessThan(1);
      }),
      { numRuns: 1000 },
    );
  });

  it("returns the exact pixels of aligned bounds", () => {
    expect(cropRect({ x: 100, y: 200, width: 300, height: 100 }, page, rendition)).toEqual({ x: 150, y: 300, width: 450, height: 150 });
    expect(cropRect({ x: 1100, y: 0, width: 10, height: 10 }, page, rendition)).toBeNull();
  });
});

describe("outputSize", () => {
  it("caps the longest side at the import limit with the aspect kept", () => {
    expect(outputSize({ width: 4000, height: 2000 }, 4)).toEqual({ width: 8000, height: 4000 });
    expect(outputSize({ width: 300, height: 200 }, 2)).toEqual({ width: 600, height: 400 });
  });
});
