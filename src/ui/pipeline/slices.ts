import { BadResponseError } from "../../core/errors";
import type { SliceOptions } from "../../shared/depth-edit";
import { InsertOutcomeSchema } from "../../shared/sandbox-api";
import type { LayerJob } from "./page-read";
import { prepareInput } from "./restyle";
import { depthEditFor, type PipelineDeps, type RowUpdate, type SliceDepth } from "./types";

export interface SliceJob {
  slices: SliceOptions;
  /** Slices to insert, nearest first: `slices.count`, or 1 for "foreground only". */
  keep: number;
}

/** Cuts the layer out twice (model input, and its own pixels with transparency), splits it by depth, inserts the slices above it. */
export async function insertSlices(deps: PipelineDeps & { sliceDepth: SliceDepth }, read: LayerJob, job: SliceJob, signal: AbortSignal, update: RowUpdate): Promise<void> {
  const { plan, source } = read;
  update({ status: "preparing" });
  const { input } = await prepareInput(deps, read, signal);
  const layer = await deps.images.cutout(source, { center: plan.center, layerPixels: plan.layerPixels, rotation: plan.rotation }, plan.outputSize, signal);
  update({ status: "depth" });
  const pngs = await deps.sliceDepth(input, layer, {
    // Slices follow true nearness: invert only changes how a depth layer looks.
    edit: depthEditFor(deps, false),
    slices: job.slices,
    keep: job.keep,
    signal,
    onProgress: (p) => update(p.stage === "download" && p.total ? { status: "depth", step: p.loaded, maxSteps: p.total } : { status: "depth" }),
  });
  update({ status: "inserting", step: undefined, maxSteps: undefined });
  const createdAt = new Date(deps.now()).toISOString();
  const slices = await Promise.all(
    pngs.map(async (png, i) => ({
      image: { bytes: await png.arrayBuffer(), mimeType: "image/png" as const },
      provenance: { v: 1 as const, kind: "slice" as const, sourceId: plan.layer.id, backend: "in-panel" as const, truncated: false, createdAt, band: { index: i + 1, count: job.slices.count } },
    })),
  );
  const answer: unknown = await deps.sandbox.insertSlices({ sourceId: plan.layer.id, slices });
  const outcome = InsertOutcomeSchema.safeParse(answer);
  if (!outcome.success || outcome.data.sliceIds?.length !== slices.length) throw new BadResponseError("The document did not confirm the depth slices. Check the page and try again.");
}
