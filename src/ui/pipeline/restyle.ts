import type { Backend, EncodedImage, GenerateResult } from "../../core/backends/types";
import { CancelledError, DepthModelError, toErrorPayload } from "../../core/errors";
import type { Size } from "../../core/geometry";
import type { ResolvedSettings } from "../../shared/settings";
import { blobsSize, type HistoryRecord } from "../history/types";
import type { Encoded, Prepared } from "../image/types";
import { insertFromHistory } from "./insert";
import type { LayerJob } from "./page-read";
import { depthEditFor, progressPatch, type PipelineDeps, type RowUpdate } from "./types";

export const THUMB_SIDE = 160;

export function thumbSize(size: Size, side = THUMB_SIDE): Size {
  const k = Math.min(1, side / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
}

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

export interface RestyleJob {
  sourceId: string;
  /** What the designer calls the source ("Image 840 × 560"), kept with the result in history. */
  sourceName: string;
  /** Pixel size of the inserted result (the layer's size at rendition density). */
  outputSize: Size;
  /** The model input (and the source's footprint): cut from the page, or stored when regenerating. */
  input: (signal: AbortSignal) => Promise<Prepared>;
  settings: ResolvedSettings;
  kind: HistoryRecord["kind"];
  /** Sweep cells are stored and shown, inserted only when the user picks one. */
  insert: boolean;
  /** The depth map that guides the restyle instead of the backend's own estimate (gateway only). */
  control?: (input: Encoded, signal: AbortSignal) => Promise<Encoded>;
}

/** Cuts the layer out of its reading(s) and encodes it for the model (in the image worker). */
export function prepareInput(deps: Pick<PipelineDeps, "images">, { plan, source }: LayerJob, signal: AbortSignal): Promise<Prepared> {
  return deps.images.prepare(source, { center: plan.center, layerPixels: plan.layerPixels, rotation: plan.rotation }, plan.modelSize, signal);
}

/** Keeps only the source's footprint of an image already at the layer's size (a depth map from the panel). */
export async function maskBlob(deps: Pick<PipelineDeps, "images">, image: Blob, size: Size, mask: Encoded | undefined, signal?: AbortSignal): Promise<Blob> {
  if (!mask) return image;
  const out = await deps.images.resize(await image.arrayBuffer(), image.type || "image/png", size, "image/png", signal, mask);
  return new Blob([out.bytes], { type: out.mimeType });
}

/** Scales each result to the layer and stores it. No signal: the result is paid for, so it is kept even if the user cancels now. */
async function saveResults(deps: PipelineDeps, job: RestyleJob, { input, mask }: Prepared, result: GenerateResult, backend: Backend["kind"], update: RowUpdate): Promise<string[]> {
  update({ status: "saving" });
  const ids: string[] = [];
  for (const image of result.images) {
    // A see-through source gives a result cut to its footprint (PNG); an opaque one stays a JPEG rectangle.
    const full = await deps.images.resize(buffer(image.bytes), image.mimeType, job.outputSize, mask ? "image/png" : "image/jpeg", undefined, mask);
    const thumb = await deps.images.resize(full.bytes, full.mimeType, thumbSize(job.outputSize), "image/jpeg");
    const blobs = {
      image: new Blob([full.bytes], { type: full.mimeType }),
      thumb: new Blob([thumb.bytes], { type: thumb.mimeType }),
      // Kept so "regenerate" can send the same pixels even after the result covers the source.
      input: new Blob([input.bytes], { type: input.mimeType }),
      ...(mask ? { mask: new Blob([mask.bytes], { type: mask.mimeType }) } : {}),
    };
    const record: HistoryRecord = {
      id: deps.newId(),
      createdAt: deps.now(),
      kind: job.kind,
      sourceId: job.sourceId,
      sourceName: job.sourceName,
      backend,
      settings: { ...job.settings, seed: result.seed },
      mimeType: full.mimeType,
      size: full.size,
      modelSize: input.size,
      bytes: blobsSize(blobs),
      hasDepth: false,
      status: "saved",
    };
    await deps.history.add(record, blobs);
    ids.push(record.id);
    update({ historyIds: [...ids] });
  }
  return ids;
}

async function depthMap(deps: PipelineDeps, job: RestyleJob, { input, mask }: Prepared, remote: EncodedImage | undefined, signal: AbortSignal, update: RowUpdate): Promise<Blob> {
  if (remote) {
    const out = await deps.images.resize(buffer(remote.bytes), remote.mimeType, job.outputSize, "image/png", signal, mask);
    return new Blob([out.bytes], { type: out.mimeType });
  }
  if (!deps.estimateDepth) throw new DepthModelError("The in-panel depth estimator is not available.");
  update({ status: "depth" });
  const depth = await deps.estimateDepth(input, {
    size: job.outputSize,
    edit: depthEditFor(deps, job.settings.depthLayer.invert),
    signal,
    onProgress: (p) => update(p.stage === "download" && p.total ? { step: p.loaded, maxSteps: p.total } : { step: undefined, maxSteps: undefined }),
  });
  return maskBlob(deps, depth, job.outputSize, mask, signal);
}

/**
 * Measures how well each result kept the source's layout (in-panel depth of both). A score
 * that cannot be measured is left out: the result itself is unaffected.
 */
async function scoreResults(deps: PipelineDeps, input: Encoded, result: GenerateResult, signal: AbortSignal, update: RowUpdate): Promise<void> {
  if (!deps.scoreComposition || signal.aborted) return;
  update({ status: "scoring" });
  try {
    const scores = [];
    for (const image of result.images) scores.push(await deps.scoreComposition(input, { bytes: buffer(image.bytes), mimeType: image.mimeType, size: input.size }, signal));
    update({ scores });
  } catch {
    // Cancelled or unmeasurable: the row shows no score; the result is already saved (and inserted).
  }
}

/**
 * One layer through the whole pipeline: cut out, generate, scale back, save to history (always
 * before insertion), add the depth map, then (unless it is a sweep cell) insert above the source,
 * and finally score the composition.
 * A depth map that fails does not cost the result: it is inserted alone, with the reason on the row.
 */
export async function runRestyle(deps: PipelineDeps, backend: Backend, job: RestyleJob, signal: AbortSignal, update: RowUpdate): Promise<string[]> {
  const depthWanted = job.settings.depthLayer.enabled && job.insert;
  // Checked before anything is sent: a paid request must not end in "no depth estimator".
  if (depthWanted && backend.kind !== "gateway" && !deps.estimateDepth)
    throw new DepthModelError("The in-panel depth estimator is not available, so no depth map can be made. Turn off “Add depth-map layer”, or use the local gateway, which returns the depth map.");
  update({ status: "preparing" });
  const prepared = await job.input(signal);
  const { input } = prepared;
  update({ source: new Blob([input.bytes], { type: input.mimeType }) });
  const control = await job.control?.(input, signal);
  const result = await backend.generate(
    {
      image: new Uint8Array(input.bytes),
      mimeType: "image/jpeg",
      settings: job.settings,
      wantDepth: depthWanted && backend.kind === "gateway",
      ...(control ? { controlImage: { bytes: new Uint8Array(control.bytes), mimeType: control.mimeType === "image/png" ? "image/png" : "image/jpeg" } } : {}),
    },
    { signal, onProgress: (p) => update(progressPatch(p)) },
  );
  update({ seed: result.seed });
  const ids = await saveResults(deps, job, prepared, result, backend.kind, update);
  if (!job.insert) {
    await scoreResults(deps, input, result, signal, update);
    return ids;
  }

  let depthProblem: unknown;
  if (depthWanted) {
    try {
      const depth = await depthMap(deps, job, prepared, result.depthMap, signal, update);
      for (const id of ids) await deps.history.setDepth(id, depth);
    } catch (error) {
      if (signal.aborted) throw error;
      depthProblem = error;
    }
  }
  if (signal.aborted) throw new CancelledError("Cancelled. The result is kept in history; insert it from there.");

  update({ status: "inserting", step: undefined, maxSteps: undefined });
  for (const id of ids) {
    try {
      await insertFromHistory(deps, id);
    } catch (error) {
      await deps.history.update(id, { status: "failed", error: toErrorPayload(error) });
      throw error;
    }
  }
  if (depthProblem !== undefined) update({ error: toErrorPayload(depthProblem) });
  await scoreResults(deps, input, result, signal, update);
  return ids;
}
