/**
 * Module Worker entry: binds the depth service to onnxruntime-web, the Cache API and
 * OffscreenCanvas. Heavy work (decode, resample, inference, PNG) stays off the panel thread.
 */
import * as ort from "onnxruntime-web";
import { DepthModelError, ValidationError } from "../../core/errors";
import type { RgbaImage } from "../../core/depth/preprocess";
import { MODEL_CACHE_NAME } from "./model-loader";
import type { TransferableImage, WorkerToPanel } from "./protocol";
import { createDepthWorkerService } from "./worker-service";

/** Pixels read from the bitmap before the exact resample; bounds memory for huge layers. */
const MAX_READ_SIDE = 2048;

// Already off the main thread, so no second proxy worker. Threads need SharedArrayBuffer,
// which only cross-origin-isolated pages have (Express's panel iframe is not).
ort.env.wasm.proxy = false;
ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

async function providers(): Promise<readonly string[]> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  return adapter ? ["webgpu", "wasm"] : ["wasm"];
}

async function readPixels(image: TransferableImage): Promise<RgbaImage> {
  if (!(image instanceof ImageBitmap)) throw new ValidationError("The depth worker needs an ImageBitmap. Reload the add-on.");
  const scale = Math.min(1, MAX_READ_SIDE / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const ctx = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new DepthModelError("This browser cannot read image pixels in a worker (no OffscreenCanvas 2D). Update the browser.");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(image, 0, 0, width, height);
  image.close();
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

const service = createDepthWorkerService({
  ort,
  providers,
  fetch: (url) => fetch(url),
  cache: async () => (typeof caches === "undefined" ? undefined : caches.open(MODEL_CACHE_NAME)),
  readPixels,
  post: (message: WorkerToPanel, transfer) => self.postMessage(message, { transfer }),
  configure: ({ runtimeBaseUrl }) => {
    if (runtimeBaseUrl) ort.env.wasm.wasmPaths = runtimeBaseUrl;
  },
});

self.addEventListener("message", (event: MessageEvent<unknown>) => void service.handle(event.data));
