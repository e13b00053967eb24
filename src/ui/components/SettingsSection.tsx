import { LIMITS, SCHEDULERS, type Scheduler } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { TID } from "../testids";
import { PickerField, PromptField, SliderField } from "./fields";
import type { FormPatch } from "./PromptSection";
import { SeedField } from "./SeedField";

const SAMPLE_OPTIONS = [1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }));
const SCHEDULER_OPTIONS = SCHEDULERS.map((s) => ({ value: s, label: s }));

/** The rarely changed generation settings (shown under Advanced). */
export function SettingsSection(props: { form: FormState; onChange: FormPatch; lastSeed: number | null }) {
  const { form, onChange } = props;
  return (
    <section className="section" id="settings-section">
      <PromptField
        id="negative-prompt"
        label="Avoid"
        testId={TID.negativePrompt}
        value={form.negativePrompt}
        placeholder="What to keep out, e.g. blurry, text, watermark"
        maxLength={LIMITS.promptLength}
        onChange={(negativePrompt) => onChange({ negativePrompt })}
      />
      <SliderField label="Keep shapes (depth guidance)" testId={TID.controlScale} {...LIMITS.controlScale} step={0.05} value={form.controlScale} onChange={(controlScale) => onChange({ controlScale })} />
      <SliderField label="Prompt weight" testId={TID.guidance} {...LIMITS.guidanceScale} step={0.5} value={form.guidanceScale} onChange={(guidanceScale) => onChange({ guidanceScale })} />
      <SliderField label="Steps (more: finer, slower)" testId={TID.steps} {...LIMITS.steps} step={1} value={form.steps} onChange={(steps) => onChange({ steps })} />
      <div className="row">
        <PickerField<Scheduler> id="scheduler" label="Sampler" testId={TID.scheduler} value={form.scheduler} options={SCHEDULER_OPTIONS} onChange={(scheduler) => onChange({ scheduler })} />
        <PickerField id="samples" label="Results per layer" testId={TID.samples} value={String(form.samples)} options={SAMPLE_OPTIONS} onChange={(v) => onChange({ samples: Number(v) })} />
      </div>
      <SeedField form={form} onChange={onChange} lastSeed={props.lastSeed} />
    </section>
  );
}
