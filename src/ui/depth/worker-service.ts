/**
 * The depth worker's logic without its globals: parse each message, open the model once
 * (shared by concurrent requests, retried after a failure), estimate, encode a PNG, answer.
 * depth.worker.ts binds it to onnxruntime-web and the worker scope; Node tests bind it to
 * onnxruntime-node and a MessageChannel.
 */
import { DepthModelError, ValidationError, toErrorPayload } from "../../core/errors";
import { estimateDepth } from "../../core/depth/estimate";
import { compositionScore, scoreGrid } from "../../core/depth/score";
import { sliceByDepth } from "../../core/depth/slices";
import { percentOfLongSide, DEFAULT_DEPTH_EDIT, type DepthEdit, type SliceOptions } from "../../shared/depth-edit";
import { loadModel, type LoadModelDeps, type ModelCache } from "./model-loader";
import { openDepthSession, type DepthSession, type OrtModule } from "../../core/depth/ort-session";
import { encodeGrayPng, encodeRgbaPng } from "../../core/depth/png";
import type { RgbaImage } from "../../core/depth/preprocess";
import { PanelToWorkerSchema, type PanelToWorker, type TransferableImage, type WorkerToPanel } from "./protocol";

export interface WorkerServiceDeps {
  ort: OrtModule;
  /** Execution providers to try in order (e.g. ["webgpu", "wasm"]). */
  providers: () => Promise<readonly string[]>;
  fetch: LoadModelDeps["fetch"];
  cache: () => Promise<ModelCache | undefined>;
  readPixels: (image: TransferableImage) => Promise<RgbaImage>;
  post: (message: WorkerToPanel, transfer: ArrayBuffer[]) => void;
  /** Applies runtime settings that must precede the first session (e.g. wasm file location). */
  configure?: (config: { runtimeBaseUrl?: string }) => void;
}

interface Opened {
  session: DepthSession;
  source: "cache" | "network";
}

export function createDepthWorkerService(deps: WorkerServiceDeps): { handle(data: unknown): Promise<void> } {
  let modelUrl: string | undefined;
  let opening: Promise<Opened> | undefined;
  const active = new Set<number>();
  const cancelled = new Set<number>();
  const downloadWatchers = new Set<number>();
  // One inference at a time: onnxruntime-web sessions do not take concurrent run() calls.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  function openModel(url: string): Promise<Opened> {
    opening ??= (async () => {
      const cache = await deps.cache().catch(() => undefined);
      const providers = await deps.providers();
      const open = (bytes: Uint8Array) => openDepthSession(deps.ort, bytes, providers);
      return loadModel(url, { fetch: deps.fetch, cache }, open, (p) => {
        for (const id of downloadWatchers) deps.post({ type: "progress", id, progress: { stage: "download", ...p } }, []);
      });
    })();
    // A failed load is not remembered: the next request tries again (the user may fix the URL or network).
    opening.catch(() => (opening = undefined));
    return opening;
  }

  /** Opens the model (reporting download progress to `id`), then runs `task` alone on it. */
  async function withSession<T>(id: number, task: (opened: Opened) => Promise<T>): Promise<{ value: T; opened: Opened; alreadyOpen: boolean } | undefined> {
    if (modelUrl === undefined) throw new DepthModelError("The depth worker got no model URL. Reload the add-on.");
    const alreadyOpen = opening !== undefined;
    downloadWatchers.add(id);
    let opened: Opened;
    try {
      opened = await openModel(modelUrl);
    } finally {
      downloadWatchers.delete(id);
    }
    const value = await exclusive(async () => {
      if (cancelled.has(id)) return undefined;
      deps.post({ type: "progress", id, progress: { stage: "inference" } }, []);
      return task(opened);
    });
    return value === undefined || cancelled.has(id) ? undefined : { value, opened, alreadyOpen };
  }

  async function depth(id: number, image: TransferableImage, size: { width: number; height: number }, edit: DepthEdit): Promise<void> {
    const done = await withSession(id, async ({ session }) => estimateDepth(session, await deps.readPixels(image), { size, edit }));
    if (!done) return;
    const png = await encodeGrayPng(done.value, size);
    const modelSource = done.alreadyOpen ? "memory" : done.opened.source;
    deps.post({ type: "result", id, png, provider: done.opened.session.provider, modelSource }, [png.buffer]);
  }

  async function slices(id: number, image: TransferableImage, layerImage: TransferableImage, edit: DepthEdit, options: SliceOptions, keep: number): Promise<void> {
    const done = await withSession(id, async ({ session }) => {
      const layer = await deps.readPixels(layerImage);
      const size = { width: layer.width, height: layer.height };
      const gray = await estimateDepth(session, await deps.readPixels(image), { size, edit });
      return sliceByDepth(layer, gray, options.count, percentOfLongSide(options.feather, size)).slice(0, keep);
    });
    if (!done) return;
    const pngs = await Promise.all(done.value.map((slice) => encodeRgbaPng(slice.data, slice)));
    deps.post({ type: "slices", id, pngs }, pngs.map((p) => p.buffer));
  }

  async function score(id: number, sourceImage: TransferableImage, resultImage: TransferableImage): Promise<void> {
    const done = await withSession(id, async ({ session }) => {
      const source = await deps.readPixels(sourceImage);
      const grid = scoreGrid(source);
      const depthOf = async (rgba: typeof source) => ({ ...grid, data: await estimateDepth(session, rgba, { size: grid, edit: DEFAULT_DEPTH_EDIT }) });
      return compositionScore(await depthOf(source), await depthOf(await deps.readPixels(resultImage)));
    });
    if (done) deps.post({ type: "score", id, ...done.value }, []);
  }

  const run = (message: Exclude<PanelToWorker, { type: "init" | "cancel" }>): Promise<void> => {
    switch (message.type) {
      case "depth":
        return depth(message.id, message.image, message.size, message.edit);
      case "slices":
        return slices(message.id, message.image, message.layer, message.edit, message.slices, message.keep);
      case "score":
        return score(message.id, message.source, message.result);
    }
  };

  return {
    async handle(data) {
      const parsed = PanelToWorkerSchema.safeParse(data);
      if (!parsed.success) {
        const id = typeof data === "object" && data !== null && "id" in data && typeof data.id === "number" ? data.id : undefined;
        if (id !== undefined) deps.post({ type: "error", id, error: toErrorPayload(new ValidationError(`The depth request was malformed (${parsed.error.issues[0]?.message ?? "invalid"}). Reload the add-on.`)) }, []);
        return;
      }
      const message = parsed.data;
      if (message.type === "init") {
        modelUrl = message.modelUrl;
        deps.configure?.({ runtimeBaseUrl: message.runtimeBaseUrl });
        return;
      }
      if (message.type === "cancel") {
        if (active.has(message.id)) cancelled.add(message.id);
        return;
      }
      active.add(message.id);
      try {
        await run(message);
      } catch (error) {
        if (!cancelled.has(message.id)) deps.post({ type: "error", id: message.id, error: toErrorPayload(error) }, []);
      } finally {
        active.delete(message.id);
        cancelled.delete(message.id);
      }
    },
  };
}
