import { LIMITS } from "../../shared/settings";
import type { FormState } from "../logic/form";
import { TID } from "../testids";
import { TextField } from "./fields";

export type FormPatch = (patch: Partial<FormState>) => void;

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
      <TextField
        id="negative-prompt"
        label="Negative prompt"
        testId={TID.negativePrompt}
        multiline
        value={form.negativePrompt}
        placeholder="What to avoid, e.g. blurry, text, watermark"
        invalid={form.negativePrompt.length > LIMITS.promptLength}
        onChange={(negativePrompt) => onChange({ negativePrompt })}
      />
    </section>
  );
}
