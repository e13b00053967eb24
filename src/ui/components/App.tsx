import { Divider } from "@swc-react/divider";
import { Theme } from "@swc-react/theme";
import { useCallback, useMemo, useRef, useState } from "react";
import type { Credits } from "../../core/backends/types";
import { resolveSeed } from "../../shared/settings";
import { makeBackend, withCredits } from "../backend";
import type { HistoryRecord } from "../history/types";
import { useBackendSettings } from "../hooks/useBackendSettings";
import { useDepthService } from "../hooks/useDepthService";
import { useDepthSettings } from "../hooks/useDepthSettings";
import { useHistory } from "../hooks/useHistory";
import { useHostTheme } from "../hooks/useHostTheme";
import { useSelection } from "../hooks/useSelection";
import { useStored } from "../hooks/useStored";
import { backendProblem } from "../logic/backend-config";
import { errorView, type ErrorView } from "../logic/error-messages";
import { DEFAULT_FORM, FormStateSchema, depthOptionsOf, formToSettings, settingsToForm, type FormState } from "../logic/form";
import { generateBlocker } from "../logic/gate";
import { parsePresets, removePreset, upsertPreset } from "../logic/presets";
import { insertFromHistory } from "../pipeline/insert";
import { startDepthLayers, startGenerate, startRegenerate, startSlices, startSweep, type Started } from "../pipeline/actions";
import type { RowState } from "../pipeline/types";
import type { AppDeps } from "./deps";
import { ActionBar } from "./ActionBar";
import { BackendSection, type ConnectionState } from "./BackendSection";
import { DepthSection } from "./DepthSection";
import { DepthToolsPanel } from "./DepthToolsPanel";
import { ErrorBanner } from "./ErrorBanner";
import { HistoryList } from "./HistoryList";
import { JobList } from "./JobList";
import { PresetBar } from "./PresetBar";
import { PromptSection } from "./PromptSection";
import { ProvenancePanel } from "./ProvenancePanel";
import { SelectionSection } from "./SelectionSection";
import { SettingsSection } from "./SettingsSection";
import { SweepGrid } from "./SweepGrid";

const parseForm = (stored: unknown): FormState => ({ ...DEFAULT_FORM, ...(FormStateSchema.partial().safeParse(stored).data ?? {}) });
const parseSeed = (stored: unknown): number | null => (typeof stored === "number" && Number.isInteger(stored) ? stored : null);

export function App({ deps }: { deps: AppDeps }) {
  const { host } = deps;
  const { theme, locale } = useHostTheme(host);
  const { sandbox, selection, error: selectionError } = useSelection(host, deps.feed);
  const { records, reload } = useHistory(deps.history);
  const backendSettings = useBackendSettings(host.storage);
  const { config, secrets } = backendSettings;
  const [form, setForm] = useStored(host.storage, "form", parseForm, DEFAULT_FORM);
  const [presets, setPresets] = useStored(host.storage, "presets", parsePresets, []);
  const [lastSeed, setLastSeed] = useStored<number | null>(host.storage, "last-seed", parseSeed, null);
  const [depthModelUrl, setDepthModelUrl] = useStored(host.storage, "depth-model-url", (s) => (typeof s === "string" ? s : deps.defaultDepthModelUrl), deps.defaultDepthModelUrl);
  const { service: depth, problem: depthProblem } = useDepthService(deps.depth, depthModelUrl);
  const depthSettings = useDepthSettings(host.storage, form.depthInvert, (depthInvert) => setForm((f) => ({ ...f, depthInvert })));
  const [showKey, setShowKey] = useState(false);
  const [connection, setConnection] = useState<ConnectionState>({ state: "idle" });
  const [credits, setCredits] = useState<string | null>(null);
  const [rows, setRows] = useState<RowState[]>([]);
  const [sweep, setSweep] = useState<{ rows: RowState[]; seed: number | null }>({ rows: [], seed: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const running = useRef<Started | null>(null);
  /** What "Try again" repeats, resolved against the current form and selection. */
  const lastAction = useRef<"generate" | "sweep" | "depth" | null>(null);

  const patchForm = useCallback((patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch })), [setForm]);
  const settings = useMemo(() => formToSettings(form), [form]);
  const problem = backendProblem(config, secrets);
  const layers = selection?.layers ?? [];
  const blocker = generateBlocker({ connected: sandbox !== null, selectedLayers: layers.length, form: settings, backendProblem: problem, busy });
  const depthBlocker = depthProblem
    ? depthProblem
    : sandbox === null
      ? "Connecting to the document…"
      : busy
        ? "A job is running: wait for it or cancel it."
        : layers.length === 0
          ? "Select one or more layers on the page."
          : null;

  const showCredits = useCallback(
    (c: Credits) => setCredits(c.remaining !== undefined ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(c.remaining) : null),
    [locale],
  );
  const backend = useCallback(() => withCredits(makeBackend(config, secrets, deps.fetch), showCredits), [config, secrets, deps.fetch, showCredits]);
  const loadThumb = useCallback(async (id: string) => (await deps.history.blobs(id))?.thumb, [deps.history]);
  const { edit: depthEdit, ownDepthLayer } = depthSettings;
  const pipeline = useMemo(
    () => (sandbox ? { ...deps, sandbox, depthEdit, ...(depth ? { estimateDepth: depth.estimate, sliceDepth: depth.slices, scoreComposition: depth.score } : {}) } : null),
    [deps, sandbox, depth, depthEdit],
  );
  const ownDepth = config.kind === "gateway" ? ownDepthLayer : null;

  /** Runs one action that produces job rows; any failure to start shows as the banner. */
  const launch = useCallback(
    async (begin: () => Promise<Started>) => {
      setError(null);
      setBusy(true);
      try {
        const started = await begin();
        running.current = started;
        if (started.seed !== null) setLastSeed(started.seed);
        await started.handle.done;
      } catch (e) {
        setError(errorView(e));
      } finally {
        running.current = null;
        setBusy(false);
        void reload();
      }
    },
    [reload, setLastSeed],
  );

  const onGenerate = () => {
    if (!pipeline || !selection || !settings.ok) return;
    lastAction.current = "generate";
    setRows([]);
    void launch(() => startGenerate(pipeline, backend(), selection, settings.settings, setRows, ownDepth));
  };
  const onSweep = () => {
    if (!pipeline || !selection || !settings.ok) return;
    lastAction.current = "sweep";
    setSweep({ rows: [], seed: null });
    void launch(async () => {
      const started = await startSweep(pipeline, backend(), selection, settings.settings, (r) => setSweep((s) => ({ ...s, rows: r })), ownDepth);
      setSweep((s) => ({ ...s, seed: started.seed }));
      return started;
    });
  };
  const onDepth = () => {
    // Needs no prompt or backend: only the depth-layer options of the form.
    if (!pipeline || !selection) return;
    lastAction.current = "depth";
    setRows([]);
    void launch(() => startDepthLayers(pipeline, selection, depthOptionsOf(form), setRows));
  };
  const insertStored = async (id: string) => {
    if (!pipeline) return;
    setError(null);
    try {
      await insertFromHistory(pipeline, id);
    } catch (e) {
      setError(errorView(e));
    } finally {
      void reload();
    }
  };
  const onDeleteHistory = async (record: HistoryRecord) => {
    await deps.history.remove(record.id);
    void reload();
  };
  const onTest = async () => {
    setConnection({ state: "testing" });
    try {
      const info = await backend().testConnection();
      setConnection({ state: "ok", summary: info.summary });
    } catch (e) {
      const view = errorView(e);
      setConnection({ state: "failed", message: `${view.title}: ${view.detail} ${view.fix}` });
    }
  };

  const selected = layers.length === 1 ? layers[0] : undefined;
  const provenance = selected?.provenance;
  const sourceRecord = provenance?.historyId ? records.find((r) => r.id === provenance.historyId) : undefined;
  const onRegenerate = () => {
    if (!pipeline || !sourceRecord) return;
    setRows([]);
    const next = resolveSeed({ ...sourceRecord.settings, seed: "random" }, deps.random);
    void launch(() => startRegenerate(pipeline, backend(), sourceRecord, next, setRows));
  };
  const banner = error ?? selectionError;

  return (
    <Theme system="express" scale="medium" color={theme} lang={locale} className="app">
      <main className="panel">
        <SelectionSection selection={selection} connected={sandbox !== null} />
        {provenance ? (
          <ProvenancePanel
            provenance={provenance}
            regenerateBlocker={
              provenance.kind !== "restyle"
                ? provenance.kind === "slice"
                  ? "Depth slices are made with “Split by depth”: select the original layer."
                  : "Depth layers are made with “Add depth layer”."
                : !sourceRecord
                  ? "Regenerate needs this result's source pixels, which are kept in this computer's history; they are gone. Select the original layer and use Generate."
                  : busy
                    ? "A job is running: wait for it or cancel it."
                    : problem
            }
            onUse={() => provenance.settings && setForm(settingsToForm(provenance.settings, true, form))}
            onRegenerate={onRegenerate}
          />
        ) : null}
        {banner ? (
          <ErrorBanner
            error={banner}
            onDismiss={() => setError(null)}
            onAction={(action) => {
              if (action === "retry" && !busy && blocker === null) ({ generate: onGenerate, sweep: onSweep, depth: onDepth } as const)[lastAction.current ?? "generate"]();
              if (action === "open-backend") document.getElementById("backend-section")?.scrollIntoView({ behavior: "smooth" });
              if (action === "edit-settings") document.getElementById("settings-section")?.scrollIntoView({ behavior: "smooth" });
            }}
          />
        ) : null}
        <PromptSection form={form} onChange={patchForm} />
        <ActionBar
          blocker={blocker}
          sweepBlocker={blocker}
          sweepNote={layers.length > 1 ? "Strength sweep renders the first selected layer at five strengths." : null}
          depthBlocker={depthBlocker}
          busy={busy}
          onGenerate={onGenerate}
          onSweep={onSweep}
          onDepth={onDepth}
          onCancelAll={() => running.current?.handle.cancelAll()}
        />
        <JobList rows={rows} onCancel={(id) => running.current?.handle.cancel(id)} loadThumb={loadThumb} />
        <SweepGrid rows={sweep.rows} seed={sweep.seed} loadThumb={loadThumb} onPick={(id) => void insertStored(id)} />
        <DepthToolsPanel
          deps={deps}
          pipeline={pipeline}
          selection={selection}
          depth={depth}
          settings={depthSettings}
          backendKind={config.kind}
          blocker={depthBlocker}
          onSlices={(job) => {
            if (!pipeline || !selection) return;
            setRows([]);
            void launch(() => startSlices(pipeline, selection, job, setRows));
          }}
        />
        <Divider size="s" />
        <SettingsSection form={form} onChange={patchForm} lastSeed={lastSeed} />
        <DepthSection form={form} onChange={patchForm} modelUrl={depthModelUrl} onModelUrl={setDepthModelUrl} />
        <Divider size="s" />
        <BackendSection
          config={config}
          secrets={secrets}
          showKey={showKey}
          credits={credits}
          connection={connection}
          onConfig={backendSettings.updateConfig}
          onSecrets={backendSettings.updateSecrets}
          onShowKey={setShowKey}
          onForget={backendSettings.forget}
          onTest={() => void onTest()}
        />
        <PresetBar
          presets={presets}
          onSave={(name) => setPresets((list) => upsertPreset(list, name, form))}
          onLoad={(preset) => setForm(preset.form)}
          onDelete={(name) => setPresets((list) => removePreset(list, name))}
        />
        <Divider size="s" />
        <HistoryList
          records={records}
          locale={locale}
          loadThumb={loadThumb}
          onReinsert={(r) => void insertStored(r.id)}
          onDelete={(r) => void onDeleteHistory(r)}
          onUseSettings={(r) => setForm(settingsToForm(r.settings, true, form))}
        />
      </main>
    </Theme>
  );
}
