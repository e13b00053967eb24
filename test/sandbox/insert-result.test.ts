import { describe, expect, it } from "@jest/globals";
import { FakeGroup, FakeMediaContainer, type FakeNode } from "../fakes/express-document";
import { imageBlob, imageBytes } from "./images";
import { close, documentWithApi, expectSamePlace, png, provenance, sourceLayer } from "./setup";

const jpeg = async (w: number, h: number) => ({ bytes: await imageBytes(w, h, "jpeg"), mimeType: "image/jpeg" as const });

describe("insertResult places the restyle above its source", () => {
  it("gives the result the source's bounds, size and rotation, directly above it", async () => {
    for (const rotation of [0, 30, -135]) {
      const { doc, api } = documentWithApi();
      const below = doc.addRectangle({ width: 50, height: 50 }, { x: 0, y: 0 });
      const source = await sourceLayer(doc, rotation);
      const above = doc.addRectangle({ width: 50, height: 50 }, { x: 500, y: 500 });
      const outcome = await api.insertResult({ sourceId: source.id, image: await png(600, 400), provenance: provenance("restyle", source.id) });
      const result = doc.findById(outcome.resultId ?? "");
      expect(result).toBeInstanceOf(FakeMediaContainer);
      const node = result as FakeMediaContainer;
      expect(doc.artboard.children.toArray()).toEqual([below, source, node, above]);
      expect(outcome.groupId).toBeUndefined();
      close(node.boundsLocal.width, 240);
      close(node.boundsLocal.height, 160);
      close(node.rotation, rotation);
      expectSamePlace(node, source);
      const pageBounds = node.boundsInNode(doc.artboard);
      const sourceBounds = source.boundsInNode(doc.artboard);
      for (const k of ["x", "y", "width", "height"] as const) close(pageBounds[k], sourceBounds[k], 4);
    }
  });

  it("stacks the depth map above the result and groups both in the source's slot", async () => {
    const { doc, api } = documentWithApi();
    const below = doc.addRectangle({ width: 50, height: 50 }, { x: 0, y: 0 });
    const source = await sourceLayer(doc, 15);
    const above = doc.addRectangle({ width: 50, height: 50 }, { x: 500, y: 500 });
    const outcome = await api.insertResult({
      sourceId: source.id,
      image: await jpeg(600, 400),
      provenance: provenance("restyle", source.id),
      depthMap: { image: await png(300, 200), blendMode: "multiply", opacity: 0.4, provenance: provenance("depth", source.id) },
    });
    const group = doc.findById(outcome.groupId ?? "") as FakeGroup;
    expect(group).toBeInstanceOf(FakeGroup);
    expect(doc.artboard.children.toArray()).toEqual([below, source, group, above]);
    expect(group.children.toArray().map((n) => n.id)).toEqual([outcome.resultId, outcome.depthId]);
    const [result, depth] = group.children.toArray() as FakeMediaContainer[];
    if (!result || !depth) throw new Error("group lacks its layers");
    expect(depth.blendMode).toBe(doc.constants.BlendMode.multiply);
    expect(depth.opacity).toBeCloseTo(0.4, 10);
    expect(result.blendMode).toBe(doc.constants.BlendMode.normal);
    expect(result.opacity).toBe(1);
    expect(group.blendMode).toBe(doc.constants.BlendMode.passThrough);
    expectSamePlace(result, source);
    expectSamePlace(depth, source);
    expect(doc.structuralProblems()).toEqual([]);
    expect(result.addOnData.getItem("dr:kind")).toBe("restyle");
    expect(depth.addOnData.getItem("dr:kind")).toBe("depth");
    expect(group.addOnData.getItem("dr:kind")).toBe("restyle");
  });

  it("places the result over a rotated layer inside a rotated group at the same page position", async () => {
    const { doc, api } = documentWithApi();
    const source = await doc.addImageLayer(await imageBlob(200, 100), { width: 200, height: 100 }, { x: 40, y: 30, rotation: 20 });
    const other = doc.addRectangle({ width: 30, height: 30 }, { x: 0, y: 0 });
    const group = doc.addGroup([source, other], { x: 300, y: 250 });
    doc.beginTurn();
    group.setRotationInParent(45, { x: 0, y: 0 });
    const outcome = await api.insertResult({ sourceId: source.id, image: await png(200, 100), provenance: provenance("restyle", source.id) });
    const result = doc.findById(outcome.resultId ?? "") as FakeMediaContainer;
    expect(result.parent).toBe(group);
    expect(group.children.toArray()).toEqual([source, result, other]);
    expectSamePlace(result, source);
    close(result.rotationInScreen, 65);
    expect(doc.structuralProblems()).toEqual([]);
  });

  it("keeps an image whose aspect differs from the layer's undistorted, centred in the layer's box", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc); // 240 × 160
    const outcome = await api.insertResult({ sourceId: source.id, image: await png(100, 100), provenance: provenance("restyle", source.id) });
    const result = doc.findById(outcome.resultId ?? "") as FakeMediaContainer;
    close(result.boundsLocal.width, 160);
    close(result.boundsLocal.height, 160);
    const c = result.localPointInNode(result.centerPointLocal, doc.artboard);
    const s = source.localPointInNode(source.centerPointLocal, doc.artboard);
    close(c.x, s.x);
    close(c.y, s.y);
  });

  it("leaves the source layer exactly as it was", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, 10);
    source.addOnData.setItem("user-note", "keep me");
    const before = doc.snapshot().nodes.find((n) => n.id === source.id);
    await api.insertResult({
      sourceId: source.id,
      image: await png(240, 160),
      provenance: provenance("restyle", source.id),
      depthMap: { image: await png(240, 160), blendMode: "screen", opacity: 1, provenance: provenance("depth", source.id) },
    });
    const after = doc.snapshot().nodes.find((n) => n.id === source.id);
    expect(after).toEqual(before);
    expect(source.parent).toBe(doc.artboard);
  });

  it("keeps each layer's AddOnData within 3 KB even with 2000-character prompts, marked truncated", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc);
    const prompt = "an oil painting of a lighthouse in a storm, dramatic light, ".repeat(40).slice(0, 2000).trim();
    const settings = { prompt, negativePrompt: prompt };
    const outcome = await api.insertResult({
      sourceId: source.id,
      image: await png(240, 160),
      provenance: provenance("restyle", source.id, settings),
      depthMap: { image: await png(240, 160), blendMode: "overlay", opacity: 0.5, provenance: provenance("depth", source.id, settings) },
    });
    for (const id of [outcome.resultId, outcome.depthId, outcome.groupId]) {
      const node = doc.findById(id ?? "") as FakeNode;
      expect(node.addOnData.remainingQuota.sizeInBytes).toBeGreaterThanOrEqual(0);
      expect(node.addOnData.getItem("dr:truncated")).toBe("1");
    }
    const info = await api.getSelection();
    expect(info.layers).toEqual([]);
    doc.select(doc.findById(outcome.resultId ?? "") as FakeNode);
    const [layer] = (await api.getSelection()).layers;
    expect(layer?.provenance).toMatchObject({ kind: "restyle", sourceId: source.id, truncated: true });
    expect(prompt.startsWith(layer?.provenance?.settings?.prompt ?? "∅")).toBe(true);
  });
});
