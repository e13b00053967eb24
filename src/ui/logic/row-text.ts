import type { RowState } from "../pipeline/types";

/** Fraction done when the backend reports steps, else null (indeterminate). */
export function rowProgress(row: RowState): number | null {
  if ((row.status === "running" || row.status === "depth") && row.step !== undefined && row.maxSteps) return Math.min(1, row.step / row.maxSteps);
  return null;
}

/** The status line of a job row. */
export function rowText(row: RowState, now: number): string {
  switch (row.status) {
    case "queued":
      return "Queued";
    case "preparing":
      return "Reading the layer…";
    case "uploading":
      return "Sending…";
    case "queued_remote":
      return row.position ? `In the GPU queue (position ${row.position})` : "In the GPU queue";
    case "waiting_rate_limit": {
      const seconds = row.until === undefined ? null : Math.max(0, Math.ceil((row.until - now) / 1000));
      return seconds === null ? "Waiting for rate limit" : `Waiting for rate limit (${seconds} s)`;
    }
    case "loading_models":
      return "Loading models (the first run can take a few minutes)…";
    case "running":
      return row.step !== undefined && row.maxSteps ? `Generating: step ${row.step} of ${row.maxSteps}` : "Generating…";
    case "depth":
      return row.step !== undefined && row.maxSteps ? `Downloading the depth model: ${Math.round((100 * row.step) / row.maxSteps)} %` : "Estimating depth…";
    case "downloading":
      return "Receiving the image…";
    case "saving":
      return "Saving to history…";
    case "inserting":
      return "Inserting into the document…";
    case "scoring":
      return "Checking the composition…";
    case "done":
      return row.seed !== undefined ? `Done (seed ${row.seed})` : "Done";
    case "failed":
      return "Failed";
    case "cancelled":
      return "Cancelled";
  }
}
