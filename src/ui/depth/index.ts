/**
 * Depth estimator of the panel: Depth Anything V2 Small (or any compatible ONNX depth model)
 * running in a module Worker on onnxruntime-web — WebGPU when the browser offers an adapter,
 * WASM otherwise — so "Add depth layer" works without a key or a GPU server.
 */
import { createDepthClient, type DepthClient, type DepthRunInfo } from "./client";

export { DEFAULT_DEPTH_MODEL_URL } from "../../core/depth/model-info";
export type { DepthProgress, DepthRunInfo } from "./client";

/** Depth maps (grayscale PNG, white = near), depth slices and composition scores, all in the worker. */
export type DepthEstimator = Omit<DepthClient<ImageBitmap>, "lastRun"> & {
  /** How the last estimate ran (execution provider, model from cache/network/memory). */
  lastRun?: () => DepthRunInfo | undefined;
};

export interface DepthEstimatorOptions {
  /** Model URL; relative URLs resolve against the panel page. */
  modelUrl: string;
  /** Folder with onnxruntime-web's wasm files; default `ort/` next to the panel page (webpack copies them there). */
  runtimeBaseUrl?: string;
}

export function createDepthEstimator(options: DepthEstimatorOptions): DepthEstimator {
  const worker = new Worker(new URL("./depth.worker.ts", import.meta.url), { type: "module" });
  const base = document.baseURI;
  const client = createDepthClient<ImageBitmap>(
    {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.addEventListener("message", (event: MessageEvent<unknown>) => listener(event.data)),
      onCrash: (listener) => {
        // A module worker that fails to load fires a plain Event without a message.
        worker.addEventListener("error", (event) => listener(event.message || "the depth worker script could not be loaded"));
        worker.addEventListener("messageerror", () => listener("a message from the depth worker could not be read"));
      },
      terminate: () => worker.terminate(),
    },
    { modelUrl: new URL(options.modelUrl, base).href, runtimeBaseUrl: new URL(options.runtimeBaseUrl ?? "ort/", base).href },
  );
  return client;
}
