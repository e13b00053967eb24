import { describe, expect, it } from "@jest/globals";
import type { Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { createSandboxApi } from "../../src/sandbox/api";
import { createExpressDocument } from "../fakes/express-document";
import { sourceLayer } from "./setup";

/** A stand-in renderer: records what it was asked to draw and answers a labelled blob. */
function recorder() {
  const drawn: { id: string; bounds: Rect; scale: number; format: string }[] = [];
  return {
    drawn,
    render: async (node: { id: string }, bounds: Rect, scale: number, format: "png" | "jpeg") => {
      drawn.push({ id: node.id, bounds, scale, format });
      return new Blob([`${node.id}@${scale}`], { type: `image/${format}` });
    },
  };
}

describe("the per-node rendition (experimental build)", () => {
  it("reads the layer alone, as PNG, with its box on the page", async () => {
    const { drawn, render } = recorder();
    const doc = createExpressDocument({ width: 1000, height: 800, enforceActiveContent: true, renditions: { experimentalApis: true, render } });
    const source = await sourceLayer(doc, 30);
    const api = createSandboxApi({ editor: doc.editor, constants: doc.constants, nodeRenditions: true });
    doc.beginTurn();
    const { blob, bounds } = await api.renderLayer({ sourceId: source.id });
    expect(await blob.text()).toBe(`${source.id}@1`);
    expect(drawn).toEqual([{ id: source.id, bounds, scale: 1, format: "png" }]);
    const expected = source.boundsInNode(doc.artboard);
    for (const k of ["x", "y", "width", "height"] as const) expect(bounds[k]).toBeCloseTo(expected[k], 6);
  });

  it("is refused by Express without experimentalApis in the manifest, and the panel hears why", async () => {
    const doc = createExpressDocument({ width: 1000, height: 800, renditions: { experimentalApis: false, render: recorder().render } });
    const source = await sourceLayer(doc);
    await expect(source.createRendition()).rejects.toThrow(/experimentalApis/);
    const api = createSandboxApi({ editor: doc.editor, constants: doc.constants, nodeRenditions: true });
    await expect(api.renderLayer({ sourceId: source.id })).rejects.toThrow(/experimentalApis/);
  });

  it("follows the type's options: JPEG on request, a scale, no drawBoundsGlobal for an orphan", async () => {
    const { drawn, render } = recorder();
    const doc = createExpressDocument({ width: 1000, height: 800, renditions: { experimentalApis: true, render } });
    const source = await sourceLayer(doc);
    const scaled = await source.createRendition({ format: doc.constants.CreateRenditionFormat.jpeg, scale: 2 });
    expect(drawn[0]).toMatchObject({ format: "jpeg", scale: 2 });
    expect(scaled.drawBoundsGlobal).toBeDefined();
    await expect(source.createRendition({ scale: 0 })).rejects.toThrow(/scale/);
    const orphan = doc.editor.createRectangle();
    expect((await orphan.createRendition()).drawBoundsGlobal).toBeUndefined();
  });
});
