/** @jest-environment ./test/core/depth/helpers/native-arrays-env.js */
import sharp from "sharp";
import { CancelledError, DepthModelError, ValidationError } from "../../../src/core/errors";
import { createDepthClient, type DepthClient, type DepthProgress } from "../../../src/ui/depth/client";
import type { RgbaImage } from "../../../src/core/depth/preprocess";
import { buildTinyDepthModel } from "../../fakes/tiny-depth-model";
import { channelWorker } from "./helpers/channel-worker";
import { halves, rgbaImage } from "../../core/depth/helpers/images";
import { DEFAULT_DEPTH_EDIT } from "../../../src/shared/depth-edit";
import { MemoryModelCache } from "./helpers/memory-cache";
import { startModelServer, type ModelServer } from "./helpers/model-server";

let server: ModelServer;
const clients: DepthClient<RgbaImage>[] = [];
const estimator = (path: string, cache = new MemoryModelCache()) => {
  const client = createDepthClient<RgbaImage>(channelWorker(cache), { modelUrl: server.url(path) });
  clients.push(client);
  return client;
};
const decode = async (png: Blob) => {
  const buffer = Buffer.from(await png.arrayBuffer());
  const meta = await sharp(buffer).metadata();
  const { data } = await sharp(buffer).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  return { meta, data };
};

beforeAll(async () => {
  server = await startModelServer({ "/tiny.onnx": { body: buildTinyDepthModel({ size: { width: 56, height: 28 } }) } });
});
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));
afterAll(() => server.close());

describe("depth client ⇄ worker service (MessageChannel, onnxruntime-node)", () => {
  it("answers a grayscale PNG at the requested size with near = white, after download and inference progress", async () => {
    const progress: DepthProgress[] = [];
    const png = await estimator("/tiny.onnx").depthPng(halves(80, 40), { size: { width: 160, height: 90 }, onProgress: (p) => progress.push(p) });
    expect(png.type).toBe("image/png");
    const { meta, data } = await decode(png);
    expect(meta).toMatchObject({ width: 160, height: 90, channels: 1 });
    expect(data[45 * 160 + 3]).toBe(255);
    expect(data[45 * 160 + 156]).toBe(0);
    expect(progress[0]).toMatchObject({ stage: "download", loaded: 0 });
    expect(progress.at(-1)).toEqual({ stage: "inference" });
    const stages = progress.map((p) => p.stage);
    expect(stages.indexOf("inference")).toBeGreaterThan(stages.lastIndexOf("download"));
  });

  it("opens the model once for concurrent requests and reuses it afterwards", async () => {
    const before = server.hits("/tiny.onnx");
    const client = estimator("/tiny.onnx");
    const size = { width: 28, height: 14 };
    await Promise.all([client.depthPng(halves(28, 14), { size }), client.depthPng(halves(28, 14), { size, edit: { ...DEFAULT_DEPTH_EDIT, invert: true } })]);
    await client.depthPng(halves(28, 14), { size });
    expect(server.hits("/tiny.onnx") - before).toBe(1);
    expect(client.lastRun()).toEqual({ provider: "cpu", modelSource: "memory" });
  });

  it("loads from the cache in a second estimator (no second download)", async () => {
    const cache = new MemoryModelCache();
    const before = server.hits("/tiny.onnx");
    await estimator("/tiny.onnx", cache).depthPng(halves(28, 14), { size: { width: 28, height: 14 } });
    const second = estimator("/tiny.onnx", cache);
    await second.depthPng(halves(28, 14), { size: { width: 28, height: 14 } });
    expect(second.lastRun()?.modelSource).toBe("cache");
    expect(server.hits("/tiny.onnx") - before).toBe(1);
  });

  it("rejects with the typed 404 message when the model URL is wrong, and tries again on the next request", async () => {
    const client = estimator("/nope.onnx");
    const request = () => client.depthPng(halves(28, 14), { size: { width: 28, height: 14 } });
    const error = await request().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepthModelError);
    expect((error as Error).message).toBe(`Could not download the depth model from ${server.url("/nope.onnx")} (HTTP 404). Check the depth model web address under Advanced → Depth layer, or your connection.`);
    await expect(request()).rejects.toThrow(DepthModelError);
    expect(server.hits("/nope.onnx")).toBe(2);
  });

  it("rejects a model URL that is not http(s) with a DepthModelError naming it", async () => {
    const client = createDepthClient<RgbaImage>(channelWorker(new MemoryModelCache()), { modelUrl: "ftp://127.0.0.1/model.onnx" });
    clients.push(client);
    const error = await client.depthPng(halves(8, 8), { size: { width: 8, height: 8 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepthModelError);
    expect((error as Error).message).toBe('The depth model web address "ftp://127.0.0.1/model.onnx" does not start with https:// or http://. Fix it under Advanced → Depth layer.');
  });

  it("rejects at once with CancelledError when aborted", async () => {
    const controller = new AbortController();
    const pending = estimator("/tiny.onnx").depthPng(halves(64, 64), { size: { width: 64, height: 64 }, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it("refuses a bad size, edit or slice count before sending anything", async () => {
    const client = estimator("/tiny.onnx");
    await expect(client.depthPng(halves(8, 8), { size: { width: 0, height: 8 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(client.depthPng(halves(8, 8), { size: { width: 8, height: 8 }, edit: { ...DEFAULT_DEPTH_EDIT, far: 0.8, near: 0.2 } })).rejects.toThrow(/near point must be above the far point/);
    await expect(client.slicePngs(halves(8, 8), halves(8, 8), { slices: { count: 9, feather: 0 } })).rejects.toThrow(/count must be at most 8/);
  });

  it("splits a layer into RGBA slices, nearest first, that together hold every pixel once", async () => {
    const pngs = await estimator("/tiny.onnx").slicePngs(halves(40, 20), halves(40, 20), { slices: { count: 2, feather: 0 } });
    expect(pngs).toHaveLength(2);
    const [near, far] = await Promise.all(pngs.map(async (p) => sharp(Buffer.from(await p.arrayBuffer())).raw().toBuffer({ resolveWithObject: true })));
    expect(near!.info).toMatchObject({ width: 40, height: 20, channels: 4 });
    const alphaAt = (img: typeof near, x: number, y: number) => img!.data[(y * 40 + x) * 4 + 3];
    // The bright (near) left half is in slice 1, the dark right half in slice 2.
    expect([alphaAt(near, 3, 10), alphaAt(far, 3, 10)]).toEqual([255, 0]);
    expect([alphaAt(near, 36, 10), alphaAt(far, 36, 10)]).toEqual([0, 255]);
    expect(Array.from(near!.data.subarray((10 * 40 + 3) * 4, (10 * 40 + 3) * 4 + 3))).toEqual([230, 220, 210]);
  });

  it("scores a result that keeps the layout above one that swaps near and far", async () => {
    const client = estimator("/tiny.onnx");
    const kept = await client.score(halves(40, 20), halves(40, 20));
    const swapped = await client.score(halves(40, 20), rgbaImage(40, 20, (x) => (x < 20 ? [20, 30, 40] : [230, 220, 210])));
    expect(kept).toEqual({ score: expect.closeTo(1, 3) as number, drifted: false });
    expect(swapped.score).toBeLessThan(0);
    expect(swapped.drifted).toBe(true);
  });

  it("rejects pending and later requests once disposed", async () => {
    const client = estimator("/tiny.onnx");
    const pending = client.depthPng(halves(64, 64), { size: { width: 64, height: 64 } });
    client.dispose();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(client.depthPng(halves(8, 8), { size: { width: 8, height: 8 } })).rejects.toThrow("The depth estimator was closed.");
  });
});
