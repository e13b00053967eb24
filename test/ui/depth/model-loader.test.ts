/** @jest-environment ./test/core/depth/helpers/native-arrays-env.js */
import { DepthModelError } from "../../../src/core/errors";
import { loadModel, type DownloadProgress } from "../../../src/ui/depth/model-loader";
import { openDepthSession, type DepthSession } from "../../../src/core/depth/ort-session";
import { buildTinyDepthModel } from "../../fakes/tiny-depth-model";
import { MemoryModelCache } from "./helpers/memory-cache";
import { startModelServer, type ModelServer } from "./helpers/model-server";
import { nodeOrt, openOnNode } from "../../core/depth/helpers/node-runtime";

const model = buildTinyDepthModel({ hiddenLayers: 1 });
let server: ModelServer;
const sessions: DepthSession[] = [];
const open = async (bytes: Uint8Array) => {
  const s = await openOnNode(bytes);
  sessions.push(s);
  return s;
};

beforeEach(async () => {
  server = await startModelServer({ "/model.onnx": { body: model }, "/corrupt.onnx": { body: new Uint8Array(4096).fill(0x5a) } });
});
afterEach(async () => {
  await server.close();
  await Promise.all(sessions.splice(0).map((s) => s.release()));
});

describe("loadModel", () => {
  it("downloads over HTTP with progress up to the full size, then opens the model", async () => {
    const progress: DownloadProgress[] = [];
    const loaded = await loadModel(server.url("/model.onnx"), { fetch, cache: new MemoryModelCache() }, open, (p) => progress.push(p));
    expect(loaded.source).toBe("network");
    expect(loaded.session.inputShape).toEqual([1, 3, "height", "width"]);
    expect(progress[0]).toEqual({ loaded: 0, total: model.length });
    expect(progress.at(-1)).toEqual({ loaded: model.length, total: model.length });
  });

  it("serves the second load from the cache without a second request", async () => {
    const cache = new MemoryModelCache();
    await loadModel(server.url("/model.onnx"), { fetch, cache }, open);
    const again = await loadModel(server.url("/model.onnx"), { fetch, cache }, open);
    expect(again.source).toBe("cache");
    expect(server.hits("/model.onnx")).toBe(1);
  });

  it("reports HTTP 404 as a DepthModelError saying what to check", async () => {
    const url = server.url("/missing.onnx");
    const error = await loadModel(url, { fetch }, open).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepthModelError);
    expect((error as Error).message).toBe(`Could not download the depth model from ${url} (HTTP 404). Check the depth model web address under Advanced → Depth layer, or your connection.`);
  });

  it("reports a refused connection as a DepthModelError", async () => {
    const url = server.url("/model.onnx");
    await server.close();
    server = await startModelServer();
    await expect(loadModel(url.replace(/:\d+\//, ":1/"), { fetch }, open)).rejects.toThrow(/Could not download the depth model from http:\/\/127\.0\.0\.1:1\/model\.onnx \(.+\)\. Check the depth model web address/);
  });

  it("rejects bytes that are not an ONNX model and does not cache them", async () => {
    const cache = new MemoryModelCache();
    const url = server.url("/corrupt.onnx");
    const error = await loadModel(url, { fetch, cache }, open).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepthModelError);
    expect((error as Error).message).toMatch(new RegExp(`^The file at ${url.replace(/[.]/g, "\\.")} is not a usable depth model \\(.+\\)\\. Check the depth model web address under Advanced → Depth layer\\.$`));
    expect(cache.entries.size).toBe(0);
  });

  it("replaces a damaged cache entry with a fresh download", async () => {
    const cache = new MemoryModelCache();
    const url = server.url("/model.onnx");
    cache.entries.set(url, new Uint8Array([1, 2, 3]));
    const loaded = await loadModel(url, { fetch, cache }, open);
    expect(loaded.source).toBe("network");
    expect(server.hits("/model.onnx")).toBe(1);
    expect(cache.entries.get(url)).toEqual(model);
  });

  it("keeps only the model in use in the cache", async () => {
    const cache = new MemoryModelCache();
    server.set("/other.onnx", { body: buildTinyDepthModel() });
    await loadModel(server.url("/model.onnx"), { fetch, cache }, open);
    await loadModel(server.url("/other.onnx"), { fetch, cache }, open);
    expect([...cache.entries.keys()]).toEqual([server.url("/other.onnx")]);
  });

  it("still returns the model when the cache refuses to store it", async () => {
    const cache = new MemoryModelCache();
    cache.put = () => Promise.reject(new Error("QuotaExceededError"));
    const loaded = await loadModel(server.url("/model.onnx"), { fetch, cache }, open);
    expect(loaded.source).toBe("network");
  });
});

describe("openDepthSession", () => {
  it("falls back to the next execution provider when one is unavailable (as WebGPU → WASM in the panel; DirectML does not exist on Linux)", async () => {
    const session = await openDepthSession(nodeOrt, model, ["dml", "cpu"]);
    sessions.push(session);
    expect(session.provider).toBe("cpu");
  });

  it("reports the last provider's failure when none can open the model", async () => {
    await expect(openDepthSession(nodeOrt, new Uint8Array([1, 2, 3]), ["cpu"])).rejects.toThrow();
  });
});
