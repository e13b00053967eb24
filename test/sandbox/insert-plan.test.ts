import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { ASPECT_SLACK, displaySize, placeOverSource, planInsert, type LayerRequest } from "../../src/sandbox/insert-plan";

const size = fc.record({ width: fc.double({ min: 1, max: 8000, noNaN: true }), height: fc.double({ min: 1, max: 8000, noNaN: true }) });
const result = (bitmap = { width: 10, height: 10 }): LayerRequest => ({ role: "result", bitmap, opacity: 1, blendMode: "normal" });
const depth = (bitmap = { width: 10, height: 10 }): LayerRequest => ({ role: "depth", bitmap, opacity: 0.5, blendMode: "multiply" });

describe("insert plan", () => {
  it("puts the result first (directly above the source) and the depth map above it, grouped", () => {
    const plan = planInsert({ width: 100, height: 100 }, [depth(), result()]);
    expect(plan.layers.map((l) => l.role)).toEqual(["result", "depth"]);
    expect(plan.group).toBe(true);
    expect(planInsert({ width: 100, height: 100 }, [depth()]).group).toBe(false);
    expect(planInsert({ width: 100, height: 100 }, [result()]).layers[0]).toMatchObject({ role: "result", opacity: 1, blendMode: "normal" });
  });

  it("refuses a source without area and an empty insert", () => {
    expect(() => planInsert({ width: 0, height: 10 }, [result()])).toThrow(/no area/);
    expect(() => planInsert({ width: 10, height: 10 }, [])).toThrow(/nothing/);
  });

  it("uses the source's exact size when the image has its aspect up to pixel rounding", () => {
    expect(displaySize({ width: 240, height: 160 }, { width: 1216, height: 811 })).toEqual({ width: 240, height: 160 });
  });

  it("otherwise keeps the image's aspect, as large as fits inside the source's box", () => {
    fc.assert(
      fc.property(size, size, (source, bitmap) => {
        const shown = displaySize(source, bitmap);
        expect(shown.width).toBeLessThanOrEqual(source.width * (1 + 1e-9));
        expect(shown.height).toBeLessThanOrEqual(source.height * (1 + 1e-9));
        const aspectError = Math.abs(shown.width / shown.height / (bitmap.width / bitmap.height) - 1);
        const fitsExactly = shown.width === source.width && shown.height === source.height;
        expect(fitsExactly ? aspectError <= ASPECT_SLACK + 1e-12 : aspectError < 1e-9).toBe(true);
        // One side always touches the source's box.
        expect(Math.max(shown.width / source.width, shown.height / source.height)).toBeCloseTo(1, 9);
      }),
    );
  });

  it("puts the layer's centre on the source's centre with the source's rotation", () => {
    expect(placeOverSource({ width: 200, height: 100 }, { x: 300, y: 40 }, -30)).toEqual({
      rotation: -30,
      localCenter: { x: 100, y: 50 },
      containerPoint: { x: 300, y: 40 },
    });
    expect(placeOverSource({ x: -10, y: 4, width: 20, height: 10 }, { x: 0, y: 0 }, 0).localCenter).toEqual({ x: 0, y: 9 });
  });
});
