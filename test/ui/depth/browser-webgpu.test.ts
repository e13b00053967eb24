/**
 * The WebGPU path: Chromium with its software (SwiftShader) WebGPU adapter, so the worker finds
 * an adapter and runs the model on onnxruntime-web's WebGPU execution provider.
 */
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { z } from "zod";
import { buildTinyDepthModel } from "../../fakes/tiny-depth-model";
import { depthBrowserRoutes } from "./helpers/browser-bundle";
import { launchChromium } from "./helpers/chromium";
import { startModelServer, type ModelServer } from "./helpers/model-server";

let server: ModelServer;
let browser: Browser;

beforeAll(async () => {
  const { routes, ort } = await depthBrowserRoutes();
  server = await startModelServer({ ...routes, "/tiny.onnx": { body: buildTinyDepthModel({ size: { width: 70, height: 42 } }) } }, ort);
  browser = await launchChromium({ softwareWebGpu: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("runs on WebGPU when the browser offers an adapter, with near = white", async () => {
  const page = await browser.newPage();
  await page.goto(server.url("/"));
  await page.waitForFunction(() => (globalThis as unknown as { pageReady?: boolean }).pageReady === true);
  const args = { modelUrl: "/tiny.onnx", image: { width: 64, height: 64 }, size: { width: 64, height: 64 } };
  const answer = await page.evaluate((a) => (globalThis as unknown as { runDepth(a: unknown): Promise<unknown> }).runDepth(a), args);
  const result = z.object({ ok: z.boolean(), message: z.string().optional(), png: z.string().default(""), lastRun: z.object({ provider: z.string() }).optional() }).parse(answer);
  expect(result).toMatchObject({ ok: true, lastRun: { provider: "webgpu" } });
  const { data, info } = await sharp(Buffer.from(result.png, "base64")).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  expect(info).toMatchObject({ width: 64, height: 64 });
  expect(data[32 * 64 + 2]).toBe(255);
  expect(data[32 * 64 + 61]).toBe(0);
}, 90_000);
