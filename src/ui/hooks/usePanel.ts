import { useCallback, useMemo, useRef, useState } from "react";
import { resolveSeed, type GenerationSettings, type ResolvedSettings } from "../../shared/settings";
import type { AppDeps } from "../components/deps";
import type { HistoryRecord } from "../history/types";
import { errorView, type ErrorAction, type ErrorView } from "../logic/error-messages";
import { DEFAULT_FORM, FormStateSchema, depthOptionsOf, formToSettings, settingsToForm, type FormState } from "../logic/form";
import { describeFormChange } from "../logic/form-change";
import { panelRules } from "../logic/gate";
import { parsePresets, removePreset, upsertPreset, type Preset } from "../logic/presets";
import { layerName } from "../logic/wording";
import { startDepthLayers, startGenerate, startRegenerate, startSlices, startSweep, type Started } from "../pipeline/actions";
import { insertFromHistory } from "../pipeline/insert";
import type { SliceJob } from "../pipeline/slices";
import type { RowState } from "../pipeline/types";
import { useDepthService } from "./useDepthService";
import { useDepthSettings } from "./useDepthSettings";
import { useGenerator } from "./useGenerator";
import { useHistory } from "./useHistory";
import { useHostTheme } from "./useHostTheme";
import { useSelection } from "./useSelection";
import { useStored } from "./useStored";

/** A strength sweep and the layer it was made from: its cells belong to that layer only. */
export interface SweepState {
  rows: RowState[];
  seed: number | null;
  sourceId: string | null;
  sourceName: string;
  /** History ids of the cells the user inserted. */
  inserted: string[];
}

type Action = "generate" | "sweep" | "depth";

const parseForm = (stored: unknown): FormState => ({ ...DEFAULT_FORM, ...(FormStateSchema.partial().safeParse(stored).data ?? {}) });
const parseSeed = (stored: unknown): number | null => (typeof stored === "number" && Number.isInteger(stored) ? stored : null);
const parseFlag = (stored: unknown): boolean => stored === true;
const SETUP_KEY = "setup-done";
const NO_SWEEP: SweepState = { rows: [], seed: null, sourceId: null, sourceName: "", inserted: [] };

/**
 * The panel model: owns busy state, job rows, the sweep, errors, the last action and every rule
 * that enables a button (with the reason the user sees). Components only lay it out.
 */
export function usePanel(deps: AppDeps) {
  const { host } = deps;
  const { theme, locale } = useHostTheme(host);
  const { sandbox, selection, error: selectionError } = useSelection(host, deps.feed);
  const { records, reload } = useHistory(deps.history);
  const view = useCallback((e: unknown) => errorView(e, { now: deps.now(), locale }), [deps, locale]);
  const generator = useGenerator(host.storage, deps.fetch, locale, view);
  const { backend, problem } = generator;
  const [form, setForm] = useStored(host.storage, "form", parseForm, DEFAULT_FORM);
  const [presets, setPresets] = useStored(host.storage, "presets", parsePresets, []);
  const [lastSeed, setLastSeed] = useStored<number | null>(host.storage, "last-seed", parseSeed, null);
  const [setupDone, setSetupDone, setupLoaded] = useStored(host.storage, SETUP_KEY, parseFlag, false);
  const [depthModelUrl, setDepthModelUrl] = useStored(host.storage, "depth-model-url", (s) => (typeof s === "string" ? s : deps.defaultDepthModelUrl), deps.defaultDepthModelUrl);
  const { service: depth, problem: depthProblem } = useDepthService(deps.depth, depthModelUrl);
  const depthSettings = useDepthSettings(host.storage, form.depthInvert, (depthInvert) => setForm((f) => ({ ...f, depthInvert })));
  const [rows, setRows] = useState<RowState[]>([]);
  const [sweep, setSweep] = useState<SweepState>(NO_SWEEP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState({ backend: false, advanced: false });
  const running = useRef<Started | null>(null);
  /** First run: no generator was configured when the panel opened; the setup step stays until Done. */
  const firstRun = useRef<boolean | null>(null);
  if (firstRun.current === null && setupLoaded && generator.loaded) firstRun.current = !setupDone && problem !== null;
  /** What "Try again" repeats, resolved against the current form and selection. */
  const lastAction = useRef<Action | null>(null);

  const patchForm = useCallback((patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch })), [setForm]);
  const settings = useMemo(() => formToSettings(form), [form]);
  const layers = selection?.layers ?? [];
  const selected = layers.length === 1 ? layers[0] : undefined;
  const provenance = selected?.provenance;
  const sourceRecord = provenance?.historyId ? records.find((r) => r.id === provenance.historyId) : undefined;
  const rules = panelRules({
    connected: sandbox !== null,
    selectedLayers: layers.length,
    form: settings,
    backendProblem: problem,
    busy,
    depthProblem,
    provenance,
    sourceInHistory: sourceRecord !== undefined,
  });
  // The sweep shows while its own layer, or a result made from it, is the selection.
  const sweepVisible = sweep.sourceId !== null && selected !== undefined && (selected.id === sweep.sourceId || provenance?.sourceId === sweep.sourceId);

  const { edit: depthEdit, ownDepthLayer } = depthSettings;
  const pipeline = useMemo(
    () => (sandbox ? { ...deps, sandbox, depthEdit, ...(depth ? { estimateDepth: depth.estimate, sliceDepth: depth.slices, scoreComposition: depth.score } : {}) } : null),
    [deps, sandbox, depth, depthEdit],
  );
  /** Your own depth map guides a restyle on the local GPU only (Segmind estimates depth itself). */
  const ownDepth = generator.config.kind === "gateway" ? ownDepthLayer : null;

  /** Runs one action that produces job rows; any failure to start shows as the banner. */
  const launch = async (begin: () => Promise<Started>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const started = await begin();
      running.current = started;
      if (started.seed !== null) setLastSeed(started.seed);
      await started.handle.done;
    } catch (e) {
      setError(view(e));
    } finally {
      running.current = null;
      setBusy(false);
      void reload();
    }
  };

  const generate = () => {
    if (!pipeline || !selection || !settings.ok || rules.generate) return;
    lastAction.current = "generate";
    setRows([]);
    void launch(() => startGenerate(pipeline, backend(), selection, settings.settings, setRows, ownDepth));
  };
  const runSweep = () => {
    if (!pipeline || !selection || !settings.ok || rules.sweep) return;
    lastAction.current = "sweep";
    const first = selection.layers[0];
    setSweep({ ...NO_SWEEP, sourceId: first?.id ?? null, sourceName: first ? layerName(first) : "" });
    void launch(async () => {
      const started = await startSweep(pipeline, backend(), selection, settings.settings, (r) => setSweep((s) => ({ ...s, rows: r })), ownDepth);
      setSweep((s) => ({ ...s, seed: started.seed }));
      return started;
    });
  };
  const addDepth = () => {
    // Needs no prompt or backend: only the depth-layer options of the form.
    if (!pipeline || !selection || rules.depth) return;
    lastAction.current = "depth";
    setRows([]);
    void launch(() => startDepthLayers(pipeline, selection, depthOptionsOf(form), setRows));
  };
  /** "Split by depth" / "Foreground only": slices of each selected layer, grouped above it. */
  const splitByDepth = (job: SliceJob) => {
    if (!pipeline || !selection || rules.depth) return;
    setRows([]);
    void launch(() => startSlices(pipeline, selection, job, setRows));
  };
  /** Regenerates the selected result from its own source pixels: the same seed, or a new variation. */
  const regenerate = (mode: "same-seed" | "new-variation") => {
    if (!pipeline || !sourceRecord || rules.regenerate) return;
    setRows([]);
    const next: ResolvedSettings = mode === "same-seed" ? sourceRecord.settings : resolveSeed({ ...sourceRecord.settings, seed: "random" }, deps.random);
    void launch(() => startRegenerate(pipeline, backend(), sourceRecord, next, setRows));
  };
  const insertStored = async (id: string) => {
    if (!pipeline) return false;
    setError(null);
    try {
      await insertFromHistory(pipeline, id);
      return true;
    } catch (e) {
      setError(view(e));
      return false;
    } finally {
      void reload();
    }
  };
  const pickSweepCell = async (id: string) => {
    if (await insertStored(id)) setSweep((s) => ({ ...s, inserted: [...s.inserted, id] }));
  };
  const deleteHistory = async (record: HistoryRecord) => {
    await deps.history.remove(record.id);
    void reload();
  };
  /** Loads used settings into the form with their seed fixed, and says what that changed. */
  const useSettings = (used: Partial<ResolvedSettings> | GenerationSettings) => {
    const next = settingsToForm(used, true, form);
    setNotice(describeFormChange(form, next));
    setForm(next);
    requestAnimationFrame(() => document.getElementById("notice")?.scrollIntoView({ behavior: "smooth", block: "nearest" }));
  };
  const reveal = (section: "backend" | "advanced") => {
    setOpen((o) => ({ ...o, [section]: true }));
    requestAnimationFrame(() => document.getElementById(`${section}-section`)?.scrollIntoView({ behavior: "smooth" }));
  };
  const onErrorAction = (action: ErrorAction) => {
    // Each repeat checks its own rule (the same one that enables its button).
    if (action === "retry") ({ generate, sweep: runSweep, depth: addDepth } as const)[lastAction.current ?? "generate"]();
    if (action === "open-backend") reveal("backend");
    if (action === "edit-settings") reveal("advanced");
  };

  return {
    theme,
    locale,
    connected: sandbox !== null,
    selection,
    selected,
    provenance,
    sourceRecord,
    records,
    form,
    patchForm,
    presets,
    savePreset: (name: string) => setPresets((list) => upsertPreset(list, name, form)),
    loadPreset: (preset: Preset) => setForm(preset.form),
    deletePreset: (name: string) => setPresets((list) => removePreset(list, name)),
    lastSeed,
    depthModelUrl,
    setDepthModelUrl,
    depth,
    depthSettings,
    pipeline,
    generator,
    rows,
    sweep: sweepVisible ? sweep : null,
    busy,
    rules,
    banner: error ?? selectionError,
    notice,
    open,
    setOpen,
    setup: firstRun.current === true && !setupDone,
    finishSetup: () => {
      setSetupDone(true);
      // Written at once, not debounced: the panel may be closed right after Done.
      void host.storage.setItem(SETUP_KEY, true).catch(() => {});
    },
    loadThumb: useCallback(async (id: string) => (await deps.history.blobs(id))?.thumb, [deps.history]),
    loadSource: useCallback(async (id: string) => (await deps.history.blobs(id))?.input, [deps.history]),
    generate,
    runSweep,
    addDepth,
    splitByDepth,
    regenerate,
    insertStored: (id: string) => void insertStored(id),
    pickSweepCell: (id: string) => void pickSweepCell(id),
    deleteHistory: (record: HistoryRecord) => void deleteHistory(record),
    useSettings,
    dismissError: () => setError(null),
    dismissNotice: () => setNotice(null),
    onErrorAction,
    cancel: (rowId: string) => running.current?.handle.cancel(rowId),
    cancelAll: () => running.current?.handle.cancelAll(),
  };
}

export type PanelModel = ReturnType<typeof usePanel>;
