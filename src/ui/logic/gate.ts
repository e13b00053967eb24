import type { Provenance } from "../../shared/sandbox-api";
import type { FormResult } from "./form";

export interface RuleInput {
  connected: boolean;
  selectedLayers: number;
  form: FormResult;
  backendProblem: string | null;
  busy: boolean;
  /** Why the in-panel depth estimator cannot run, or null. */
  depthProblem: string | null;
  /** The single selected layer's provenance, when this add-on made it. */
  provenance: Provenance | undefined;
  /** Its source pixels are still in this computer's history. */
  sourceInHistory: boolean;
}

/** Why each action cannot run now (null: it can); the same sentence is shown to the user. */
export interface PanelRules {
  generate: string | null;
  sweep: string | null;
  depth: string | null;
  regenerate: string | null;
  useSettings: string | null;
  /** The one hint under the actions: the first reason that applies. */
  hint: string | null;
}

const BUSY = "A job is running: wait for it or cancel it.";
const SELECT = "Select one or more layers on the page.";
const CONNECTING = "Connecting to the document…";

export function panelRules(input: RuleInput): PanelRules {
  const common = !input.connected ? CONNECTING : input.busy ? BUSY : null;
  const generate = common ?? (input.selectedLayers === 0 ? SELECT : !input.form.ok ? input.form.message : input.backendProblem);
  const sweep = generate;
  const depth = input.depthProblem ?? common ?? (input.selectedLayers === 0 ? SELECT : null);
  const p = input.provenance;
  const regenerate = !p
    ? "Select a layer made by Depth Restyle."
    : p.kind === "slice"
      ? "Depth slices are made with “Split by depth”: select the original layer."
      : p.kind !== "restyle"
      ? "Depth layers are made with “Add depth layer”."
      : !input.sourceInHistory
        ? "This result's source pixels are no longer in this computer's history. Select the original layer and use Generate."
        : (common ?? input.backendProblem);
  const useSettings = p?.settings ? null : "This layer does not carry its settings.";
  const sweepNote = generate === null && input.selectedLayers > 1 ? "Strength sweep uses the first selected layer." : null;
  return { generate, sweep, depth, regenerate, useSettings, hint: generate ?? sweepNote ?? depth };
}
