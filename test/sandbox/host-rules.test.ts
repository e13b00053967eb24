import { describe, expect, it } from "@jest/globals";
import { ImageLoadError, LayerDataFullError, SourceLayerError } from "../../src/core/errors";
import { createSandboxApi } from "../../src/sandbox/api";
import { initialSizeFor } from "../../src/sandbox/image-size";
import { FakeMediaContainer, sameAspectToThePixel } from "../fakes/express-document";
import { imageBlob } from "./images";
import { documentWithApi, editorWith, png, provenance, sourceLayer } from "./setup";

describe("Express's rules for new image layers", () => {
  it("the fake refuses an initialSize whose aspect misses the bitmap's by a pixel, as Express requires the same aspect", async () => {
    const { doc } = documentWithApi();
    const bitmap = await doc.editor.loadBitmapImage(await imageBlob(301, 200));
    doc.beginTurn();
    // 240 × 160 is 0.3 % off 301 × 200: scaled to 301 px wide it is 200.7 px high, a pixel too many.
    expect(() => doc.editor.createImageContainer(bitmap, { initialSize: { width: 240, height: 160 } })).toThrow(/must have the bitmap's aspect ratio/);
    expect(sameAspectToThePixel({ width: 240, height: 159.47 }, bitmap)).toBe(true);
    expect(sameAspectToThePixel({ width: 602, height: 400 }, bitmap)).toBe(true);
  });

  it("sizes the layer from the bitmap's own aspect, even when the source's box is within rounding of it", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc); // 240 × 160
    const outcome = await api.insertResult({ sourceId: source.id, image: await png(301, 200), provenance: provenance("restyle", source.id) });
    const node = doc.findById(outcome.resultId ?? "") as FakeMediaContainer;
    expect(node).toBeInstanceOf(FakeMediaContainer);
    const { width, height } = node.mediaRectangle;
    expect(width / height).toBeCloseTo(301 / 200, 12);
    expect(Math.max(width / 240, height / 160)).toBeCloseTo(1, 12);
    expect(initialSizeFor({ width: 240, height: 160 }, { width: 301, height: 200 })).toEqual({ width, height });
  });

  it("inserts from the async part's result kept in a closure, whatever keepContentActiveDuringAsync passes its callback", async () => {
    const { doc } = documentWithApi();
    const source = await sourceLayer(doc);
    // Hands the callback nothing: only the add-on's own closure has the loaded bitmaps.
    const editor = editorWith(doc.editor, {
      keepContentActiveDuringAsync: (target, lambda, after) => doc.editor.keepContentActiveDuringAsync(target, lambda, () => after(undefined as never)),
    });
    const api = createSandboxApi({ editor, constants: doc.constants });
    const outcome = await api.insertDepth({ sourceId: source.id, image: await png(240, 160), blendMode: "multiply", opacity: 0.5, provenance: provenance("depth", source.id) });
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([source.id, outcome.depthId]);
  });

  it("says so when Express settles keepContentActiveDuringAsync without running the edit", async () => {
    const { doc } = documentWithApi();
    const source = await sourceLayer(doc);
    const editor = editorWith(doc.editor, { keepContentActiveDuringAsync: async (_target, lambda) => void (await lambda()) });
    const api = createSandboxApi({ editor, constants: doc.constants });
    const before = doc.snapshot();
    const error = await api.insertDepth({ sourceId: source.id, image: await png(240, 160), blendMode: "normal", opacity: 1, provenance: provenance("depth", source.id) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceLayerError);
    expect((error as Error).message).toMatch(/did not run the insertion .*insert from history/);
    expect(doc.snapshot()).toEqual(before);
  });

  it("keeps a typed failure of the async part or the edit even when Express hands it back as a plain Error", async () => {
    const { doc } = documentWithApi();
    const source = await sourceLayer(doc);
    const plain = (error: unknown) => new Error(error instanceof Error ? error.message : String(error));
    const editor = editorWith(doc.editor, {
      keepContentActiveDuringAsync: (target, lambda, after) =>
        doc.editor.keepContentActiveDuringAsync(target, () => lambda().catch((e: unknown) => Promise.reject(plain(e))), (value) => {
          try {
            after(value);
          } catch (error) {
            throw plain(error);
          }
        }),
    });
    const api = createSandboxApi({ editor, constants: doc.constants });
    const garbage = { bytes: new TextEncoder().encode("not an image").buffer as ArrayBuffer, mimeType: "image/png" as const };
    await expect(api.insertDepth({ sourceId: source.id, image: garbage, blendMode: "normal", opacity: 1, provenance: provenance("depth", source.id) })).rejects.toBeInstanceOf(ImageLoadError);
    const tooBig = provenance("depth", "x".repeat(4000));
    await expect(api.insertDepth({ sourceId: source.id, image: await png(240, 160), blendMode: "normal", opacity: 1, provenance: tooBig })).rejects.toBeInstanceOf(LayerDataFullError);
  });
});
