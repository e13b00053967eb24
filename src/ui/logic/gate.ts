import type { FormResult } from "./form";

export interface GateInput {
  connected: boolean;
  selectedLayers: number;
  form: FormResult;
  backendProblem: string | null;
  busy: boolean;
}

/** The reason Generate is disabled, shown next to the button; null when it can run. */
export function generateBlocker(input: GateInput): string | null {
  if (!input.connected) return "Connecting to the document…";
  if (input.busy) return "A job is running: wait for it or cancel it.";
  if (input.selectedLayers === 0) return "Select one or more layers on the page.";
  if (!input.form.ok) return input.form.message;
  return input.backendProblem;
}
