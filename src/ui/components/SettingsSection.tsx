import { LIMITS, SCHEDULERS, type Scheduler } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { TID } from "../testids";
import { PickerField, SliderField, SwitchField } from "./fields";
import type { FormPatch } from "./PromptSection";
import { SeedField } from "./SeedField";

const SAMPLE_OPTIONS = [1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }));
const SCHEDULER_OPTIONS = SCHEDULERS.map((s) => ({ value: s, label: s }));

export function SettingsSection(props: { form: FormState; onChange: FormPatch; lastSeed: number | null }) {
  const { form, onChange } = props;
  return (
    <section className="section" id="settings-section">
      <h3>Settings</h3>
      <SliderField label="Steps" testId={TID.steps} {...LIMITS.steps} step={1} value={form.steps} onChange={(steps) => onChange({ steps })} />
      <SliderField label="Guidance" testId={TID.guidance} {...LIMITS.guidanceScale} step={0.5} value={form.guidanceScale} onChange={(guidanceScale) => onChange({ guidanceScale })} />
      <SliderField label="Depth control" testId={TID.controlScale} {...LIMITS.controlScale} step={0.05} value={form.controlScale} onChange={(controlScale) => onChange({ controlScale })} />
      <SwitchField label="Set strength (keep more of the original)" testId={TID.strengthToggle} checked={form.useStrength} onChange={(useStrength) => onChange({ useStrength })} />
      <SliderField label="Strength" testId={TID.strength} {...LIMITS.strength} step={0.05} value={form.strength} disabled={!form.useStrength} onChange={(strength) => onChange({ strength })} />
      <div className="row">
        <PickerField<Scheduler> id="scheduler" label="Scheduler" testId={TID.scheduler} value={form.scheduler} options={SCHEDULER_OPTIONS} onChange={(scheduler) => onChange({ scheduler })} />
        <PickerField id="samples" label="Samples" testId={TID.samples} value={String(form.samples)} options={SAMPLE_OPTIONS} onChange={(v) => onChange({ samples: Number(v) })} />
      </div>
      <SeedField form={form} onChange={onChange} lastSeed={props.lastSeed} />
    </section>
  );
}
