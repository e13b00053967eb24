import { describe, expect, it } from "@jest/globals";
import type { RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { SourceLayerError } from "../../src/core/errors";
import { startSandbox } from "../../src/sandbox/start";
import { throwFromData, type AnsweringApi } from "../../src/core/bridge-answer";
import type { SandboxApi, SelectionInfo } from "../../src/shared/sandbox-api";
import { createExpressDocument } from "../fakes/express-document";
import { createRuntimePair } from "../fakes/sandbox-runtime";
import { imageBlob, imageBytes } from "./images";
import { provenance } from "./setup";

const PANEL = "panel" as RuntimeType;
const SANDBOX = "documentSandbox" as RuntimeType;

/** The sandbox started as code.ts starts it, and the panel's end of the bridge. */
function boot() {
  const doc = createExpressDocument({ width: 640, height: 480, enforceActiveContent: true });
  const runtimes = createRuntimePair({ beforeSandboxCall: () => doc.beginTurn() });
  const logs: string[] = [];
  const sandbox = startSandbox({ editor: doc.editor, constants: doc.constants, runtime: runtimes.documentSandbox, panelRuntime: PANEL, log: (m) => logs.push(m) });
  const received: SelectionInfo[] = [];
  let notify: () => void = () => undefined;
  runtimes.panel.exposeApi({
    selectionChanged(selection: SelectionInfo) {
      received.push(selection);
      notify();
    },
  });
  const nextSelection = () => new Promise<void>((resolve) => (notify = resolve));
  return { doc, runtimes, sandbox, received, nextSelection, logs };
}

describe("the sandbox entry wires the runtime bridge", () => {
  it("forwards each selection change to the panel's selectionChanged", async () => {
    const { doc, received, nextSelection, sandbox } = boot();
    const rect = doc.addRectangle({ width: 30, height: 20 }, { x: 5, y: 6 });
    let arrived = nextSelection();
    doc.select(rect);
    await arrived;
    expect(received.at(-1)?.layers.map((l) => l.id)).toEqual([rect.id]);
    expect(received.at(-1)?.page).toEqual({ id: doc.page.id, width: 640, height: 480 });
    arrived = nextSelection();
    doc.select();
    await arrived;
    expect(received.at(-1)?.layers).toEqual([]);
    sandbox.stop();
    doc.select(rect);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(2);
  });

  it("serves SandboxApi to the panel across the bridge: ArrayBuffers in, ids out, typed errors as data", async () => {
    const { doc, runtimes } = boot();
    const source = await doc.addImageLayer(await imageBlob(64, 32), { width: 128, height: 64 }, { x: 10, y: 10, rotation: 12 });
    doc.select(source);
    const remote = (await runtimes.panel.apiProxy<AnsweringApi<SandboxApi>>(SANDBOX)) as unknown as AnsweringApi<SandboxApi>;
    const api = throwFromData<SandboxApi>(remote);
    const selection = await api.getSelection();
    expect(selection.layers[0]?.id).toBe(source.id);
    const outcome = await api.insertResult({
      sourceId: source.id,
      image: { bytes: await imageBytes(128, 64), mimeType: "image/png" },
      provenance: provenance("restyle", source.id),
    });
    expect(doc.artboard.children.toArray().map((n) => n.id)).toEqual([source.id, outcome.resultId]);
    const error = await api
      .insertDepth({ sourceId: "gone", image: { bytes: await imageBytes(8, 8), mimeType: "image/png" }, blendMode: "normal", opacity: 1, provenance: provenance("depth", "gone") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceLayerError);
    expect(error).toMatchObject({ code: "source_layer", message: "The source layer was deleted or moved to another page; select it again." });
  });

  it("logs instead of failing when the panel cannot take the selection", async () => {
    const doc = createExpressDocument({ width: 100, height: 100 });
    const runtimes = createRuntimePair();
    const logs: string[] = [];
    startSandbox({ editor: doc.editor, constants: doc.constants, runtime: runtimes.documentSandbox, panelRuntime: PANEL, log: (m) => logs.push(m) });
    runtimes.panel.exposeApi({});
    doc.select(doc.addRectangle({ width: 1, height: 1 }, { x: 0, y: 0 }));
    for (let i = 0; i < 20 && logs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(logs[0]).toMatch(/could not tell the panel about the selection: selectionChanged is not a function/);
  });

  it("behaves like the iframe bridge: calls wait for the other side, data is cloned, functions do not cross", async () => {
    const runtimes = createRuntimePair();
    const api = (await runtimes.panel.apiProxy<{ echo(value: unknown): unknown }>(SANDBOX)) as unknown as { echo(value: unknown): Promise<unknown> };
    const early = api.echo({ n: 1 });
    const sent = { bytes: new Uint8Array([1, 2, 3]).buffer };
    runtimes.documentSandbox.exposeApi({ echo: (value: unknown) => value });
    expect(await early).toEqual({ n: 1 });
    const back = (await api.echo(sent)) as { bytes: ArrayBuffer };
    expect(back.bytes).not.toBe(sent.bytes);
    expect([...new Uint8Array(back.bytes)]).toEqual([1, 2, 3]);
    await expect(api.echo(() => 1)).rejects.toThrow();
    await expect(runtimes.panel.apiProxy(PANEL)).rejects.toThrow(/own proxy/);
  });

  it("accepts only the types Express's bridge accepts, both ways", async () => {
    const runtimes = createRuntimePair();
    const answers: Record<string, unknown> = { date: new Date(0), bytes: new Uint8Array(2), nested: { list: [1, { map: new Map() }] } };
    runtimes.documentSandbox.exposeApi({ echo: (value: unknown) => value, answer: (name: string) => answers[name] });
    const api = (await runtimes.panel.apiProxy(SANDBOX)) as unknown as { echo(value: unknown): Promise<unknown>; answer(name: string): Promise<unknown> };
    const blob = new Blob(["x"]);
    const fine = { s: "a", n: 1, b: true, u: undefined, z: null, list: [1, "two", { three: 3 }], buffer: new ArrayBuffer(4), blob };
    expect(await api.echo(fine)).toEqual(fine);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    class Point {
      x = 1;
    }
    const refused = [new Map(), new Set(), new DataView(new ArrayBuffer(1)), new Uint8Array(1), new Date(0), /x/, new String("s"), new Point(), Symbol("s"), 10n, circular];
    for (const value of refused) await expect(api.echo({ value })).rejects.toThrow(/does not accept the arguments\[0\]\.value/);
    await expect(api.answer("date")).rejects.toThrow(/does not accept the answer of answer \(a Date\)/);
    await expect(api.answer("bytes")).rejects.toThrow(/a Uint8Array/);
    await expect(api.answer("nested")).rejects.toThrow(/the answer of answer\.list\[1\]\.map \(a Map\)/);
  });

  it("hands over only name, message and stack of a thrown Error, and proxies like Comlink", async () => {
    const runtimes = createRuntimePair();
    class TypedFailure extends Error {
      readonly code = "source_layer";
      override name = "TypedFailure";
    }
    runtimes.documentSandbox.exposeApi({ version: 3, nested: { twice: (n: number) => n * 2 }, fail: () => Promise.reject(new TypedFailure("layer gone")) });
    const api = (await runtimes.panel.apiProxy(SANDBOX)) as unknown as { version: Promise<number>; nested: { twice(n: number): Promise<number> }; fail(): Promise<void>; missing(): Promise<void> };
    const error = await api.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypedFailure);
    expect(Object.keys(error as object)).not.toContain("code");
    expect([(error as Error).name, (error as Error).message, (error as { code?: string }).code]).toEqual(["TypedFailure", "layer gone", undefined]);
    expect(await api.version).toBe(3);
    expect(await api.nested.twice(4)).toBe(8);
    await expect(api.missing()).rejects.toThrow(/missing is not a function/);
  });
});
