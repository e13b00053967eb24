import type { Backend } from "../../core/backends/types";
import { DepthModelError, ValidationError, toErrorPayload } from "../../core/errors";
import type { SelectionInfo } from "../../shared/sandbox-api";
import { resolveSeed, type DepthLayerOptions, type GenerationSettings, type ResolvedSettings } from "../../shared/settings";
import type { HistoryRecord } from "../history/types";
import type { RenderIntent } from "../host/types";
import type { Prepared } from "../image/types";
import type { LayerPlan } from "../logic/plan";
import { planSweep } from "../logic/sweep";
import { runBatch, type BatchHandle, type BatchItem } from "./batch";
import { insertDepthOnly } from "./depth-only";
import { readLayers, type LayerJob } from "./page-read";
import { prepareInput, runRestyle, type RestyleJob } from "./restyle";
import type { PipelineDeps, RowState } from "./types";

export interface Started {
  handle: BatchHandle;
  seed: number | null;
}

type OnRows = (rows: RowState[]) => void;

const layerLabel = (plan: LayerPlan, index: number): string => `Layer ${index + 1} (${plan.layer.type})`;

/**
 * Reads every selected layer's own pixels once and plans each; unplannable layers become failed
 * rows with the reason. `intent`: "export" when the pixels go to a restyle service.
 */
async function planned(deps: PipelineDeps, selection: SelectionInfo, intent: RenderIntent): Promise<{ jobs: LayerJob[]; skipped: RowState[] }> {
  const plan = await readLayers(deps, selection, intent);
  const skipped: RowState[] = plan.skipped.map((s) => ({
    id: deps.newId(),
    label: `Skipped (${s.layer.type})`,
    status: "failed",
    historyIds: [],
    error: toErrorPayload(new ValidationError(s.reason)),
  }));
  return { jobs: plan.jobs, skipped };
}

function start(items: BatchItem[], skipped: RowState[], seed: number | null, onRows: OnRows): Started {
  return { handle: runBatch(items, (rows) => onRows([...rows, ...skipped])), seed };
}

const restyleItem = (deps: PipelineDeps, backend: Backend, rowId: string, label: string, job: RestyleJob): BatchItem => ({
  rowId,
  label,
  run: (signal, update) => runRestyle(deps, backend, job, signal, update),
});

/** Restyles every selected layer with one seed (so a batch shares a look), inserting each result. */
export async function startGenerate(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows): Promise<Started> {
  const resolved = resolveSeed(settings, deps.random);
  const { jobs, skipped } = await planned(deps, selection, "export");
  const items = jobs.map((job, i) =>
    restyleItem(deps, backend, deps.newId(), layerLabel(job.plan, i), {
      sourceId: job.plan.layer.id,
      outputSize: job.plan.outputSize,
      input: (signal) => prepareInput(deps, job, signal),
      settings: resolved,
      kind: "restyle",
      insert: true,
    }),
  );
  return start(items, skipped, resolved.seed, onRows);
}

/** Renders the first selected layer at each sweep strength with one seed; results go to history only. */
export async function startSweep(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows): Promise<Started> {
  const resolved = resolveSeed(settings, deps.random);
  const { jobs, skipped } = await planned(deps, { ...selection, layers: selection.layers.slice(0, 1) }, "export");
  const job = jobs[0];
  if (!job) throw new ValidationError(skipped[0]?.error?.message ?? "Select a layer on the page to sweep.");
  // One cut-out shared by all five requests (only strength changes), not tied to one row's cancel.
  let input: Promise<Prepared> | undefined;
  const shared = () => (input ??= prepareInput(deps, job, new AbortController().signal));
  const items = planSweep(resolved).map((cell) =>
    restyleItem(deps, backend, deps.newId(), `Strength ${cell.strength}`, {
      sourceId: job.plan.layer.id,
      outputSize: job.plan.outputSize,
      input: shared,
      settings: cell,
      kind: "sweep",
      insert: false,
    }),
  );
  return start(items, skipped, resolved.seed, onRows);
}

/** Sends a stored input again with `settings` and inserts the result above the original source. */
export async function startRegenerate(deps: PipelineDeps, backend: Backend, record: HistoryRecord, settings: ResolvedSettings, onRows: OnRows): Promise<Started> {
  const blobs = await deps.history.blobs(record.id);
  const stored = blobs?.input;
  if (!stored) throw new ValidationError("The source pixels of this result are no longer in history. Select the original layer and use Generate.");
  const bytes = await stored.arrayBuffer();
  const size = record.modelSize ?? record.size;
  const mask = blobs.mask ? { bytes: await blobs.mask.arrayBuffer(), mimeType: blobs.mask.type || "image/png", size } : undefined;
  const item = restyleItem(deps, backend, deps.newId(), "Regenerate", {
    sourceId: record.sourceId,
    outputSize: record.size,
    input: async () => ({ input: { bytes: bytes.slice(0), mimeType: stored.type || "image/jpeg", size }, ...(mask ? { mask } : {}) }),
    settings,
    kind: "restyle",
    insert: true,
  });
  return start([item], [], settings.seed, onRows);
}

/** "Add depth layer": estimates depth in the panel for each selected layer and inserts it above the layer. */
export async function startDepthLayers(deps: PipelineDeps, selection: SelectionInfo, options: DepthLayerOptions, onRows: OnRows): Promise<Started> {
  const estimate = deps.estimateDepth;
  if (!estimate) throw new DepthModelError("This build has no in-panel depth estimator.");
  // The pixels never leave the panel: a preview rendition is allowed for Premium content and documents under review.
  const { jobs, skipped } = await planned(deps, selection, "preview");
  const items: BatchItem[] = jobs.map((job, i) => ({
    rowId: deps.newId(),
    label: `Depth: ${layerLabel(job.plan, i)}`,
    run: (signal, update) => insertDepthOnly({ ...deps, estimateDepth: estimate }, job, options, signal, update),
  }));
  return start(items, skipped, null, onRows);
}
