import { ActionButton } from "@swc-react/action-button";
import { useState } from "react";
import type { Preset } from "../logic/presets";
import { TID } from "../testids";
import { PickerField, TextField } from "./fields";

/** Save the form under a name, load one, delete one (stored in clientStorage). */
export function PresetBar(props: { presets: readonly Preset[]; onSave: (name: string) => void; onLoad: (preset: Preset) => void; onDelete: (name: string) => void }) {
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState("");
  const options = [{ value: "", label: props.presets.length ? "Choose a preset…" : "No presets yet" }, ...props.presets.map((p) => ({ value: p.name, label: p.name }))];
  const current = props.presets.find((p) => p.name === chosen);
  return (
    <section className="section">
      <h3>Presets</h3>
      <div className="row end">
        <PickerField
          id="preset"
          label="Load preset"
          testId={TID.presetPicker}
          value={current ? chosen : ""}
          options={options}
          onChange={(value) => {
            setChosen(value);
            const preset = props.presets.find((p) => p.name === value);
            if (preset) props.onLoad(preset);
          }}
        />
        <ActionButton
          size="s"
          data-testid={TID.presetDelete}
          disabled={!current}
          onClick={() => {
            if (!current) return;
            props.onDelete(current.name);
            setChosen("");
          }}
        >
          Delete
        </ActionButton>
      </div>
      <div className="row end">
        <TextField id="preset-name" label="Save current settings as" testId={TID.presetName} value={name} placeholder="Preset name" onChange={setName} />
        <ActionButton
          size="s"
          data-testid={TID.presetSave}
          disabled={!name.trim()}
          onClick={() => {
            props.onSave(name.trim());
            setChosen(name.trim());
            setName("");
          }}
        >
          Save
        </ActionButton>
      </div>
    </section>
  );
}
