import { ActionButton } from "@swc-react/action-button";
import { LIMITS } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { MODEL_DEFAULT_STRENGTH } from "../logic/wording";
import { TID } from "../testids";
import { PromptField, SliderField } from "./fields";

export type FormPatch = (patch: Partial<FormState>) => void;

/** What a designer sets for every restyle: the prompt, and how far the result may move from the layer. */
export function PromptSection(props: { form: FormState; onChange: FormPatch }) {
  const { form, onChange } = props;
  return (
    <section className="section">
      <PromptField
        id="prompt"
        label="Prompt"
        testId={TID.prompt}
        value={form.prompt}
        placeholder="Describe the new style, e.g. watercolor painting, soft light"
        maxLength={LIMITS.promptLength}
        onChange={(prompt) => onChange({ prompt })}
      />
      <SliderField
        label="Strength (lower keeps more of the original)"
        testId={TID.strength}
        {...LIMITS.strength}
        step={0.05}
        value={form.useStrength ? form.strength : MODEL_DEFAULT_STRENGTH}
        onChange={(strength) => onChange({ strength, useStrength: true })}
      />
      <div className="row">
        <span className="hint">{form.useStrength ? `Strength ${form.strength} is sent with each request.` : "The model's default (1, a full restyle) is used."}</span>
        {form.useStrength ? (
          <ActionButton size="s" quiet data-testid={TID.strengthDefault} onClick={() => onChange({ useStrength: false })}>
            Use the default
          </ActionButton>
        ) : null}
      </div>
    </section>
  );
}
