import { FieldLabel } from "@swc-react/field-label";
import { MenuItem } from "@swc-react/menu";
import { Picker } from "@swc-react/picker";
import { Slider } from "@swc-react/slider";
import { Switch } from "@swc-react/switch";
import { Textfield } from "@swc-react/textfield";
import type { TestId } from "../testids";

/**
 * Thin wrappers over Spectrum web components. Each forwards `data-testid` to the element the
 * user operates, and reads values from the element (web components report via events).
 */

/** @lit/react hands over the element's native event; React's types call it a synthetic one. Both have `target`. */
type TargetEvent = { target: unknown };
const valueOf = (event: TargetEvent): string => String((event.target as { value?: unknown } | null)?.value ?? "");

export function TextField(props: {
  id: string;
  label: string;
  testId: TestId;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: "text" | "password" | "url";
  placeholder?: string;
  invalid?: boolean;
}) {
  return (
    <div className="field">
      <FieldLabel for={props.id}>{props.label}</FieldLabel>
      <Textfield
        id={props.id}
        data-testid={props.testId}
        value={props.value}
        multiline={props.multiline ?? false}
        grows={props.multiline ?? false}
        type={props.type ?? "text"}
        placeholder={props.placeholder ?? ""}
        invalid={props.invalid ?? false}
        onInput={(e: TargetEvent) => props.onChange(valueOf(e))}
      />
    </div>
  );
}

/** A multi-line prompt field, marked invalid past the prompt length limit. */
export function PromptField(props: { id: string; label: string; testId: TestId; value: string; placeholder: string; maxLength: number; onChange: (value: string) => void }) {
  const { maxLength, ...field } = props;
  return <TextField {...field} multiline invalid={props.value.length > maxLength} />;
}

export function SliderField(props: {
  label: string;
  testId: TestId;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  disabled?: boolean;
}) {
  const set = (e: TargetEvent) => {
    const n = Number(valueOf(e));
    if (Number.isFinite(n)) props.onChange(n);
  };
  return (
    <Slider
      data-testid={props.testId}
      label={props.label}
      min={props.min}
      max={props.max}
      step={props.step}
      value={props.value}
      disabled={props.disabled ?? false}
      editable
      hideStepper
      onInput={set}
      onChange={set}
    />
  );
}

export function PickerField<T extends string>(props: {
  id: string;
  label: string;
  testId: TestId;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <FieldLabel for={props.id}>{props.label}</FieldLabel>
      <Picker
        id={props.id}
        data-testid={props.testId}
        label={props.label}
        value={props.value}
        disabled={props.disabled ?? false}
        onChange={(e: TargetEvent) => {
          const v = valueOf(e);
          const option = props.options.find((o) => o.value === v);
          if (option) props.onChange(option.value);
        }}
      >
        {props.options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Picker>
    </div>
  );
}

export function SwitchField(props: { label: string; testId: TestId; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <Switch
      data-testid={props.testId}
      checked={props.checked}
      disabled={props.disabled ?? false}
      onChange={(e: TargetEvent) => props.onChange(Boolean((e.target as { checked?: boolean } | null)?.checked))}
    >
      {props.label}
    </Switch>
  );
}
