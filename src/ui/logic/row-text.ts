import type { RowState } from "../pipeline/types";
import { formatClock, formatElapsed } from "./wording";

/** Fraction done when the backend reports steps, else null (indeterminate). */
export function rowProgress(row: RowState): number | null {
  if ((row.status === "running" || row.status === "depth") && row.step !== undefined && row.maxSteps) return Math.min(1, row.step / row.maxSteps);
  return null;
}

export const rowFinished = (row: RowState): boolean => row.status === "done" || row.status === "failed" || row.status === "cancelled";

/** The stage a job row is in, in the words a designer would use. */
export function rowStage(row: RowState, locale: string): string {
  switch (row.status) {
    case "queued":
      return "Waiting for its turn";
    case "preparing":
      return "Preparing the layer";
    case "uploading":
      return "Uploading";
    case "queued_remote":
      return row.position ? `Queued #${row.position}` : "Queued";
    case "waiting_rate_limit":
      return row.until === undefined ? "Waiting (retries in a minute)" : `Waiting (retries at ${formatClock(row.until, locale)})`;
    case "loading_models":
      return "Loading models (the first run can take a few minutes)";
    case "running":
      return row.step !== undefined && row.maxSteps ? `Generating ${row.step}/${row.maxSteps}` : "Generating";
    case "depth":
      return row.step !== undefined && row.maxSteps ? `Downloading the depth model ${Math.round((100 * row.step) / row.maxSteps)} %` : "Making the depth map";
    case "downloading":
      return "Downloading the result";
    case "saving":
      return "Saving to history";
    case "inserting":
      return "Inserting";
    case "scoring":
      return "Checking the composition";
    case "done":
      return "Done";
    case "failed":
      return "Failed";
    case "cancelled":
      return "Cancelled";
  }
}

/** Time on this row so far (or in all, once finished), null before it started. */
export function rowElapsed(row: RowState, now: number): string | null {
  if (row.startedAt === undefined) return null;
  return formatElapsed((row.endedAt ?? now) - row.startedAt);
}

/** The status line of a job row: stage and elapsed time. */
export function rowText(row: RowState, now: number, locale: string): string {
  const elapsed = rowElapsed(row, now);
  return elapsed === null ? rowStage(row, locale) : `${rowStage(row, locale)} · ${elapsed}`;
}
