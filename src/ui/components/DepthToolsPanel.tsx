import { useCallback, useState } from "react";
import type { SelectionInfo } from "../../shared/sandbox-api";
import type { DepthService } from "../depth-bridge";
import { useDepthPreview } from "../hooks/useDepthPreview";
import type { useDepthSettings } from "../hooks/useDepthSettings";
import type { BackendKind } from "../logic/backend-config";
import { depthThumb } from "../pipeline/preview";
import type { SliceJob } from "../pipeline/slices";
import type { PipelineDeps } from "../pipeline/types";
import type { AppDeps } from "./deps";
import { DepthTools } from "./DepthTools";

export interface DepthToolsPanelProps {
  deps: AppDeps;
  pipeline: PipelineDeps | null;
  selection: SelectionInfo | null;
  depth: DepthService | undefined;
  settings: ReturnType<typeof useDepthSettings>;
  backendKind: BackendKind;
  /** Why in-panel depth work cannot start now, or null. */
  blocker: string | null;
  /** The panel's one hint, which the tools do not repeat. */
  hint: string | null;
  onSlices: (job: SliceJob) => void;
}

/** Wires the depth tools to the selection, the in-panel estimator and the stored depth settings. */
export function DepthToolsPanel(p: DepthToolsPanelProps) {
  const { settings, selection, pipeline, depth } = p;
  const first = selection?.layers[0];
  const run = useCallback(
    (signal: AbortSignal) => {
      if (!pipeline || !depth || !selection) return Promise.reject(new Error("The depth estimator is not ready."));
      return depthThumb({ ...pipeline, estimateDepth: depth.estimate, decodeGray: p.deps.decodeGray }, selection, signal);
    },
    [pipeline, depth, selection, p.deps.decodeGray],
  );
  const b = first?.bounds;
  const key = first && b ? `${first.id}@${b.x},${b.y},${b.width},${b.height}` : null;
  // Off until asked for (or a depth job ran): previewing downloads the model, which a restyle alone may never need.
  const [live, setLive] = useState(false);
  const estimated = useDepthPreview(live && pipeline && depth ? run : null, key, depth);
  const preview = live ? estimated : ({ state: "off" } as const);
  const sliceBlocker = p.blocker ?? (settings.slices.count < 2 ? "Choose at least 2 slices." : null);
  const own = settings.ownDepthLayer;
  const layers = selection?.layers ?? [];
  return (
    <DepthTools
      edit={settings.edit}
      onEdit={settings.patchEdit}
      onReset={settings.reset}
      slices={settings.slices}
      onSlices={settings.patchSlices}
      preview={preview}
      onPreview={() => setLive(true)}
      blocker={sliceBlocker}
      blockerShownAbove={sliceBlocker !== null && sliceBlocker === p.hint}
      onSplit={() => {
        setLive(true);
        p.onSlices({ slices: settings.slices, keep: settings.slices.count });
      }}
      onForeground={() => {
        setLive(true);
        p.onSlices({ slices: settings.slices, keep: 1 });
      }}
      ownDepth={{
        unavailable:
          p.backendKind === "gateway"
            ? null
            : "Using your own depth map needs the local gateway: Segmind always makes its own depth map from the layer and cannot take one. Switch Backend to Local gateway to use it.",
        chosen: own ? { label: own.provenance?.kind === "depth" ? "your depth layer" : "the layer you chose as depth map" } : null,
        useBlocker: layers.length !== 1 ? "Select exactly one layer — your depth map (white = near) — then choose it here." : null,
        onUse: () => layers[0] && settings.setOwnDepthLayer(layers[0]),
        onClear: () => settings.setOwnDepthLayer(null),
      }}
    />
  );
}
