import { describe, expect, it } from "@jest/globals";
import type { RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { createSandboxApi } from "../../src/sandbox/api";
import { startSandbox } from "../../src/sandbox/start";
import type { FakeRectangle } from "../fakes/express-document";
import { documentWithApi, expectSamePlace, png, provenance, sourceLayer } from "./setup";

const BLACK = { red: 0, green: 0, blue: 0 };
const WHITE = { red: 1, green: 1, blue: 1 };

async function withResults() {
  const { doc, api } = documentWithApi();
  const source = await sourceLayer(doc, 25);
  const first = await api.insertResult({
    sourceId: source.id,
    image: await png(300, 200),
    provenance: provenance("restyle", source.id),
    depthMap: { image: await png(300, 200), blendMode: "multiply", opacity: 0.5, provenance: provenance("depth", source.id) },
  });
  const userLayer = doc.addRectangle({ width: 40, height: 40, color: { red: 1, green: 0, blue: 0, alpha: 1 } }, { x: 130, y: 100, opacity: 0.8 });
  const second = await api.insertResult({ sourceId: source.id, image: await png(300, 200), provenance: provenance("restyle", source.id) });
  const node = (id: string | undefined) => doc.artboard.children.toArray().find((n) => n.id === id)!;
  return { doc, api, source, userLayer, group: node(first.groupId), second: node(second.resultId) };
}

/** Each panel call reaches the sandbox in a new synchronous turn, as in Express (content active again). */
const turn = <T>(doc: ReturnType<typeof documentWithApi>["doc"], call: () => T): T => {
  doc.beginTurn();
  return call();
};

const opacities = (doc: ReturnType<typeof documentWithApi>["doc"]) => doc.artboard.children.toArray().map((n) => [n.id, n.opacity]);

describe("reading a layer's own pixels", () => {
  it("hides this add-on's earlier results above the layer, keeps the user's own layers, and restores everything", async () => {
    const { doc, api, source, userLayer, group, second } = await withResults();
    const before = doc.snapshot();
    const state = await turn(doc, () => api.beginRead({ sourceIds: [source.id] }));
    expect(state).toEqual({ hidden: 2, backdrops: 0 });
    expect([group, second].map((n) => n.opacity)).toEqual([0, 0]);
    expect(userLayer.opacity).toBe(0.8);
    expect(source.opacity).toBe(1);

    expect(await turn(doc, () => api.endRead())).toEqual({ hidden: 2, backdrops: 0 });
    expect(doc.snapshot()).toEqual(before);
  });

  it("places a backdrop of the asked colour exactly under the layer, and switching colour replaces it", async () => {
    const { doc, api, source } = await withResults();
    const before = doc.snapshot();
    await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: BLACK }));
    const children = doc.artboard.children.toArray();
    const backdrop = children[children.indexOf(source) - 1] as FakeRectangle;
    expect(backdrop.type).toBe("Rectangle");
    expect(backdrop.fill).toMatchObject({ color: { ...BLACK, alpha: 1 } });
    expectSamePlace(backdrop, source);

    expect(await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: WHITE }))).toEqual({ hidden: 2, backdrops: 1 });
    const rects = doc.artboard.children.toArray().filter((n) => n.addOnData.getItem("dr:backdrop"));
    expect(rects).toHaveLength(1);
    expect((rects[0] as FakeRectangle).fill).toMatchObject({ color: { ...WHITE, alpha: 1 } });

    await turn(doc, () => api.endRead());
    expect(doc.snapshot()).toEqual(before);
  });

  it("a read left unfinished (the panel reloaded) is undone by the next sandbox, from the marks on the nodes", async () => {
    const { doc, api, source } = await withResults();
    const before = opacities(doc);
    const snapshot = doc.snapshot();
    await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: BLACK }));
    // A fresh API (a reloaded add-on) knows nothing of the read, yet restores the page.
    const fresh = createSandboxApi({ editor: doc.editor, constants: doc.constants });
    expect(await turn(doc, () => fresh.endRead())).toEqual({ hidden: 2, backdrops: 1 });
    expect(opacities(doc)).toEqual(before);
    expect(doc.snapshot()).toEqual(snapshot);
  });

  it("the second read of a layer shows the page exactly as the first did, though a result now covers the layer", async () => {
    const { doc, api } = documentWithApi();
    const source = await sourceLayer(doc, 25);
    doc.addRectangle({ width: 40, height: 40 }, { x: 130, y: 100 });
    // What a page rendition draws: every node with its place, look and opacity, in stacking order (backdrops by colour, not id).
    const visible = () =>
      doc.artboard.children
        .toArray()
        .filter((n) => n.opacity > 0)
        .map((n) => (n.addOnData.getItem("dr:backdrop") ? ["backdrop", n.boundsInNode(doc.artboard)] : [n.id, n.boundsInNode(doc.artboard), n.opacity, n.blendMode]));
    await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: BLACK }));
    const first = visible();
    await turn(doc, () => api.endRead());
    await api.insertResult({ sourceId: source.id, image: await png(300, 200), provenance: provenance("restyle", source.id) });
    expect(visible()).not.toEqual(first.filter((n) => n[0] !== "backdrop"));
    await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: BLACK }));
    expect(visible()).toEqual(first);
    await turn(doc, () => api.endRead());
  });

  it("a sandbox that starts on a page with an unfinished read restores it before anything else", async () => {
    const { doc, api, source } = await withResults();
    const snapshot = doc.snapshot();
    await turn(doc, () => api.beginRead({ sourceIds: [source.id], backdrop: WHITE }));
    expect(doc.snapshot()).not.toEqual(snapshot);
    const exposed: unknown[] = [];
    const runtime = { exposeApi: (a: unknown) => void exposed.push(a), apiProxy: async () => ({}) as never };
    turn(doc, () => startSandbox({ editor: doc.editor, constants: doc.constants, runtime, panelRuntime: "panel" as RuntimeType, log: () => undefined }));
    await Promise.resolve();
    expect(doc.snapshot()).toEqual(snapshot);
    expect(exposed).toHaveLength(1);
  });

  it("fails cleanly for a deleted layer, leaving the page as it was", async () => {
    const { doc, api } = await withResults();
    const before = doc.snapshot();
    await expect(turn(doc, () => api.beginRead({ sourceIds: ["gone"], backdrop: BLACK }))).rejects.toThrow(/deleted or moved/);
    expect(doc.snapshot()).toEqual(before);
  });

  it("the published build refuses the per-node rendition with a message naming the developer build", async () => {
    const { api, source } = await withResults();
    await expect(api.renderLayer({ sourceId: source.id })).rejects.toThrow(/npm run build:experimental/);
  });
});
