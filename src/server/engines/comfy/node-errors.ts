import { BadResponseError, ModelMissingError, ValidationError, type DepthRestyleError } from "../../../core/errors";
import type { ComfyError, PromptRejected } from "./protocol";
import { installHint, MODEL_FOLDERS } from "./requirements";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The class of a node ComfyUI does not know, from any version's wording of that error. */
function missingClass(error: ComfyError): string | undefined {
  const fromInfo = str(error.extra_info?.["class_type"]);
  if (fromInfo) return fromInfo;
  const recent = /^Node '(.+)' not found/.exec(error.message);
  const older = /^Cannot execute because node (.+) does not exist\.?$/.exec(error.message);
  return recent?.[1] ?? older?.[1];
}

function inputName(error: ComfyError): string {
  return str(error.extra_info?.["input_name"]) ?? error.details.split(/[:,]/)[0]?.trim() ?? "?";
}

/** The value ComfyUI rejected: extra_info.received_value, else parsed from "name: 'value' not in [...]". */
function receivedValue(error: ComfyError): string {
  const received = error.extra_info?.["received_value"];
  if (received !== undefined && received !== null) return String(received);
  return /: '(.*)' not in /.exec(error.details)?.[1] ?? "?";
}

/**
 * Turns a 400 from POST /prompt into one typed error: a node or model file that is not
 * installed → ModelMissingError naming each; any other rejected input → ValidationError.
 */
export function promptRejectedError(body: PromptRejected, url: string): DepthRestyleError {
  const top = typeof body.error === "string" ? { type: "error", message: body.error, details: "" } : body.error;
  const cls = top.type === "missing_node_type" || top.type === "invalid_prompt" ? missingClass(top) : undefined;
  if (cls) return new ModelMissingError(`ComfyUI at ${url} has no "${cls}" node: ${installHint(cls)}.`, [cls]);

  const missing: string[] = [];
  const fixes: string[] = [];
  const other: string[] = [];
  const nodeErrors = Array.isArray(body.node_errors) ? {} : body.node_errors;
  for (const [id, node] of Object.entries(nodeErrors)) {
    for (const error of node.errors) {
      const input = inputName(error);
      const folder = MODEL_FOLDERS[`${node.class_type}.${input}`];
      if (error.type === "value_not_in_list" && folder) {
        const file = receivedValue(error);
        missing.push(file);
        fixes.push(`${folder.kind} "${file}" (${node.class_type}.${input}) is not in ${folder.folder}`);
      } else {
        other.push(`${node.class_type} #${id} ${input}: ${error.message}${error.details ? ` (${error.details})` : ""}`);
      }
    }
  }
  if (missing.length)
    return new ModelMissingError(
      `ComfyUI at ${url} is missing model files: ${fixes.join("; ")}. Put the files there and restart ComfyUI (or press Refresh).`,
      missing,
    );
  if (other.length) return new ValidationError(`ComfyUI rejected the workflow: ${other.join("; ")}.`);
  return new BadResponseError(`ComfyUI rejected the workflow: ${top.message}${top.details ? ` — ${top.details}` : ""}.`);
}
