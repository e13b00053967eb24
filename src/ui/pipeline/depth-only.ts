import { BadResponseError } from "../../core/errors";
import { InsertOutcomeSchema } from "../../shared/sandbox-api";
import type { DepthLayerOptions } from "../../shared/settings";
import type { LayerJob } from "./page-read";
import { maskBlob, prepareInput } from "./restyle";
import { depthEditFor, type EstimateDepth, type PipelineDeps, type RowUpdate } from "./types";

/** Cuts the layer out, estimates its depth in the panel, inserts the map above the layer. */
export async function insertDepthOnly(
  deps: PipelineDeps & { estimateDepth: EstimateDepth },
  job: LayerJob,
  options: DepthLayerOptions,
  signal: AbortSignal,
  update: RowUpdate,
): Promise<void> {
  update({ status: "preparing" });
  const { plan } = job;
  const { input, mask } = await prepareInput(deps, job, signal);
  update({ source: new Blob([input.bytes], { type: input.mimeType }) });
  update({ status: "depth" });
  const depth = await deps.estimateDepth(input, {
    size: plan.outputSize,
    edit: depthEditFor(deps, options.invert),
    signal,
    onProgress: (p) => update(p.stage === "download" && p.total ? { status: "depth", step: p.loaded, maxSteps: p.total } : { status: "depth" }),
  });
  const png = await maskBlob(deps, depth, plan.outputSize, mask, signal);
  update({ status: "inserting", step: undefined, maxSteps: undefined });
  const answer: unknown = await deps.sandbox.insertDepth({
    sourceId: plan.layer.id,
    image: { bytes: await png.arrayBuffer(), mimeType: "image/png" },
    blendMode: options.blendMode,
    opacity: options.opacity,
    provenance: { v: 1, kind: "depth", sourceId: plan.layer.id, backend: "in-panel", truncated: false, createdAt: new Date(deps.now()).toISOString() },
  });
  if (!InsertOutcomeSchema.safeParse(answer).success) throw new BadResponseError("The document did not confirm the depth layer. Check the page and try again.");
}
