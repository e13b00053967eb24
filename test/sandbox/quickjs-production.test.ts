/**
 * The production document sandbox bundle (dist/code.js, minified, unmodified) in QuickJS, the
 * engine of Express's document sandbox, against the in-memory document, driven through an
 * Express-like runtime bridge exactly as the panel drives it (throwFromData over apiProxy).
 * Catches globals QuickJS lacks, engine differences, and typed errors lost to minification.
 */
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { ImageLoadError, LayerDataFullError, SourceLayerError, ValidationError } from "../../src/core/errors";
import { decodeProvenance } from "../../src/sandbox/provenance";
import { throwFromData, type AnsweringApi } from "../../src/core/bridge-answer";
import type { SandboxApi, SelectionInfo } from "../../src/shared/sandbox-api";
import { ensureDist } from "../harness/ensure-dist";
import { REPO_ROOT } from "../harness/paths";
import { createExpressDocument, FakeGroup, FakeMediaContainer, type FakeExpressDocument } from "../fakes/express-document";
import { startQuickJsSandbox, type QuickJsSandbox } from "../fakes/quickjs-sandbox";
import { createRuntimePair } from "../fakes/sandbox-runtime";
import { imageBlob } from "./images";
import { png, provenance } from "./setup";

let code = "";
let running: QuickJsSandbox | undefined;

beforeAll(async () => {
  ensureDist();
  code = await readFile(join(REPO_ROOT, "dist/code.js"), "utf8");
}, 900_000);

afterEach(() => {
  running?.dispose();
  running = undefined;
});

/** The production bundle started in QuickJS on a fresh document; the panel's end of the bridge. */
async function boot(): Promise<{ doc: FakeExpressDocument; api: SandboxApi; seen: SelectionInfo[]; logs: string[] }> {
  const doc = createExpressDocument({ width: 1000, height: 800, enforceActiveContent: true });
  const runtimes = createRuntimePair({ beforeSandboxCall: () => doc.beginTurn() });
  running = await startQuickJsSandbox({ code, document: doc, runtime: runtimes.documentSandbox });
  const seen: SelectionInfo[] = [];
  runtimes.panel.exposeApi({ selectionChanged: (selection: SelectionInfo) => void seen.push(selection) });
  const remote = (await runtimes.panel.apiProxy<AnsweringApi<SandboxApi>>("documentSandbox" as RuntimeType)) as unknown as AnsweringApi<SandboxApi>;
  return { doc, api: throwFromData<SandboxApi>(remote), seen, logs: running.logs };
}

const source = async (doc: FakeExpressDocument) => doc.addImageLayer(await imageBlob(300, 200, "jpeg"), { width: 240, height: 160 }, { x: 120, y: 90, rotation: 20 });

describe("the production code.js in QuickJS", () => {
  it("is the minified bundle: the error classes' names are gone", () => {
    expect(code).not.toMatch(/SourceLayerError|ImageLoadError|LayerDataFullError/);
    expect(code).toMatch(/from\s*"express-document-sdk"/);
  });

  it("forwards selection changes and answers getSelection", async () => {
    const { doc, api, seen, logs } = await boot();
    const layer = await source(doc);
    doc.select(layer);
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen[0]?.layers.map((l) => l.id)).toEqual([layer.id]);
    expect(await api.getSelection()).toMatchObject({ page: { width: 1000, height: 800 }, layers: [{ id: layer.id, rotation: expect.closeTo(20, 6) }] });
    expect(logs).toEqual([]);
  });

  it("logs through Express's console when the panel cannot take a selection change", async () => {
    const doc = createExpressDocument({ width: 100, height: 100 });
    const runtimes = createRuntimePair();
    running = await startQuickJsSandbox({ code, document: doc, runtime: runtimes.documentSandbox });
    runtimes.panel.exposeApi({});
    doc.select(doc.addRectangle({ width: 10, height: 10 }, { x: 0, y: 0 }));
    for (let i = 0; i < 50 && running.logs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(running.logs).toEqual([expect.stringMatching(/^warn: Depth Restyle could not tell the panel about the selection: selectionChanged is not a function/)]);
  });

  it("inserts a restyle with its depth map, grouped directly above the source, with provenance", async () => {
    const { doc, api, logs } = await boot();
    const layer = await source(doc);
    const outcome = await api.insertResult({
      sourceId: layer.id,
      image: await png(600, 400),
      provenance: provenance("restyle", layer.id),
      depthMap: { image: await png(300, 200), blendMode: "multiply", opacity: 0.4, provenance: provenance("depth", layer.id) },
    });
    const group = doc.findById(outcome.groupId ?? "");
    expect(group).toBeInstanceOf(FakeGroup);
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([layer.id, outcome.groupId]);
    const [result, depth] = (group as FakeGroup).children.toArray() as FakeMediaContainer[];
    expect([result?.id, depth?.id]).toEqual([outcome.resultId, outcome.depthId]);
    expect(depth?.opacity).toBe(0.4);
    expect(decodeProvenance(result!.addOnData)).toMatchObject({ kind: "restyle", sourceId: layer.id });
    expect(decodeProvenance(depth!.addOnData)).toMatchObject({ kind: "depth", sourceId: layer.id });
    expect(doc.structuralProblems()).toEqual([]);
    expect(logs).toEqual([]);
  });

  it("inserts a depth layer alone, directly above the source", async () => {
    const { doc, api } = await boot();
    const layer = await source(doc);
    const outcome = await api.insertDepth({ sourceId: layer.id, image: await png(480, 320), blendMode: "screen", opacity: 0.5, provenance: provenance("depth", layer.id) });
    const depth = doc.findById(outcome.depthId ?? "") as FakeMediaContainer;
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([layer.id, depth.id]);
    expect(depth.blendMode).toBe(doc.constants.BlendMode.screen);
    expect(depth.boundsLocal).toMatchObject({ width: expect.closeTo(240, 6), height: expect.closeTo(160, 6) });
  });

  describe("each failure reaches the panel as its typed error with its fix-it message", () => {
    it("a deleted source layer", async () => {
      const { api } = await boot();
      const error = await api.insertDepth({ sourceId: "gone", image: await png(8, 8), blendMode: "normal", opacity: 1, provenance: provenance("depth", "gone") }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceLayerError);
      expect(error).toMatchObject({ code: "source_layer", message: "The source layer was deleted or moved to another page; select it again." });
    });

    it("a layer without area, and a part of another layer", async () => {
      const { doc, api } = await boot();
      const flat = doc.addGroup([], { x: 0, y: 0 }); // an empty group: the one layer without area the fake can hold
      const crop = (await source(doc)).mediaRectangle;
      for (const [id, text] of [
        [flat.id, /has no area .*select a layer with width and height/],
        [crop.id, /part of another layer .*select the whole layer/],
      ] as const) {
        const error = await api.insertResult({ sourceId: id, image: await png(8, 8), provenance: provenance("restyle", id) }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SourceLayerError);
        expect((error as Error).message).toMatch(text);
      }
    });

    it("a bitmap Express rejects, leaving the document as it was", async () => {
      const { doc, api } = await boot();
      const layer = await source(doc);
      const before = doc.snapshot();
      const garbage = { bytes: new TextEncoder().encode("definitely not a png").buffer as ArrayBuffer, mimeType: "image/png" as const };
      const error = await api.insertResult({ sourceId: layer.id, image: garbage, provenance: provenance("restyle", layer.id) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageLoadError);
      expect((error as Error).message).toMatch(/could not load the result image \(loadBitmapImage: the data is not a PNG or JPEG image\)\. Re-insert it from history/);
      expect(doc.snapshot()).toEqual(before);
    });

    it("provenance the layer's add-on data cannot hold", async () => {
      const { doc, api } = await boot();
      const layer = await source(doc);
      const before = doc.snapshot();
      const error = await api.insertResult({ sourceId: layer.id, image: await png(600, 400), provenance: provenance("restyle", "x".repeat(4000)) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LayerDataFullError);
      expect((error as Error).message).toMatch(/does not fit in the \d+ bytes Express keeps per layer; send shorter ids/);
      expect(doc.snapshot()).toEqual(before);
    });

    it("a malformed request", async () => {
      const { api } = await boot();
      const error = await api.insertDepth({ sourceId: "x", opacity: 3 } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/Invalid depth layer request — .*opacity.*reload the add-on/);
    });
  });
});
