import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { stackAbove } from "../../src/sandbox/insert-plan";
import { png, provenance, documentWithApi, sourceLayer } from "./setup";

describe("stackAbove (pure)", () => {
  it("lands above the highest earlier result of the same source, else directly above the source", () => {
    expect(stackAbove(1, [undefined, undefined, undefined], "s")).toBe(1);
    expect(stackAbove(1, [undefined, undefined, "s", "other", "s", undefined], "s")).toBe(4);
    // A result the user dragged below its source does not pull the new one under the source.
    expect(stackAbove(2, ["s", undefined, undefined], "s")).toBe(2);
    expect(() => stackAbove(3, ["s"], "s")).toThrow(RangeError);
  });

  it("is never below the source nor below any result of that source", () => {
    const slot = fc.constantFrom<string | undefined>(undefined, "s", "t");
    fc.assert(
      fc.property(fc.array(slot, { minLength: 1, maxLength: 12 }), fc.nat(), (madeFrom, n) => {
        const source = n % madeFrom.length;
        const at = stackAbove(source, madeFrom, "s");
        expect(at).toBeGreaterThanOrEqual(source);
        madeFrom.forEach((from, i) => {
          if (from === "s") expect(at).toBeGreaterThanOrEqual(i);
        });
      }),
    );
  });
});

describe("a second result of one layer is the visible one", () => {
  it("goes above the first result (plain or grouped with its depth map), the source untouched below", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, 20);
    const neighbour = doc.addRectangle({ width: 50, height: 50 }, { x: 600, y: 500 });
    const sourceBefore = { corners: source.boundsInNode(doc.artboard), opacity: source.opacity };

    const first = await api.insertResult({ sourceId: source.id, image: await png(300, 200), provenance: provenance("restyle", source.id) });
    const grouped = await api.insertResult({
      sourceId: source.id,
      image: await png(300, 200),
      provenance: provenance("restyle", source.id),
      depthMap: { image: await png(300, 200), blendMode: "multiply", opacity: 0.5, provenance: provenance("depth", source.id) },
    });
    const depthOnly = await api.insertDepth({ sourceId: source.id, image: await png(300, 200), blendMode: "screen", opacity: 0.3, provenance: provenance("depth", source.id) });
    const third = await api.insertResult({ sourceId: source.id, image: await png(300, 200), provenance: provenance("restyle", source.id) });

    const ids = doc.artboard.children.toArray().map((n) => n.id);
    expect(ids).toEqual([source.id, first.resultId, grouped.groupId, depthOnly.depthId, third.resultId, neighbour.id]);
    expect(source.boundsInNode(doc.artboard)).toEqual(sourceBefore.corners);
    expect(source.opacity).toBe(sourceBefore.opacity);
  });

  it("ignores results of other layers: a result of another source above is not jumped over", async () => {
    const { doc, api } = documentWithApi();
    const a = await sourceLayer(doc);
    const b = doc.addRectangle({ width: 80, height: 60 }, { x: 500, y: 400 });
    const ofB = await api.insertResult({ sourceId: b.id, image: await png(80, 60), provenance: provenance("restyle", b.id) });
    const ofA = await api.insertResult({ sourceId: a.id, image: await png(300, 200), provenance: provenance("restyle", a.id) });
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([a.id, ofA.resultId, b.id, ofB.resultId]);
  });
});
