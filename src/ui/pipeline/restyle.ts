import type { Backend, EncodedImage } from "../../core/backends/types";
import { DepthModelError, toErrorPayload } from "../../core/errors";
import type { Size } from "../../core/geometry";
import type { ResolvedSettings } from "../../shared/settings";
import { blobsSize, type HistoryRecord } from "../history/types";
import type { Encoded } from "../image/types";
import type { LayerPlan } from "../logic/plan";
import { insertFromHistory } from "./insert";
import { progressPatch, type PageImage, type PipelineDeps, type RowUpdate } from "./types";

export const THUMB_SIDE = 160;

export function thumbSize(size: Size, side = THUMB_SIDE): Size {
  const k = Math.min(1, side / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
}

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

export interface RestyleJob {
  sourceId: string;
  /** Pixel size of the inserted result (the layer's size at rendition density). */
  outputSize: Size;
  /** The model input: cut from the page, or a stored input when regenerating. */
  input: (signal: AbortSignal) => Promise<Encoded>;
  settings: ResolvedSettings;
  kind: HistoryRecord["kind"];
  /** Sweep cells are stored and shown, inserted only when the user picks one. */
  insert: boolean;
}

/** Cuts the layer out of the page and encodes it for the model. */
export async function prepareInput(deps: Pick<PipelineDeps, "images">, page: PageImage, plan: LayerPlan, signal: AbortSignal): Promise<Encoded> {
  const bitmap = await page.crop(plan.crop);
  return deps.images.prepare(bitmap, { center: plan.center, layerPixels: plan.layerPixels, rotation: plan.rotation }, plan.modelSize, signal);
}

async function depthFor(deps: PipelineDeps, job: RestyleJob, input: Encoded, remote: EncodedImage | undefined, signal: AbortSignal, update: RowUpdate): Promise<Blob | undefined> {
  const { outputSize, settings } = job;
  if (!settings.depthLayer.enabled || !job.insert) return undefined;
  if (remote) {
    const out = await deps.images.resize(buffer(remote.bytes), remote.mimeType, outputSize, "image/png", signal);
    return new Blob([out.bytes], { type: out.mimeType });
  }
  if (!deps.estimateDepth)
    throw new DepthModelError("This build has no in-panel depth estimator. Turn off “Add depth-map layer”, or use the local gateway, which returns the depth map.");
  update({ status: "depth" });
  return deps.estimateDepth(input, { size: outputSize, invert: settings.depthLayer.invert, signal });
}

/**
 * One layer through the whole pipeline: cut out, generate, scale back, save to history, then
 * (unless it is a sweep cell) insert above the source. Returns the history ids it created.
 */
export async function runRestyle(deps: PipelineDeps, backend: Backend, job: RestyleJob, signal: AbortSignal, update: RowUpdate): Promise<string[]> {
  const { outputSize, settings } = job;
  update({ status: "preparing" });
  const input = await job.input(signal);
  const wantDepth = settings.depthLayer.enabled && job.insert && backend.kind === "gateway";
  const result = await backend.generate(
    { image: new Uint8Array(input.bytes), mimeType: "image/jpeg", settings, wantDepth },
    { signal, onProgress: (p) => update(progressPatch(p)) },
  );
  update({ seed: result.seed });
  const used: ResolvedSettings = { ...settings, seed: result.seed };
  const depth = await depthFor(deps, job, input, result.depthMap, signal, update);

  update({ status: "saving" });
  const ids: string[] = [];
  for (const image of result.images) {
    const full = await deps.images.resize(buffer(image.bytes), image.mimeType, outputSize, "image/jpeg", signal);
    const thumb = await deps.images.resize(full.bytes, full.mimeType, thumbSize(outputSize), "image/jpeg", signal);
    const blobs = {
      image: new Blob([full.bytes], { type: full.mimeType }),
      thumb: new Blob([thumb.bytes], { type: thumb.mimeType }),
      // Kept so "regenerate" can send the same pixels even after the result covers the source.
      input: new Blob([input.bytes], { type: input.mimeType }),
      ...(depth ? { depth } : {}),
    };
    const record: HistoryRecord = {
      id: deps.newId(),
      createdAt: deps.now(),
      kind: job.kind,
      sourceId: job.sourceId,
      backend: backend.kind,
      settings: used,
      mimeType: full.mimeType,
      size: full.size,
      modelSize: input.size,
      bytes: blobsSize(blobs),
      hasDepth: depth !== undefined,
      status: "saved",
    };
    // Saved before insertion: a failed insert must never lose a paid result.
    await deps.history.add(record, blobs);
    ids.push(record.id);
    update({ historyIds: [...ids] });
  }
  if (!job.insert) return ids;

  update({ status: "inserting" });
  for (const id of ids) {
    try {
      await insertFromHistory(deps, id);
    } catch (error) {
      await deps.history.update(id, { status: "failed", error: toErrorPayload(error) });
      throw error;
    }
  }
  return ids;
}
