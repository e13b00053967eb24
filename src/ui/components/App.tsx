import { Theme } from "@swc-react/theme";
import { usePanel } from "../hooks/usePanel";
import { TID } from "../testids";
import type { AppDeps } from "./deps";
import { ActionBar } from "./ActionBar";
import { BackendSection, type BackendSectionProps } from "./BackendSection";
import { DepthSection } from "./DepthSection";
import { DepthToolsPanel } from "./DepthToolsPanel";
import { ErrorBanner } from "./ErrorBanner";
import { Fold } from "./Fold";
import { HistoryList } from "./HistoryList";
import { JobList } from "./JobList";
import { Notice } from "./Notice";
import { PresetBar } from "./PresetBar";
import { PromptSection } from "./PromptSection";
import { ProvenancePanel } from "./ProvenancePanel";
import { SelectionSection } from "./SelectionSection";
import { SettingsSection } from "./SettingsSection";
import { SetupStep } from "./SetupStep";
import { SweepGrid } from "./SweepGrid";

/** Lays the panel out; every state and rule lives in the panel model (usePanel). */
export function App({ deps }: { deps: AppDeps }) {
  const m = usePanel(deps);
  const g = m.generator;
  const backend: BackendSectionProps = {
    config: g.config,
    secrets: g.secrets,
    credits: g.credits,
    connection: g.connection,
    onConfig: g.updateConfig,
    onSecrets: g.updateSecrets,
    onForget: g.forget,
    onTest: g.testConnection,
  };
  return (
    <Theme system="express" scale="medium" color={m.theme} lang={m.locale} className="app">
      <main className="panel">
        <SelectionSection selection={m.selection} connected={m.connected} />
        {m.setup ? (
          <SetupStep {...backend} problem={g.problem} onDone={m.finishSetup} />
        ) : (
          <>
            {m.provenance ? (
              <ProvenancePanel
                provenance={m.provenance}
                locale={m.locale}
                useBlocker={m.rules.useSettings}
                regenerateBlocker={m.rules.regenerate}
                regenerateHint={m.rules.hint === null ? m.rules.regenerate : null}
                onUse={() => m.provenance?.settings && m.useSettings(m.provenance.settings)}
                onRegenerate={m.regenerate}
              />
            ) : null}
            {m.banner ? <ErrorBanner error={m.banner} onDismiss={m.dismissError} onAction={m.onErrorAction} /> : null}
            {m.notice ? <Notice text={m.notice} onDismiss={m.dismissNotice} /> : null}
            <PromptSection form={m.form} onChange={m.patchForm} />
            <ActionBar rules={m.rules} busy={m.busy} onGenerate={m.generate} onSweep={m.runSweep} onDepth={m.addDepth} onCancelAll={m.cancelAll} />
            <JobList rows={m.rows} locale={m.locale} onCancel={m.cancel} onErrorAction={m.onErrorAction} loadThumb={m.loadThumb} />
            {m.sweep ? <SweepGrid sweep={m.sweep} locale={m.locale} loadThumb={m.loadThumb} onPick={m.pickSweepCell} /> : null}
            <DepthToolsPanel
              deps={deps}
              pipeline={m.pipeline}
              selection={m.selection}
              depth={m.depth}
              settings={m.depthSettings}
              backendKind={g.config.kind}
              blocker={m.rules.depth}
              hint={m.rules.hint}
              onSlices={m.splitByDepth}
            />
            <Fold id="advanced-section" testId={TID.advanced} title="Advanced" open={m.open.advanced} onToggle={(advanced) => m.setOpen((o) => ({ ...o, advanced }))}>
              <SettingsSection form={m.form} onChange={m.patchForm} lastSeed={m.lastSeed} />
              <DepthSection form={m.form} onChange={m.patchForm} modelUrl={m.depthModelUrl} onModelUrl={m.setDepthModelUrl} />
              <PresetBar presets={m.presets} onSave={m.savePreset} onLoad={m.loadPreset} onDelete={m.deletePreset} />
            </Fold>
            <Fold
              id="backend-section"
              testId={TID.backendSection}
              title={`Generator: ${g.config.kind === "segmind" ? "Segmind" : "Your GPU (ComfyUI)"}${g.problem === null ? "" : " (not set up)"}`}
              open={m.open.backend}
              onToggle={(open) => m.setOpen((o) => ({ ...o, backend: open }))}
            >
              <BackendSection {...backend} />
            </Fold>
            <HistoryList
              records={m.records}
              locale={m.locale}
              loadThumb={m.loadThumb}
              loadSource={m.loadSource}
              onReinsert={(r) => m.insertStored(r.id)}
              onDelete={m.deleteHistory}
              onUseSettings={(r) => m.useSettings(r.settings)}
            />
          </>
        )}
      </main>
    </Theme>
  );
}
