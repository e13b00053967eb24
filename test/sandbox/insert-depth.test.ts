import { describe, expect, it } from "@jest/globals";
import type { FakeMediaContainer } from "../fakes/express-document";
import { documentWithApi, expectSamePlace, png, provenance, sourceLayer } from "./setup";

describe("insertDepth adds a depth layer alone", () => {
  it("puts one ungrouped depth layer directly above the source with its blend mode and opacity", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, -30);
    const above = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const outcome = await api.insertDepth({ sourceId: source.id, image: await png(240, 160), blendMode: "softLight", opacity: 0.7, provenance: provenance("depth", source.id) });
    expect(outcome.resultId).toBeUndefined();
    expect(outcome.groupId).toBeUndefined();
    const depth = doc.findById(outcome.depthId ?? "") as FakeMediaContainer;
    expect(doc.artboard.children.toArray()).toEqual([source, depth, above]);
    expect(depth.blendMode).toBe(doc.constants.BlendMode.softLight);
    expect(depth.opacity).toBeCloseTo(0.7, 10);
    expectSamePlace(depth, source);
  });

  it("stays inside the source's own group, directly above it, at the same page position", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, 20);
    const sibling = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const group = doc.addGroup([source, sibling], { x: 50, y: 40 });
    doc.beginTurn();
    group.setRotationInParent(-40, { x: 0, y: 0 });
    const outcome = await api.insertDepth({ sourceId: source.id, image: await png(240, 160), blendMode: "overlay", opacity: 1, provenance: provenance("depth", source.id) });
    const depth = doc.findById(outcome.depthId ?? "") as FakeMediaContainer;
    expect(group.children.toArray()).toEqual([source, depth, sibling]);
    expectSamePlace(depth, source);
  });
});
