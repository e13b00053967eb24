/**
 * execution.validate_prompt as ComfyUI runs it on POST /prompt: unknown class → missing_node_type;
 * no output node → prompt_no_outputs; then each output's inputs, recursively: missing required
 * input, bad link, return type mismatch, int/float conversion, min/max, value_not_in_list, and
 * LoadImage's VALIDATE_INPUTS ("Invalid image file"). Error dictionaries match execution.py.
 */
import type { NodeDef } from "./object-info";

export type ApiPrompt = Record<string, { class_type?: unknown; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;
export interface ValidationIssue { type: string; message: string; details: string; extra_info: Record<string, unknown> }
export interface NodeErrors { [id: string]: { errors: ValidationIssue[]; dependent_outputs: string[]; class_type: string } }
export type Validation =
  | { ok: true; outputs: string[]; nodeErrors: NodeErrors }
  | { ok: false; error: ValidationIssue; nodeErrors: NodeErrors };

const issue = (type: string, message: string, details: string, extra_info: Record<string, unknown> = {}): ValidationIssue => ({ type, message, details, extra_info });

function validateNode(prompt: ApiPrompt, defs: Record<string, NodeDef>, id: string, done: Map<string, ValidationIssue[] | true>, inputFiles: string[]): boolean {
  const memo = done.get(id);
  if (memo !== undefined) return memo === true;
  const node = prompt[id];
  if (!node) throw new Error(`'${id}'`);
  const def = defs[String(node.class_type)];
  if (!def) throw new Error(`'${String(node.class_type)}'`);
  const inputs = node.inputs ?? {};
  const errors: ValidationIssue[] = [];
  let valid = true;
  const specs = { ...def.required, ...(def.optional ?? {}) };
  for (const [name, info] of Object.entries(specs)) {
    const [type, opts = {}] = info;
    if (!(name in inputs)) {
      if (name in def.required) errors.push(issue("required_input_missing", "Required input is missing", name, { input_name: name }));
      continue;
    }
    let val = inputs[name];
    if (Array.isArray(val)) {
      if (val.length !== 2) {
        errors.push(issue("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", name, { input_name: name, input_config: info, received_value: val }));
        continue;
      }
      const [oid, slot] = val as [string, number];
      const source = prompt[oid];
      const received = source ? defs[String(source.class_type)]?.output[slot] : undefined;
      if (received !== type) {
        errors.push(issue("return_type_mismatch", "Return type mismatch between linked nodes", `${name}, received_type(${received}) mismatch input_type(${String(type)})`, { input_name: name, input_config: info, received_type: received, linked_node: val }));
        continue;
      }
      if (!validateNode(prompt, defs, oid, done, inputFiles)) valid = false;
      continue;
    }
    if (type === "INT" || type === "FLOAT") {
      const n = Number(val);
      if (typeof val === "boolean" || !Number.isFinite(n)) {
        errors.push(issue("invalid_input_type", `Failed to convert an input value to a ${type} value`, `${name}, ${String(val)}, invalid literal`, { input_name: name, input_config: info, received_value: val }));
        continue;
      }
      val = type === "INT" ? Math.trunc(n) : n;
      const min = opts["min"], max = opts["max"];
      if (typeof min === "number" && (val as number) < min) {
        errors.push(issue("value_smaller_than_min", `Value ${String(val)} smaller than min of ${min}`, name, { input_name: name, input_config: info, received_value: val }));
        continue;
      }
      if (typeof max === "number" && (val as number) > max) {
        errors.push(issue("value_bigger_than_max", `Value ${String(val)} bigger than max of ${max}`, name, { input_name: name, input_config: info, received_value: val }));
        continue;
      }
    }
    if (node.class_type === "LoadImage" && name === "image") {
      // LoadImage.VALIDATE_INPUTS replaces the list check for `image`.
      if (!inputFiles.includes(String(val)))
        errors.push(issue("custom_validation_failed", "Custom validation failed for node", `image - Invalid image file: ${String(val)}`, { input_name: name, input_config: info, received_value: val }));
      continue;
    }
    if (Array.isArray(type) && !type.includes(String(val))) {
      const listInfo = type.length > 20 ? `(list of length ${type.length})` : `[${type.map((t) => `'${t}'`).join(", ")}]`;
      errors.push(issue("value_not_in_list", "Value not in list", `${name}: '${String(val)}' not in ${listInfo}`, { input_name: name, input_config: type.length > 20 ? null : info, received_value: val }));
    }
  }
  const ok = errors.length === 0 && valid;
  done.set(id, ok ? true : errors);
  return ok;
}

export function validatePrompt(prompt: ApiPrompt, defs: Record<string, NodeDef>, inputFiles: string[]): Validation {
  const outputs: string[] = [];
  for (const [id, node] of Object.entries(prompt)) {
    if (node.class_type === undefined)
      return { ok: false, error: issue("invalid_prompt", "Cannot execute because a node is missing the class_type property.", `Node ID '#${id}'`), nodeErrors: {} };
    const cls = String(node.class_type);
    const def = defs[cls];
    if (!def) {
      const title = node._meta?.title ?? cls;
      return { ok: false, error: issue("missing_node_type", `Node '${title}' not found. The custom node may not be installed.`, `Node ID '#${id}'`, { node_id: id, class_type: cls, node_title: title }), nodeErrors: {} };
    }
    if (def.outputNode) outputs.push(id);
  }
  if (outputs.length === 0) return { ok: false, error: issue("prompt_no_outputs", "Prompt has no outputs", ""), nodeErrors: {} };

  const good: string[] = [];
  const failures: string[] = [];
  const nodeErrors: NodeErrors = {};
  const done = new Map<string, ValidationIssue[] | true>();
  for (const o of outputs) {
    let ok: boolean;
    try {
      ok = validateNode(prompt, defs, o, done, inputFiles);
    } catch (ex) {
      ok = false;
      done.set(o, [issue("exception_during_validation", "Exception when validating node", ex instanceof Error ? ex.message : String(ex), { exception_type: "KeyError" })]);
    }
    if (ok) {
      good.push(o);
      continue;
    }
    for (const [id, result] of done) {
      if (result === true || result.length === 0) continue;
      const entry = (nodeErrors[id] ??= { errors: result, dependent_outputs: [], class_type: String(prompt[id]?.class_type) });
      entry.dependent_outputs.push(o);
      if (entry.dependent_outputs.length === 1) failures.push(...result.map((e) => `${e.message}: ${e.details}`));
    }
  }
  if (good.length === 0)
    return { ok: false, error: issue("prompt_outputs_failed_validation", "Prompt outputs failed validation", failures.join("\n")), nodeErrors };
  return { ok: true, outputs: good, nodeErrors };
}
