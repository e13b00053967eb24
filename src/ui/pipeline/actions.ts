import type { Backend } from "../../core/backends/types";
import { DepthModelError, ValidationError, toErrorPayload } from "../../core/errors";
import type { LayerInfo, SelectionInfo } from "../../shared/sandbox-api";
import { resolveSeed, type DepthLayerOptions, type GenerationSettings, type ResolvedSettings } from "../../shared/settings";
import type { HistoryRecord } from "../history/types";
import type { Encoded } from "../image/types";
import { planJobs, type LayerPlan } from "../logic/plan";
import { planSweep } from "../logic/sweep";
import { layerName, strengthText } from "../logic/wording";
import { runBatch, type BatchHandle, type BatchItem } from "./batch";
import { controlFor } from "./control";
import { insertDepthOnly } from "./depth-only";
import { insertSlices, type SliceJob } from "./slices";
import { prepareInput, runRestyle, type RestyleJob } from "./restyle";
import type { PageImage, PipelineDeps, RowState } from "./types";

export interface Started {
  handle: BatchHandle;
  seed: number | null;
}

export interface StartedSweep extends Started {
  /** The layer the sweep was made from: its cells belong to it. */
  sourceId: string;
}

type OnRows = (rows: RowState[]) => void;


/** Renders the page once and plans every selected layer; unplannable layers become failed rows with the reason. */
async function planned(deps: PipelineDeps, selection: SelectionInfo): Promise<{ page: PageImage; jobs: LayerPlan[]; skipped: RowState[] }> {
  const page = await deps.renderPage();
  const plan = planJobs(selection, page.size);
  const skipped: RowState[] = plan.skipped.map((s) => ({
    id: deps.newId(),
    label: layerName(s.layer),
    status: "failed",
    historyIds: [],
    error: toErrorPayload(new ValidationError(s.reason)),
  }));
  return { page, jobs: plan.jobs, skipped };
}

function start(deps: Pick<PipelineDeps, "now">, page: PageImage | null, items: BatchItem[], skipped: RowState[], seed: number | null, onRows: OnRows): Started {
  const handle = runBatch(items, (rows) => onRows([...rows, ...skipped]), deps.now);
  void handle.done.finally(() => page?.close());
  return { handle, seed };
}

const restyleItem = (deps: PipelineDeps, backend: Backend, rowId: string, label: string, job: RestyleJob): BatchItem => ({
  rowId,
  label,
  ...(job.settings.strength !== undefined ? { strength: job.settings.strength } : {}),
  run: (signal, update) => runRestyle(deps, backend, job, signal, update),
});

/** Restyles every selected layer with one seed (so a batch shares a look), inserting each result. */
export async function startGenerate(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows, ownDepthLayer: LayerInfo | null = null): Promise<Started> {
  const resolved = resolveSeed(settings, deps.random);
  const { page, jobs, skipped } = await planned(deps, selection);
  const items = jobs.map((plan) =>
    restyleItem(deps, backend, deps.newId(), layerName(plan.layer), {
      sourceId: plan.layer.id,
      sourceName: layerName(plan.layer),
      outputSize: plan.outputSize,
      input: (signal) => prepareInput(deps, page, plan, signal),
      settings: resolved,
      kind: "restyle",
      insert: true,
      control: controlFor(deps, backend, page, selection, plan, ownDepthLayer),
    }),
  );
  return start(deps, page, items, skipped, resolved.seed, onRows);
}

/** Renders the first selected layer at each sweep strength with one seed; results go to history only. */
export async function startSweep(deps: PipelineDeps, backend: Backend, selection: SelectionInfo, settings: GenerationSettings, onRows: OnRows, ownDepthLayer: LayerInfo | null = null): Promise<StartedSweep> {
  const resolved = resolveSeed(settings, deps.random);
  const { page, jobs, skipped } = await planned(deps, { ...selection, layers: selection.layers.slice(0, 1) });
  const plan = jobs[0];
  if (!plan) {
    page.close();
    throw new ValidationError(skipped[0]?.error?.message ?? "Select a layer on the page to sweep.");
  }
  // One cut-out shared by all five requests (only strength changes), not tied to one row's cancel.
  let input: ReturnType<typeof prepareInput> | undefined;
  const shared = () => (input ??= prepareInput(deps, page, plan, new AbortController().signal));
  const makeControl = controlFor(deps, backend, page, selection, plan, ownDepthLayer);
  let control: Promise<Encoded> | undefined;
  const sharedControl = makeControl && ((encoded: Encoded) => (control ??= makeControl(encoded, new AbortController().signal)));
  const items = planSweep(resolved).map((cell) =>
    restyleItem(deps, backend, deps.newId(), strengthText(cell.strength), {
      sourceId: plan.layer.id,
      sourceName: layerName(plan.layer),
      outputSize: plan.outputSize,
      input: shared,
      settings: cell,
      kind: "sweep",
      insert: false,
      ...(sharedControl ? { control: sharedControl } : {}),
    }),
  );
  return { ...start(deps, page, items, skipped, resolved.seed, onRows), sourceId: plan.layer.id };
}

/** Sends a stored input again with `settings` and inserts the result above the original source. */
export async function startRegenerate(deps: PipelineDeps, backend: Backend, record: HistoryRecord, settings: ResolvedSettings, onRows: OnRows): Promise<Started> {
  const stored = (await deps.history.blobs(record.id))?.input;
  if (!stored) throw new ValidationError("The source pixels of this result are no longer in history. Select the original layer and use Generate.");
  const bytes = await stored.arrayBuffer();
  const size = record.modelSize ?? record.size;
  const name = record.sourceName ?? "Layer";
  const item = restyleItem(deps, backend, deps.newId(), name, {
    sourceId: record.sourceId,
    sourceName: name,
    outputSize: record.size,
    input: async () => ({ bytes: bytes.slice(0), mimeType: stored.type || "image/jpeg", size }),
    settings,
    kind: "restyle",
    insert: true,
  });
  return start(deps, null, [item], [], settings.seed, onRows);
}

/** "Add depth layer": estimates depth in the panel for each selected layer and inserts it above the layer. */
export async function startDepthLayers(deps: PipelineDeps, selection: SelectionInfo, options: DepthLayerOptions, onRows: OnRows): Promise<Started> {
  const estimate = deps.estimateDepth;
  if (!estimate) throw new DepthModelError("This build has no in-panel depth estimator.");
  const { page, jobs, skipped } = await planned(deps, selection);
  const items: BatchItem[] = jobs.map((plan) => ({
    rowId: deps.newId(),
    label: `Depth of ${layerName(plan.layer)}`,
    run: (signal, update) => insertDepthOnly({ ...deps, estimateDepth: estimate }, page, plan, options, signal, update),
  }));
  return start(deps, page, items, skipped, null, onRows);
}

/** "Split by depth" / "Foreground only": slices of each selected layer, grouped above it. */
export async function startSlices(deps: PipelineDeps, selection: SelectionInfo, job: SliceJob, onRows: OnRows): Promise<Started> {
  const sliceDepth = deps.sliceDepth;
  if (!sliceDepth) throw new DepthModelError("This build has no in-panel depth estimator.");
  const { page, jobs, skipped } = await planned(deps, selection);
  const what = job.keep === 1 ? "Foreground" : `${job.keep} depth slices`;
  const items: BatchItem[] = jobs.map((plan) => ({
    rowId: deps.newId(),
    label: `${what}: ${layerName(plan.layer)}`,
    run: (signal, update) => insertSlices({ ...deps, sliceDepth }, page, plan, job, signal, update),
  }));
  return start(deps, page, items, skipped, null, onRows);
}
