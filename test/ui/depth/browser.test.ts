/**
 * The WASM path for real: Chromium runs the bundled estimator (module Worker + onnxruntime-web)
 * against a tiny ONNX model served over HTTP on 127.0.0.1, with the Cache API in between.
 */
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { z } from "zod";
import { buildTinyDepthModel } from "../../fakes/tiny-depth-model";
import { depthBrowserRoutes } from "./helpers/browser-bundle";
import { launchChromium } from "./helpers/chromium";
import { startModelServer, type ModelServer } from "./helpers/model-server";

const ProgressSchema = z.discriminatedUnion("stage", [
  z.object({ stage: z.literal("download"), loaded: z.number(), total: z.number().optional() }),
  z.object({ stage: z.literal("inference") }),
]);
const RunSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), type: z.string(), png: z.string(), progress: z.array(ProgressSchema), lastRun: z.object({ provider: z.string(), modelSource: z.string() }) }),
  z.object({ ok: z.literal(false), name: z.string(), code: z.string().optional(), message: z.string(), progress: z.array(ProgressSchema) }),
]);
type Run = z.infer<typeof RunSchema>;
type RunArgs = { modelUrl: string; image: { width: number; height: number }; size: { width: number; height: number }; invert?: boolean };

let server: ModelServer;
let browser: Browser;
let page: Page;
const model = buildTinyDepthModel({ hiddenLayers: 1, size: { width: 70, height: 42 } });
const brightness = buildTinyDepthModel({ size: { width: 70, height: 42 } });

async function run(args: RunArgs): Promise<Run> {
  return RunSchema.parse(await page.evaluate((a) => (globalThis as unknown as { runDepth(a: RunArgs): Promise<unknown> }).runDepth(a), args));
}

beforeAll(async () => {
  const { routes, ort } = await depthBrowserRoutes();
  server = await startModelServer({ ...routes, "/tiny.onnx": { body: brightness }, "/conv.onnx": { body: model }, "/corrupt.onnx": { body: "not a model" } }, ort);
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(server.url("/"));
  await page.waitForFunction(() => (globalThis as unknown as { pageReady?: boolean }).pageReady === true);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("depth estimator in Chromium (onnxruntime-web, WASM)", () => {
  it("returns a grayscale PNG at the layer size with the near half white, reporting download then inference", async () => {
    const result = await run({ modelUrl: "/tiny.onnx", image: { width: 120, height: 80 }, size: { width: 150, height: 100 } });
    if (!result.ok) throw new Error(`depth failed: ${result.message}`);
    expect(result.type).toBe("image/png");
    expect(result.lastRun).toEqual({ provider: "wasm", modelSource: "network" });
    const png = Buffer.from(result.png, "base64");
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 150, height: 100, channels: 1 });
    const { data } = await sharp(png).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    expect(data[50 * 150 + 2]).toBe(255);
    expect(data[50 * 150 + 147]).toBe(0);
    expect(result.progress[0]).toEqual({ stage: "download", loaded: 0, total: brightness.length });
    expect(result.progress).toContainEqual({ stage: "download", loaded: brightness.length, total: brightness.length });
    expect(result.progress.at(-1)).toEqual({ stage: "inference" });
    // The runtime came from runtimeBaseUrl (default "ort/" beside the page), where webpack copies it.
    expect(server.hits("/ort/ort-wasm-simd-threaded.jsep.wasm")).toBeGreaterThan(0);
  }, 90_000);

  it("loads the model from the Cache API in a second estimator: the server sees one model request", async () => {
    const args: RunArgs = { modelUrl: "/conv.onnx", image: { width: 64, height: 64 }, size: { width: 64, height: 64 } };
    const first = await run(args);
    const second = await run({ ...args, invert: true });
    if (!first.ok || !second.ok) throw new Error("depth failed");
    expect(first.lastRun.modelSource).toBe("network");
    expect(second.lastRun.modelSource).toBe("cache");
    expect(second.progress.some((p) => p.stage === "download")).toBe(false);
    expect(server.hits("/conv.onnx")).toBe(1);
  }, 90_000);

  it("runs two concurrent estimates on one estimator", async () => {
    const args = { modelUrl: "/conv.onnx", size: { width: 48, height: 32 } };
    const result = await page.evaluate((a) => (globalThis as unknown as { runConcurrent(a: unknown): Promise<unknown> }).runConcurrent(a), args);
    expect(result).toMatchObject({ ok: true, types: ["image/png", "image/png"] });
  }, 90_000);

  it("reports a missing model as DepthModelError with the HTTP status and what to check", async () => {
    const result = await run({ modelUrl: "/missing.onnx", image: { width: 8, height: 8 }, size: { width: 8, height: 8 } });
    expect(result).toMatchObject({
      ok: false,
      name: "DepthModelError",
      code: "depth_model",
      message: `Could not download the depth model from ${server.url("/missing.onnx")} (HTTP 404). Check the depth model web address under Advanced → Depth layer, or your connection.`,
    });
  }, 90_000);

  it("reports bytes that are not a model as DepthModelError and does not cache them", async () => {
    const result = await run({ modelUrl: "/corrupt.onnx", image: { width: 8, height: 8 }, size: { width: 8, height: 8 } });
    expect(result).toMatchObject({ ok: false, name: "DepthModelError", message: expect.stringContaining("is not a usable depth model") });
    await run({ modelUrl: "/corrupt.onnx", image: { width: 8, height: 8 }, size: { width: 8, height: 8 } });
    expect(server.hits("/corrupt.onnx")).toBe(2);
  }, 90_000);
});
