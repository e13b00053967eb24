/**
 * Panel side of the depth worker, free of DOM types so Node tests can drive it over a
 * MessageChannel: numbers requests, relays progress, turns answers into PNG blobs and typed
 * errors, and rejects at once on abort (the worker drops the late answer).
 */
import { CancelledError, DepthModelError, ValidationError, fromErrorPayload } from "../../core/errors";
import { PanelToWorkerSchema, SizeSchema, ToneSchema, WorkerToPanelSchema, type PanelToWorker, type TransferableImage } from "./protocol";

export type DepthProgress = { stage: "download"; loaded: number; total?: number } | { stage: "inference" };

export interface DepthRequestOptions {
  size: { width: number; height: number };
  invert?: boolean;
  contrast?: number;
  signal?: AbortSignal;
  onProgress?: (p: DepthProgress) => void;
}

/** How the last estimate ran: execution provider and where the model came from. */
export interface DepthRunInfo {
  provider: string;
  modelSource: "cache" | "network" | "memory";
}

/** The worker as the client sees it (a Web Worker, or a MessagePort in tests). */
export interface DepthWorkerPort {
  post(message: PanelToWorker): void;
  onMessage(listener: (data: unknown) => void): void;
  onCrash(listener: (reason: string) => void): void;
  terminate(): void;
}

export interface DepthClient<Image extends TransferableImage> {
  depthPng(image: Image, options: DepthRequestOptions): Promise<Blob>;
  lastRun(): DepthRunInfo | undefined;
  dispose(): void;
}

interface Pending {
  resolve: (png: Blob) => void;
  reject: (error: unknown) => void;
  onProgress?: (p: DepthProgress) => void;
}

export function createDepthClient<Image extends TransferableImage>(port: DepthWorkerPort, config: { modelUrl: string; runtimeBaseUrl?: string }): DepthClient<Image> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let last: DepthRunInfo | undefined;
  let broken: string | undefined;
  let closed = false;

  port.onMessage((data) => {
    const parsed = WorkerToPanelSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    const waiter = pending.get(message.id);
    if (!waiter) return; // cancelled meanwhile
    if (message.type === "progress") return waiter.onProgress?.(message.progress);
    pending.delete(message.id);
    if (message.type === "error") return waiter.reject(fromErrorPayload(message.error));
    last = { provider: message.provider, modelSource: message.modelSource };
    waiter.resolve(new Blob([message.png as Uint8Array<ArrayBuffer>], { type: "image/png" }));
  });
  port.onCrash((reason) => {
    broken = reason;
    const error = new DepthModelError(`The depth engine stopped (${reason}). Reload the add-on to start it again.`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  const init = PanelToWorkerSchema.safeParse({ type: "init", ...config });
  let badUrl: DepthModelError | undefined;
  if (init.success) port.post(init.data);
  else badUrl = new DepthModelError(`The depth model web address "${config.modelUrl}" does not start with https:// or http://. Fix it under Advanced → Depth layer.`);

  return {
    depthPng(image, options) {
      if (closed) return Promise.reject(new CancelledError("The depth estimator was closed."));
      if (options.signal?.aborted) return Promise.reject(new CancelledError("Depth estimation was cancelled."));
      if (badUrl) return Promise.reject(badUrl);
      if (broken) return Promise.reject(new DepthModelError(`The depth engine stopped (${broken}). Reload the add-on to start it again.`));
      const size = SizeSchema.safeParse(options.size);
      const tone = ToneSchema.safeParse({ invert: options.invert, contrast: options.contrast });
      if (!size.success) return Promise.reject(new ValidationError(`The depth map size must be whole pixels from 1 to 16384 (got ${JSON.stringify(options.size)}).`));
      if (!tone.success) return Promise.reject(new ValidationError(`Depth contrast must be above 0 and at most 10 (got ${String(options.contrast)}).`));
      const id = nextId++;
      const { signal } = options;
      return new Promise<Blob>((resolve, reject) => {
        const onAbort = () => {
          pending.delete(id);
          port.post({ type: "cancel", id });
          reject(new CancelledError("Depth estimation was cancelled."));
        };
        const settle = <T>(fn: (v: T) => void) => (v: T) => {
          signal?.removeEventListener("abort", onAbort);
          fn(v);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress: options.onProgress });
        port.post({ type: "depth", id, image, size: size.data, tone: tone.data });
      });
    },
    lastRun: () => last,
    dispose() {
      if (closed) return;
      closed = true;
      port.terminate();
      for (const waiter of pending.values()) waiter.reject(new CancelledError("The depth estimator was closed."));
      pending.clear();
    },
  };
}
