import { CancelledError, toErrorPayload } from "../../core/errors";
import type { RowState, RowUpdate } from "./types";

export interface BatchItem {
  rowId: string;
  label: string;
  /** A restyle: its row shows the strength it used. */
  restyle?: boolean;
  strength?: number;
  run: (signal: AbortSignal, update: RowUpdate) => Promise<unknown>;
}

export interface BatchHandle {
  /** Resolves when every row has finished, failed or been cancelled. */
  done: Promise<RowState[]>;
  cancel(rowId: string): void;
  cancelAll(): void;
}

const isCancel = (error: unknown, signal: AbortSignal): boolean =>
  signal.aborted || error instanceof CancelledError || (error instanceof Error && error.name === "AbortError");

/**
 * Runs items one after another (one paid request at a time; the backends pace themselves on
 * 429 and report the wait), publishing every row change through `onRows`.
 */
export function runBatch(items: readonly BatchItem[], onRows: (rows: RowState[]) => void, now: () => number = Date.now): BatchHandle {
  let rows: RowState[] = items.map((i) => ({ id: i.rowId, label: i.label, status: "queued", historyIds: [], ...(i.restyle ? { restyle: true } : {}), ...(i.strength !== undefined ? { strength: i.strength } : {}) }));
  const controllers = new Map(items.map((i) => [i.rowId, new AbortController()]));
  const patch = (id: string, change: Partial<RowState>) => {
    rows = rows.map((r) => (r.id === id ? { ...r, ...change } : r));
    onRows(rows);
  };
  onRows(rows);

  const cancel = (rowId: string) => {
    const controller = controllers.get(rowId);
    if (!controller || controller.signal.aborted) return;
    controller.abort(new CancelledError("Cancelled."));
    if (rows.find((r) => r.id === rowId)?.status === "queued") patch(rowId, { status: "cancelled", endedAt: now() });
  };

  async function run(): Promise<RowState[]> {
    for (const item of items) {
      const controller = controllers.get(item.rowId) as AbortController;
      if (controller.signal.aborted) continue;
      patch(item.rowId, { startedAt: now() });
      try {
        await item.run(controller.signal, (change) => patch(item.rowId, change));
        patch(item.rowId, { status: "done", step: undefined, maxSteps: undefined, until: undefined, endedAt: now() });
      } catch (error) {
        if (isCancel(error, controller.signal)) patch(item.rowId, { status: "cancelled", endedAt: now() });
        else patch(item.rowId, { status: "failed", error: toErrorPayload(error), endedAt: now() });
      }
    }
    return rows;
  }

  return { done: run(), cancel, cancelAll: () => items.forEach((i) => cancel(i.rowId)) };
}
