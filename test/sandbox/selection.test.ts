import { describe, expect, it } from "@jest/globals";
import { SelectionInfoSchema } from "../../src/shared/sandbox-api";
import { imageBlob } from "./images";
import { close, documentWithApi } from "./setup";

describe("getSelection describes the selected layers in page coordinates", () => {
  it("reports id, type, size, rotation and axis-aligned page bounds of a rotated image", async () => {
    const { doc, api } = documentWithApi(800, 600);
    const image = await doc.addImageLayer(await imageBlob(200, 100), { width: 200, height: 100 }, { x: 100, y: 100, rotation: 90 });
    doc.select(image);
    const info = SelectionInfoSchema.parse(await api.getSelection());
    expect(info.page).toEqual({ id: doc.page.id, width: 800, height: 600 });
    const [layer] = info.layers;
    expect(layer).toMatchObject({ id: image.id, type: "MediaContainer", size: { width: 200, height: 100 }, rotation: 90, rotationInPage: 90 });
    // Centre (200, 150); turned a quarter, the box is 100 wide and 200 high.
    close(layer?.bounds.x ?? NaN, 150);
    close(layer?.bounds.y ?? NaN, 50);
    close(layer?.bounds.width ?? NaN, 100);
    close(layer?.bounds.height ?? NaN, 200);
    expect(layer?.provenance).toBeUndefined();
  });

  it("adds the group's transform for a nested layer and reports its total rotation", async () => {
    const { doc, api } = documentWithApi(800, 600);
    const inner = doc.addRectangle({ width: 100, height: 40 }, { x: 10, y: 0, rotation: 30 });
    const group = doc.addGroup([inner, doc.addRectangle({ width: 5, height: 5 }, { x: 0, y: 0 })], { x: 400, y: 300 });
    doc.beginTurn();
    group.setRotationInParent(60, { x: 0, y: 0 });
    doc.select(inner);
    const [layer] = (await api.getSelection()).layers;
    expect(layer).toMatchObject({ type: "Rectangle", rotation: 30, size: { width: 100, height: 40 } });
    close(layer?.rotationInPage ?? NaN, 90);
    // Turning about its own centre keeps that centre at (10 + 50, 0 + 20) in the group; the
    // group then turns 60° about its origin at (400, 300).
    const centreInGroup = { x: 60, y: 20 };
    const r = (60 * Math.PI) / 180;
    const cx = 400 + centreInGroup.x * Math.cos(r) - centreInGroup.y * Math.sin(r);
    const cy = 300 + centreInGroup.x * Math.sin(r) + centreInGroup.y * Math.cos(r);
    // At 90° in total the 100 × 40 box stands 40 wide and 100 high around that centre.
    close(layer?.bounds.width ?? NaN, 40);
    close(layer?.bounds.height ?? NaN, 100);
    close((layer?.bounds.x ?? NaN) + 20, cx);
    close((layer?.bounds.y ?? NaN) + 50, cy);
  });

  it("lists several layers in selection order and nothing when the selection is empty", async () => {
    const { doc, api } = documentWithApi();
    const a = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const b = doc.addRectangle({ width: 20, height: 20 }, { x: 50, y: 50 });
    expect((await api.getSelection()).layers).toEqual([]);
    doc.select(b, a);
    expect((await api.getSelection()).layers.map((l) => l.id)).toEqual([b.id, a.id]);
  });
});
