import { HISTORY_BUDGET_BYTES, planEviction } from "../logic/evict";
import type { HistoryBlobs, HistoryRecord, HistoryStore } from "./types";

/** History kept in memory: the fallback when IndexedDB is blocked (history then lasts one session). */
export function createMemoryHistory(budget = HISTORY_BUDGET_BYTES): HistoryStore {
  const records = new Map<string, HistoryRecord>();
  const blobs = new Map<string, HistoryBlobs>();
  return {
    async list() {
      return [...records.values()].sort((a, b) => b.createdAt - a.createdAt);
    },
    async add(record, entryBlobs) {
      records.set(record.id, record);
      blobs.set(record.id, entryBlobs);
      const evicted = planEviction([...records.values()], budget);
      for (const id of evicted) {
        records.delete(id);
        blobs.delete(id);
      }
      return evicted;
    },
    async update(id, patch) {
      const current = records.get(id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      records.set(id, next);
      return next;
    },
    async blobs(id) {
      return blobs.get(id);
    },
    async remove(id) {
      records.delete(id);
      blobs.delete(id);
    },
  };
}
