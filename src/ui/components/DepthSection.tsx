import { BLEND_MODES, LIMITS, type BlendMode } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { TID } from "../testids";
import { PickerField, SliderField, SwitchField, TextField } from "./fields";
import type { FormPatch } from "./PromptSection";

const BLEND_LABELS: Record<BlendMode, string> = {
  normal: "Normal",
  multiply: "Multiply",
  screen: "Screen",
  overlay: "Overlay",
  softLight: "Soft light",
  darken: "Darken",
  lighten: "Lighten",
};
const BLEND_OPTIONS = BLEND_MODES.map((m) => ({ value: m, label: BLEND_LABELS[m] }));

export function DepthSection(props: { form: FormState; onChange: FormPatch; modelUrl: string; onModelUrl: (url: string) => void }) {
  const { form, onChange } = props;
  const off = !form.depthEnabled;
  return (
    <section className="section">
      <h4>Depth layer</h4>
      <SwitchField label="Add depth-map layer with the result" testId={TID.depthLayerToggle} checked={form.depthEnabled} onChange={(depthEnabled) => onChange({ depthEnabled })} />
      <PickerField<BlendMode> id="depth-blend" label="Blend mode" testId={TID.depthBlendMode} value={form.depthBlendMode} options={BLEND_OPTIONS} disabled={off} onChange={(depthBlendMode) => onChange({ depthBlendMode })} />
      <SliderField label="Depth layer opacity" testId={TID.depthOpacity} {...LIMITS.opacity} step={0.05} value={form.depthOpacity} disabled={off} onChange={(depthOpacity) => onChange({ depthOpacity })} />
      <p className="hint">With Segmind the depth map is made in this panel (a one-time download of about 27 MB); your GPU makes its own.</p>
      <TextField id="depth-model-url" label="Depth model web address" testId={TID.depthModelUrl} type="url" value={props.modelUrl} onChange={props.onModelUrl} />
    </section>
  );
}
