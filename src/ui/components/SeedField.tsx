import { ActionButton } from "@swc-react/action-button";
import type { FormState } from "../logic/form";
import { TID } from "../testids";
import { PickerField, TextField } from "./fields";
import type { FormPatch } from "./PromptSection";

const MODES = [
  { value: "random", label: "Random" },
  { value: "locked", label: "Fixed" },
] as const;

/** Random or fixed seed; the last used seed is always visible and one click re-uses it. */
export function SeedField(props: { form: FormState; onChange: FormPatch; lastSeed: number | null }) {
  const { form, onChange, lastSeed } = props;
  return (
    <div className="seed">
      <div className="row">
        <PickerField<"random" | "locked"> id="seed-mode" label="Seed" testId={TID.seedMode} value={form.seedMode} options={MODES} onChange={(seedMode) => onChange({ seedMode })} />
        {form.seedMode === "locked" ? <TextField id="seed" label="Seed value" testId={TID.seed} value={form.seedText} onChange={(seedText) => onChange({ seedText })} /> : null}
      </div>
      <div className="row">
        <span className="hint">
          Used seed: <span data-testid={TID.usedSeed}>{lastSeed ?? "none yet"}</span>
        </span>
        <ActionButton size="s" data-testid={TID.reuseSeed} disabled={lastSeed === null} onClick={() => lastSeed !== null && onChange({ seedMode: "locked", seedText: String(lastSeed) })}>
          Reuse seed
        </ActionButton>
      </div>
    </div>
  );
}
