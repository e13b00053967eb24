import type { Backend } from "../../core/backends/types";
import { DepthModelError, ValidationError, toErrorPayload } from "../../core/errors";
import type { LayerInfo, SelectionInfo } from "../../shared/sandbox-api";
import { resolveSeed, type DepthLayerOptions, type GenerationSettings, type ResolvedSettings } from "../../shared/settings";
import type { HistoryRecord } from "../history/types";
import type { RenderIntent } from "../host/types";
import type { Encoded, Prepared } from "../image/types";
import { planSweep } from "../logic/sweep";
import { layerName, strengthText } from "../logic/wording";
import { runBatch, type BatchHandle, type BatchItem } from "./batch";
import { controlFor } from "./control";
import { insertDepthOnly } from "./depth-only";
import { readLayers, type LayerJob } from "./page-read";
import { insertSlices, type SliceJob } from "./slices";
import { prepareInput, runRestyle, type RestyleJob } from "./restyle";
import type { PipelineDeps, RowState } from "./types";

export interface Started {
  handle: BatchHandle;
  seed: number | null;
}

export interface StartedSweep extends Started {
  /** The layer the sweep was made from: its cells belong to it. */
  sourceId: string;
}

type OnRows = (rows: RowState[]) => void;


/**
 * Reads every selected layer's own pixels once and plans each; unplannable layers become failed
 * rows with the reason. `intent`: "export" when the pixels go to a restyle service.
 */
async function planned(deps: PipelineDeps, selection: SelectionInfo, intent: RenderIntent): Promise<{ jobs: LayerJob[]; skipped: RowState[] }> {
  const plan = await readLayers(deps, selection, intent);
  const skipped: RowState[] = plan.skipped.map((s) => ({
    id: deps.newId(),
    label: layerName(s.layer),
    status: "failed",
    historyIds: [],
    error: toErrorPayload(new ValidationError(s.reason)),
  }));
  return { jobs: plan.jobs, skipped };
}

function start(deps: Pick<PipelineDeps, "now">, items: BatchItem[], skipped: RowState[], seed: number | null, onRows: OnRows): Started {
  return { handle: runBatch(items, (rows) => onRows([...rows, ...skipped]), deps.now), seed };
}

const restyleItem = (deps: PipelineDeps, backend: Backend, rowId: string, label: string, job: RestyleJob): BatchItem => ({
  rowId,
  label,
  restyle: true,
  ...(job.settings.strength !== undefined ? { strength: job.settings.strength } : {}),
  run: (signal, update) => runRestyle(deps, backend, job, signal, update),
});

/** Restyles every selected layer with one seed (so a batch shares a look), inserting each result. */
export async function startGenerate(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows, ownDepthLayer: LayerInfo | null = null): Promise<Started> {
  const resolved = resolveSeed(settings, deps.random);
  const { jobs, skipped } = await planned(deps, selection, "export");
  const items = jobs.map((job) =>
    restyleItem(deps, backend, deps.newId(), layerName(job.plan.layer), {
      sourceId: job.plan.layer.id,
      sourceName: layerName(job.plan.layer),
      outputSize: job.plan.outputSize,
      input: (signal) => prepareInput(deps, job, signal),
      settings: resolved,
      kind: "restyle",
      insert: true,
      control: controlFor(deps, backend, selection, job.plan, ownDepthLayer),
    }),
  );
  return start(deps, items, skipped, resolved.seed, onRows);
}

/** Renders the first selected layer at each sweep strength with one seed; results go to history only. */
export async function startSweep(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows, ownDepthLayer: LayerInfo | null = null): Promise<StartedSweep> {
  const resolved = resolveSeed(settings, deps.random);
  const { jobs, skipped } = await planned(deps, { ...selection, layers: selection.layers.slice(0, 1) }, "export");
  const job = jobs[0];
  if (!job) throw new ValidationError(skipped[0]?.error?.message ?? "Select a layer on the page to sweep.");
  // One cut-out shared by all five requests (only strength changes), not tied to one row's cancel.
  let input: Promise<Prepared> | undefined;
  const shared = () => (input ??= prepareInput(deps, job, new AbortController().signal));
  const makeControl = controlFor(deps, backend, selection, job.plan, ownDepthLayer);
  let control: Promise<Encoded> | undefined;
  const sharedControl = makeControl && ((encoded: Encoded) => (control ??= makeControl(encoded, new AbortController().signal)));
  const items = planSweep(resolved).map((cell) =>
    restyleItem(deps, backend, deps.newId(), strengthText(cell.strength), {
      sourceId: job.plan.layer.id,
      sourceName: layerName(job.plan.layer),
      outputSize: job.plan.outputSize,
      input: shared,
      settings: cell,
      kind: "sweep",
      insert: false,
      ...(sharedControl ? { control: sharedControl } : {}),
    }),
  );
  return { ...start(deps, items, skipped, resolved.seed, onRows), sourceId: job.plan.layer.id };
}

/** Sends a stored input again with `settings` and inserts the result above the original source. */
export async function startRegenerate(deps: PipelineDeps, backend: Backend, record: HistoryRecord, settings: ResolvedSettings, onRows: OnRows): Promise<Started> {
  const blobs = await deps.history.blobs(record.id);
  const stored = blobs?.input;
  if (!stored) throw new ValidationError("The source pixels of this result are no longer in history. Select the original layer and use Generate.");
  const bytes = await stored.arrayBuffer();
  const size = record.modelSize ?? record.size;
  const name = record.sourceName ?? "Layer";
  const mask = blobs.mask ? { bytes: await blobs.mask.arrayBuffer(), mimeType: blobs.mask.type || "image/png", size } : undefined;
  const item = restyleItem(deps, backend, deps.newId(), name, {
    sourceId: record.sourceId,
    sourceName: name,
    outputSize: record.size,
    input: async () => ({ input: { bytes: bytes.slice(0), mimeType: stored.type || "image/jpeg", size }, ...(mask ? { mask } : {}) }),
    settings,
    kind: "restyle",
    insert: true,
  });
  return start(deps, [item], [], settings.seed, onRows);
}

/** "Add depth layer": estimates depth in the panel for each selected layer and inserts it above the layer. */
export async function startDepthLayers(deps: PipelineDeps, selection: SelectionInfo, options: DepthLayerOptions, onRows: OnRows): Promise<Started> {
  const estimate = deps.estimateDepth;
  if (!estimate) throw new DepthModelError("This build has no in-panel depth estimator.");
  // The pixels never leave the panel: a preview rendition is allowed for Premium content and documents under review.
  const { jobs, skipped } = await planned(deps, selection, "preview");
  const items: BatchItem[] = jobs.map((job) => ({
    rowId: deps.newId(),
    label: `Depth of ${layerName(job.plan.layer)}`,
    run: (signal, update) => insertDepthOnly({ ...deps, estimateDepth: estimate }, job, options, signal, update),
  }));
  return start(deps, items, skipped, null, onRows);
}

/** "Split by depth" / "Foreground only": slices of each selected layer, grouped above it. */
export async function startSlices(deps: PipelineDeps, selection: SelectionInfo, slices: SliceJob, onRows: OnRows): Promise<Started> {
  const sliceDepth = deps.sliceDepth;
  if (!sliceDepth) throw new DepthModelError("This build has no in-panel depth estimator.");
  // Like a depth layer, slices never leave the panel: the preview rendition is enough.
  const { jobs, skipped } = await planned(deps, selection, "preview");
  const what = slices.keep === 1 ? "Foreground" : `${slices.keep} depth slices`;
  const items: BatchItem[] = jobs.map((job) => ({
    rowId: deps.newId(),
    label: `${what}: ${layerName(job.plan.layer)}`,
    run: (signal, update) => insertSlices({ ...deps, sliceDepth }, job, slices, signal, update),
  }));
  return start(deps, items, skipped, null, onRows);
}
