import { ValidationError } from "../../core/errors";
import { DEFAULT_DEPTH_EDIT } from "../../shared/depth-edit";
import type { SelectionInfo } from "../../shared/sandbox-api";
import { readLayers } from "./page-read";
import { prepareInput, thumbSize } from "./restyle";
import type { EstimateDepth, PipelineDeps } from "./types";

/** The unedited depth of a layer at thumbnail size (0 = far, 1 = near); the editor re-draws it live. */
export interface DepthThumb {
  width: number;
  height: number;
  values: Float32Array;
}

/** Decodes a greyscale PNG to one byte per pixel (a canvas in the panel). */
export type DecodeGray = (png: Blob) => Promise<{ width: number; height: number; gray: Uint8Array }>;

/** Depth of the first selected layer at thumbnail size, without edits, so edits can be previewed without the model. */
export async function depthThumb(
  deps: Pick<PipelineDeps, "renderPage" | "images" | "sandbox" | "nodeRenditions"> & { estimateDepth: EstimateDepth; decodeGray: DecodeGray },
  selection: SelectionInfo,
  signal: AbortSignal,
): Promise<DepthThumb> {
  // The pixels never leave the panel: the preview rendition is enough.
  const plan = await readLayers(deps, { ...selection, layers: selection.layers.slice(0, 1) }, "preview");
  const job = plan.jobs[0];
  if (!job) throw new ValidationError(plan.skipped[0]?.reason ?? "Select a layer to preview its depth.");
  const { input } = await prepareInput(deps, job, signal);
  const size = thumbSize(job.plan.outputSize);
  const decoded = await deps.decodeGray(await deps.estimateDepth(input, { size, edit: DEFAULT_DEPTH_EDIT, signal }));
  return { width: decoded.width, height: decoded.height, values: Float32Array.from(decoded.gray, (v) => v / 255) };
}
