import { ActionButton } from "@swc-react/action-button";
import { Button } from "@swc-react/button";
import { DEPTH_EDIT_LIMITS, SLICE_LIMITS, type DepthEdit, type SliceOptions } from "../../shared/depth-edit";
import type { PreviewState } from "../hooks/useDepthPreview";
import { TID } from "../testids";
import { DepthPreview } from "./DepthPreview";
import { SliderField, SwitchField } from "./fields";

export interface OwnDepthMap {
  /** Why the option is not offered (Segmind estimates depth itself), or null on the gateway. */
  unavailable: string | null;
  chosen: { label: string } | null;
  /** Why the selected layer cannot be used now, or null. */
  useBlocker: string | null;
  onUse: () => void;
  onClear: () => void;
}

export interface DepthToolsProps {
  edit: DepthEdit;
  onEdit: (patch: Partial<DepthEdit>) => void;
  onReset: () => void;
  slices: SliceOptions;
  onSlices: (patch: Partial<SliceOptions>) => void;
  preview: PreviewState;
  onPreview: () => void;
  /** Why slicing cannot run now, or null. */
  blocker: string | null;
  /** The blocker is the panel's own hint already (no selection, a job running): not said twice. */
  blockerShownAbove: boolean;
  onSplit: () => void;
  onForeground: () => void;
  ownDepth: OwnDepthMap;
}

function PreviewArea(props: { preview: PreviewState; edit: DepthEdit; count: number; onPreview: () => void }) {
  const { preview } = props;
  if (preview.state === "ready") return <DepthPreview thumb={preview.thumb} edit={props.edit} count={props.count} />;
  if (preview.state === "off")
    return (
      <div className="row">
        <ActionButton size="s" data-testid={TID.depthPreviewStart} onClick={props.onPreview}>
          Preview depth
        </ActionButton>
        <span className="hint">Shows the selected layer's depth and slices as you edit (the depth model downloads once).</span>
      </div>
    );
  const text = preview.state === "loading" ? "Estimating the depth of the selected layer…" : preview.state === "failed" ? preview.message : "Select a layer to see its depth.";
  return <p className={`hint${preview.state === "failed" ? " bad" : ""}`} data-testid={TID.depthPreviewStatus}>{text}</p>;
}

/** Depth editing (used by depth layers, slices and the gateway's control image), split by depth, and your own depth map. */
export function DepthTools(p: DepthToolsProps) {
  const { edit, slices } = p;
  return (
    <section className="section" id="depth-tools" data-testid={TID.depthTools}>
      <h3>Depth</h3>
      <PreviewArea preview={p.preview} edit={edit} count={slices.count} onPreview={p.onPreview} />
      <SliderField label="Far point (becomes black)" testId={TID.depthFar} min={0} max={0.95} step={0.01} value={edit.far} onChange={(far) => p.onEdit({ far: Math.min(far, edit.near - 0.05) })} />
      <SliderField label="Near point (becomes white)" testId={TID.depthNear} min={0.05} max={1} step={0.01} value={edit.near} onChange={(near) => p.onEdit({ near: Math.max(near, edit.far + 0.05) })} />
      <SliderField label="Middle distances (gamma)" testId={TID.depthGamma} min={DEPTH_EDIT_LIMITS.gamma.min} max={3} step={0.05} value={edit.gamma} onChange={(gamma) => p.onEdit({ gamma })} />
      <SliderField label="Smooth (%)" testId={TID.depthSmoothing} {...DEPTH_EDIT_LIMITS.smoothing} step={0.1} value={edit.smoothing} onChange={(smoothing) => p.onEdit({ smoothing })} />
      <div className="row">
        <SwitchField label="Invert (white = far)" testId={TID.depthInvert} checked={edit.invert} onChange={(invert) => p.onEdit({ invert })} />
        <ActionButton size="s" quiet data-testid={TID.depthEditReset} onClick={p.onReset}>
          Reset edits
        </ActionButton>
      </div>
      <p className="hint">These edits apply to depth layers, depth slices and, on the local gateway, the depth that guides a restyle.</p>

      <h3>Split by depth</h3>
      <SliderField label="Slices" testId={TID.sliceCount} {...SLICE_LIMITS.count} step={1} value={slices.count} onChange={(count) => p.onSlices({ count: Math.round(count) })} />
      <SliderField label="Soft edge (%)" testId={TID.sliceFeather} {...SLICE_LIMITS.feather} step={0.1} value={slices.feather} onChange={(feather) => p.onSlices({ feather })} />
      <div className="row">
        <Button variant="secondary" data-testid={TID.splitByDepth} disabled={p.blocker !== null} onClick={p.onSplit}>
          Split into {slices.count} layers
        </Button>
        <Button variant="secondary" treatment="outline" data-testid={TID.foregroundOnly} disabled={p.blocker !== null} onClick={p.onForeground}>
          Foreground only
        </Button>
      </div>
      <p className="hint" data-testid={p.blocker && !p.blockerShownAbove ? TID.sliceDisabledReason : undefined}>
        {(!p.blockerShownAbove && p.blocker) || "Each slice is a copy of the layer's own pixels for one depth band, nearest on top, grouped above the layer. Put text between two slices to place it behind the subject."}
      </p>

      <h3>Your own depth map</h3>
      {p.ownDepth.unavailable ? (
        <p className="hint" data-testid={TID.ownDepthUnavailable}>
          {p.ownDepth.unavailable}
        </p>
      ) : p.ownDepth.chosen ? (
        <div className="row">
          <span data-testid={TID.ownDepthChosen}>Restyles follow {p.ownDepth.chosen.label}.</span>
          <ActionButton size="s" quiet data-testid={TID.ownDepthClear} onClick={p.ownDepth.onClear}>
            Stop using it
          </ActionButton>
        </div>
      ) : (
        <>
          <Button variant="secondary" treatment="outline" data-testid={TID.ownDepthUse} disabled={p.ownDepth.useBlocker !== null} onClick={p.ownDepth.onUse}>
            Use selected layer as depth map
          </Button>
          <p className="hint">{p.ownDepth.useBlocker ?? "Select an edited depth layer or a 3-D render (white = near); restyles then follow it instead of estimating depth."}</p>
        </>
      )}
    </section>
  );
}
