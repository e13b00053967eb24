import { describe, expect, it } from "@jest/globals";
import type { FakeGroup, FakeMediaContainer } from "../fakes/express-document";
import { decodeProvenance } from "../../src/sandbox/provenance";
import { documentWithApi, expectSamePlace, png, provenance, sourceLayer } from "./setup";

const slice = async (index: number, count: number, sourceId: string) => ({
  image: await png(240, 160),
  provenance: { ...provenance("slice", sourceId), settings: undefined, band: { index, count } },
});

describe("insertSlices adds depth slices above the source", () => {
  it("groups N slices directly above the source, nearest on top, each in the source's place with its band", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, 25);
    const above = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const outcome = await api.insertSlices({ sourceId: source.id, slices: await Promise.all([1, 2, 3].map((i) => slice(i, 3, source.id))) });
    expect(outcome.sliceIds).toHaveLength(3);
    const group = doc.findById(outcome.groupId ?? "") as FakeGroup;
    expect(doc.artboard.children.toArray()).toEqual([source, group, above]);
    const [nearest, middle, farthest] = (outcome.sliceIds ?? []).map((id) => doc.findById(id) as FakeMediaContainer);
    // Index 0 = bottom: the farthest slice lies lowest, the nearest on top.
    expect(group.children.toArray()).toEqual([farthest, middle, nearest]);
    expect(decodeProvenance(nearest!.addOnData)).toMatchObject({ kind: "slice", sourceId: source.id, band: { index: 1, count: 3 } });
    expect(decodeProvenance(farthest!.addOnData)?.band).toEqual({ index: 3, count: 3 });
    expect(decodeProvenance(group.addOnData)).toMatchObject({ kind: "slice", sourceId: source.id, band: undefined });
    for (const node of [nearest, middle, farthest]) expectSamePlace(node!, source);
  });

  it("inserts a single foreground slice ungrouped, directly above the source", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc);
    const outcome = await api.insertSlices({ sourceId: source.id, slices: [await slice(1, 3, source.id)] });
    expect(outcome.groupId).toBeUndefined();
    const only = doc.findById(outcome.sliceIds?.[0] ?? "") as FakeMediaContainer;
    expect(doc.artboard.children.toArray()).toEqual([source, only]);
  });

  it("refuses JPEG slices (they would lose the cut-out) and more than 8", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc);
    const one = await slice(1, 2, source.id);
    await expect(api.insertSlices({ sourceId: source.id, slices: [{ ...one, image: { ...one.image, mimeType: "image/jpeg" } }] } as never)).rejects.toThrow(/slices\.0\.image\.mimeType/);
    await expect(api.insertSlices({ sourceId: source.id, slices: Array.from({ length: 9 }, () => one) })).rejects.toThrow(/slices/);
  });
});
