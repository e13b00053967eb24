import { describe, expect, it } from "@jest/globals";
import { ADD_ON_DATA_LIMITS, createExpressDocument, readImageHeader } from "../fakes/express-document";
import { imageBlob } from "./images";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

describe("in-memory Express document (fidelity of the stand-in)", () => {
  it("reads the pixel size from real PNG and JPEG headers", async () => {
    for (const format of ["png", "jpeg"] as const) {
      const blob = await imageBlob(321, 123, format);
      expect(readImageHeader(new Uint8Array(await blob.arrayBuffer()))).toEqual({ mimeType: `image/${format}`, width: 321, height: 123 });
    }
    expect(readImageHeader(new TextEncoder().encode("GIF89a not an image"))).toBeUndefined();
  });

  it("rejects data that is not PNG/JPEG and images over 8000 px, like Express's import", async () => {
    const doc = createExpressDocument({ width: 800, height: 600 });
    await expect(doc.editor.loadBitmapImage(new Blob(["hello"]))).rejects.toThrow(/not a PNG or JPEG/);
    await expect(doc.editor.loadBitmapImage(await imageBlob(8001, 2))).rejects.toThrow(/8000 px/);
  });

  it("rotates around the given point and reports rotated bounds in the parent", () => {
    const doc = createExpressDocument({ width: 800, height: 600 });
    const rect = doc.addRectangle({ width: 200, height: 100 }, { x: 100, y: 100, rotation: 90 });
    close(rect.rotation, 90);
    const b = rect.boundsInParent; // centre (200, 150) stays; box turns 100 wide, 200 high
    close(b.x, 150);
    close(b.y, 50);
    close(b.width, 100);
    close(b.height, 200);
    const centre = rect.localPointInNode(rect.centerPointLocal, doc.artboard);
    close(centre.x, 200);
    close(centre.y, 150);
  });

  it("composes nested transforms: a node in a rotated group has page bounds and rotationInScreen", () => {
    const doc = createExpressDocument({ width: 800, height: 600 });
    const inner = doc.addRectangle({ width: 100, height: 50 }, { x: 0, y: 0 });
    const group = doc.addGroup([inner, doc.addRectangle({ width: 5, height: 5 }, { x: 0, y: 0 })], { x: 300, y: 200 });
    group.setRotationInParent(90, { x: 0, y: 0 });
    close(inner.rotationInScreen, 90);
    const b = inner.boundsInNode(doc.artboard); // (0,0)-(100,50) turned 90° about the group's origin at (300,200)
    close(b.x, 250);
    close(b.y, 200);
    close(b.width, 50);
    close(b.height, 100);
  });

  it("keeps the stacking order of insertAfter/append and moves a node out of its old parent", () => {
    const doc = createExpressDocument({ width: 800, height: 600 });
    const a = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const b = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const c = doc.editor.createRectangle();
    doc.artboard.children.insertAfter(c, a);
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([a.id, c.id, b.id]);
    const group = doc.editor.createGroup();
    doc.artboard.children.append(group);
    group.children.append(c);
    expect(doc.artboard.children.toArray()).toEqual([a, b, group]);
    expect(c.parent).toBe(group);
    expect(doc.structuralProblems()).toEqual([`group ${group.id} has 1 element(s); Express groups need at least two`]);
    expect(() => group.children.insertAfter(a, b)).toThrow(/not a child/);
  });

  it("enforces the AddOnData quota of 20 keys and 3 KB and keeps the data unchanged on failure", () => {
    const doc = createExpressDocument({ width: 100, height: 100 });
    const node = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    for (let i = 0; i < ADD_ON_DATA_LIMITS.maxKeys; i++) node.addOnData.setItem(`k${i}`, "v");
    expect(() => node.addOnData.setItem("one-too-many", "v")).toThrow(/20 keys/);
    node.addOnData.clear();
    node.addOnData.setItem("big", "x".repeat(3000));
    expect(() => node.addOnData.setItem("more", "y".repeat(100))).toThrow(/3072/);
    expect(node.addOnData.keys()).toEqual(["big"]);
    expect(node.addOnData.remainingQuota).toEqual({ sizeInBytes: 3072 - 3003, numKeys: 19 });
  });

  it("filters the selection like the editor and tells listeners asynchronously", async () => {
    const doc = createExpressDocument({ width: 100, height: 100 });
    const inner = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const group = doc.addGroup([inner, doc.addRectangle({ width: 5, height: 5 }, { x: 0, y: 0 })], { x: 0, y: 0 });
    const orphan = doc.editor.createRectangle();
    let calls = 0;
    doc.editor.context.on(doc.constants.EditorEvent.selectionChange, () => calls++);
    doc.select(group, inner, orphan);
    expect(doc.editor.context.selection).toEqual([group]);
    expect(calls).toBe(0);
    await Promise.resolve();
    expect(calls).toBe(1);
    group.removeFromParent();
    expect(doc.editor.context.selection).toEqual([]);
  });

  it("refuses edits after an await outside keepContentActiveDuringAsync when enforcing the rule", async () => {
    const doc = createExpressDocument({ width: 100, height: 100, enforceActiveContent: true });
    const source = doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 });
    const bitmap = await doc.editor.loadBitmapImage(await imageBlob(10, 10));
    expect(() => doc.editor.createImageContainer(bitmap)).toThrow(/no longer active/);
    await doc.editor.keepContentActiveDuringAsync(
      source,
      async () => expect(() => (source.opacity = 0.5)).toThrow(/asyncLambda/),
      () => doc.artboard.children.insertAfter(doc.editor.createImageContainer(bitmap), source),
    );
    expect(doc.artboard.children.length).toBe(2);
  });

  it("lists every layer as plain data in paint order, with the image's Blob", async () => {
    const doc = createExpressDocument({ width: 400, height: 300 });
    const blob = await imageBlob(40, 20);
    const image = await doc.addImageLayer(blob, { width: 80, height: 40 }, { x: 10, y: 20, rotation: 30, opacity: 0.5 });
    const view = doc.snapshot();
    expect(view.page).toMatchObject({ width: 400, height: 300 });
    const [node] = view.nodes;
    expect(node).toMatchObject({ id: image.id, type: "MediaContainer", opacity: 0.5, blendMode: "normal", rotation: 30 });
    expect(node?.image).toEqual({ blob, pixelWidth: 40, pixelHeight: 20 });
    expect(await doc.bitmapBlob(image)).toBe(blob);
  });
});
