import { LIMITS } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { MODEL_DEFAULT_STRENGTH } from "../logic/wording";
import { TID } from "../testids";
import { SliderField, SwitchField, TextField } from "./fields";

export type FormPatch = (patch: Partial<FormState>) => void;

/** What a designer sets for every restyle: the prompt, and how far the result may move from the layer. */
export function PromptSection(props: { form: FormState; onChange: FormPatch }) {
  const { form, onChange } = props;
  return (
    <section className="section">
      <TextField
        id="prompt"
        label="Prompt"
        testId={TID.prompt}
        multiline
        value={form.prompt}
        placeholder="Describe the new style, e.g. watercolor painting, soft light"
        invalid={form.prompt.length > LIMITS.promptLength}
        onChange={(prompt) => onChange({ prompt })}
      />
      <SwitchField label="Keep some of the original (set strength)" testId={TID.strengthToggle} checked={form.useStrength} onChange={(useStrength) => onChange({ useStrength })} />
      <SliderField
        label={form.useStrength ? "Strength" : "Strength (model default: full restyle)"}
        testId={TID.strength}
        {...LIMITS.strength}
        step={0.05}
        value={form.useStrength ? form.strength : MODEL_DEFAULT_STRENGTH}
        disabled={!form.useStrength}
        onChange={(strength) => onChange({ strength })}
      />
    </section>
  );
}
