/**
 * Panel side of the depth worker, free of DOM types so Node tests can drive it over a
 * MessageChannel: numbers requests, relays progress, turns answers into PNG blobs, slices and
 * scores or typed errors, and rejects at once on abort (the worker drops the late answer).
 */
import type { CompositionScore } from "../../core/depth/score";
import { CancelledError, DepthModelError, ValidationError, fromErrorPayload } from "../../core/errors";
import { DEFAULT_DEPTH_EDIT, DepthEditSchema, SliceOptionsSchema, type DepthEdit, type SliceOptions } from "../../shared/depth-edit";
import { describeIssues } from "../../shared/settings";
import { PanelToWorkerSchema, SizeSchema, WorkerToPanelSchema, type PanelToWorker, type TransferableImage, type WorkerToPanel } from "./protocol";

export type DepthProgress = { stage: "download"; loaded: number; total?: number } | { stage: "inference" };

interface CommonOptions {
  signal?: AbortSignal;
  onProgress?: (p: DepthProgress) => void;
}

export interface DepthRequestOptions extends CommonOptions {
  size: { width: number; height: number };
  edit?: DepthEdit;
}

export interface SliceRequestOptions extends CommonOptions {
  edit?: DepthEdit;
  slices: SliceOptions;
  /** How many slices to return, nearest first ("foreground only" keeps 1). */
  keep?: number;
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
  /** RGBA PNG slices of `layer` by the depth of `image`, nearest first. */
  slicePngs(image: Image, layer: Image, options: SliceRequestOptions): Promise<Blob[]>;
  score(source: Image, result: Image, options?: CommonOptions): Promise<CompositionScore>;
  lastRun(): DepthRunInfo | undefined;
  dispose(): void;
}

type Answer = Exclude<WorkerToPanel, { type: "progress" | "error" }>;

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
  onProgress?: (p: DepthProgress) => void;
}

const pngBlob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" });

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
    if (message.type === "result") last = { provider: message.provider, modelSource: message.modelSource };
    waiter.resolve(message);
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

  const editOf = (edit: DepthEdit | undefined): DepthEdit => {
    const parsed = DepthEditSchema.safeParse(edit ?? DEFAULT_DEPTH_EDIT);
    if (!parsed.success) throw new ValidationError(`The depth edit is out of range (${describeIssues(parsed.error)}). Reset the depth editor.`);
    return parsed.data;
  };

  /** Sends one request (built with its id) and waits for its answer; aborting cancels it in the worker. */
  function request(options: CommonOptions, build: (id: number) => PanelToWorker): Promise<Answer> {
    if (closed) return Promise.reject(new CancelledError("The depth estimator was closed."));
    if (options.signal?.aborted) return Promise.reject(new CancelledError("Depth estimation was cancelled."));
    if (badUrl) return Promise.reject(badUrl);
    if (broken) return Promise.reject(new DepthModelError(`The depth engine stopped (${broken}). Reload the add-on to start it again.`));
    const id = nextId++;
    let message: PanelToWorker;
    try {
      message = build(id);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal } = options;
    return new Promise<Answer>((resolve, reject) => {
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
      port.post(message);
    });
  }

  const unexpected = (answer: Answer) => new DepthModelError(`The depth engine answered "${answer.type}" to another request. Reload the add-on.`);

  return {
    async depthPng(image, options) {
      const answer = await request(options, (id) => {
        const size = SizeSchema.safeParse(options.size);
        if (!size.success) throw new ValidationError(`The depth map size must be whole pixels from 1 to 16384 (got ${JSON.stringify(options.size)}).`);
        return { type: "depth", id, image, size: size.data, edit: editOf(options.edit) };
      });
      if (answer.type !== "result") throw unexpected(answer);
      return pngBlob(answer.png);
    },
    async slicePngs(image, layer, options) {
      const answer = await request(options, (id) => {
        const slices = SliceOptionsSchema.safeParse(options.slices);
        if (!slices.success) throw new ValidationError(`Invalid slices — ${describeIssues(slices.error)}.`);
        return { type: "slices", id, image, layer, edit: editOf(options.edit), slices: slices.data, keep: options.keep ?? slices.data.count };
      });
      if (answer.type !== "slices") throw unexpected(answer);
      return answer.pngs.map(pngBlob);
    },
    async score(source, result, options = {}) {
      const answer = await request(options, (id) => ({ type: "score", id, source, result }));
      if (answer.type !== "score") throw unexpected(answer);
      return { score: answer.score, drifted: answer.drifted };
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
