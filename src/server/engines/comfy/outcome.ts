import { BackendUnavailableError, CancelledError, DepthRestyleError, ServerError } from "../../../core/errors";
import type { HistoryEntry } from "./protocol";

/** execution_error's data (websocket frame or history message) as a sentence with ComfyUI's own message. */
export function describeFailure(data: Record<string, unknown>): string {
  const where = typeof data["node_type"] === "string" ? ` in ${data["node_type"]} (node #${String(data["node_id"])})` : "";
  const type = typeof data["exception_type"] === "string" ? `${data["exception_type"]}: ` : "";
  return `ComfyUI failed${where}: ${type}${String(data["exception_message"] ?? "unknown error")}. See the ComfyUI console for the traceback.`;
}

export const interrupted = (): CancelledError => new CancelledError("The job was interrupted in ComfyUI.");

/** The error a finished history entry reports, if it did not succeed. */
export function historyFailure(entry: HistoryEntry): DepthRestyleError | undefined {
  if (!entry.status || entry.status.status_str === "success") return undefined;
  const messages = entry.status.messages;
  const failed = messages.find(([type]) => type === "execution_error");
  if (failed) return new ServerError(describeFailure(failed[1]));
  if (messages.some(([type]) => type === "execution_interrupted")) return interrupted();
  return new ServerError(`ComfyUI ended the job with status "${entry.status.status_str}". See the ComfyUI console.`);
}

/** A /history read that failed mid-job: ComfyUI went away (or answered nonsense). */
export function lostDuringJob(error: unknown): DepthRestyleError {
  if (error instanceof BackendUnavailableError)
    return new BackendUnavailableError(`ComfyUI stopped responding during the job. ${error.message}`, { cause: error });
  return error instanceof DepthRestyleError ? error : new ServerError(String(error));
}
