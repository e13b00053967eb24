import { describe, expect, it } from "@jest/globals";
import { ValidationError } from "../../src/core/errors";
import { createSandboxApi } from "../../src/sandbox/api";
import { ImageLoadError, LayerDataFullError, SourceLayerError } from "../../src/sandbox/errors";
import { imageBlob, imageBytes } from "./images";
import { documentWithApi, editorWith, provenance } from "./setup";

async function withSource() {
  const setup = documentWithApi();
  const source = await setup.doc.addImageLayer(await imageBlob(100, 50), { width: 200, height: 100 }, { x: 10, y: 10 });
  const image = { bytes: await imageBytes(200, 100), mimeType: "image/png" as const };
  return { ...setup, source, image };
}

describe("bad requests get typed errors that say how to fix them, and change nothing", () => {
  it("rejects a malformed request at the edge, naming each bad field", async () => {
    const { doc, api, source } = await withSource();
    const before = doc.snapshot();
    const bad = { sourceId: source.id, image: { bytes: "not bytes", mimeType: "image/gif" }, provenance: { v: 2 } };
    const error = await api.insertResult(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/image\.bytes/);
    expect((error as Error).message).toMatch(/image\.mimeType/);
    expect((error as Error).message).toMatch(/reload the add-on/);
    await expect(api.insertDepth({ sourceId: source.id } as never)).rejects.toThrow(ValidationError);
    expect(doc.snapshot()).toEqual(before);
  });

  it("rejects an opacity outside 0..1 for the depth layer", async () => {
    const { api, source, image } = await withSource();
    const request = { sourceId: source.id, image, blendMode: "multiply", opacity: 1.5, provenance: provenance("depth", source.id) };
    await expect(api.insertDepth(request as never)).rejects.toThrow(/opacity/);
  });

  it("says the source was deleted or moved when its id is not on the page", async () => {
    const { doc, api, source, image } = await withSource();
    doc.beginTurn();
    source.removeFromParent();
    const before = doc.snapshot();
    const error = await api.insertResult({ sourceId: source.id, image, provenance: provenance("restyle", source.id) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceLayerError);
    expect((error as Error).message).toBe("The source layer was deleted or moved to another page; select it again.");
    expect(doc.snapshot()).toEqual(before);
  });

  it("refuses a part of a layer and a layer without area as the source", async () => {
    const { doc, api, source, image } = await withSource();
    const crop = source.mediaRectangle;
    const flat = doc.addGroup([], { x: 0, y: 0 }); // an empty group: the one layer without area the fake can hold
    const before = doc.snapshot();
    await expect(api.insertResult({ sourceId: crop.id, image, provenance: provenance("restyle", crop.id) })).rejects.toThrow(
      new SourceLayerError("The selected item is part of another layer (for example an image's crop frame); select the whole layer and try again."),
    );
    await expect(api.insertResult({ sourceId: flat.id, image, provenance: provenance("restyle", flat.id) })).rejects.toThrow(/has no area .*select a layer with width and height/);
    expect(doc.snapshot()).toEqual(before);
  });

  it("reports image bytes Express cannot load, and inserts nothing", async () => {
    const { doc, api, source } = await withSource();
    const before = doc.snapshot();
    const garbage = { bytes: new TextEncoder().encode("definitely not a png").buffer as ArrayBuffer, mimeType: "image/png" as const };
    const good = { bytes: await imageBytes(200, 100), mimeType: "image/png" as const };
    const error = await api
      .insertResult({ sourceId: source.id, image: good, provenance: provenance("restyle", source.id), depthMap: { image: garbage, blendMode: "normal", opacity: 1, provenance: provenance("depth", source.id) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageLoadError);
    expect((error as Error).message).toMatch(/could not load the depth image .*Re-insert it from history/);
    expect(doc.snapshot()).toEqual(before);
  });

  it("refuses provenance that cannot fit the layer's AddOnData, before touching the document", async () => {
    const { doc, api, source, image } = await withSource();
    const before = doc.snapshot();
    const error = await api.insertResult({ sourceId: source.id, image, provenance: provenance("restyle", "x".repeat(4000)) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayerDataFullError);
    expect((error as Error).message).toMatch(/does not fit .*send shorter ids/);
    expect(doc.snapshot()).toEqual(before);
  });

  it("removes the layers it already inserted when a later edit fails", async () => {
    const { doc, source, image } = await withSource();
    const editor = editorWith(doc.editor, {
      createGroup: () => {
        const group = doc.editor.createGroup();
        group.children.append = () => {
          throw new Error("the host refused the edit");
        };
        return group;
      },
    });
    const api = createSandboxApi({ editor, constants: doc.constants });
    const before = doc.snapshot();
    const depthMap = { image, blendMode: "multiply" as const, opacity: 0.5, provenance: provenance("depth", source.id) };
    await expect(api.insertResult({ sourceId: source.id, image, provenance: provenance("restyle", source.id), depthMap })).rejects.toThrow(/host refused/);
    expect(doc.snapshot()).toEqual(before);
  });
});
