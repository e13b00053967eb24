import { HISTORY_BUDGET_BYTES, planEviction } from "../logic/evict";
import { blobsSize, type HistoryBlobs, type HistoryRecord, type HistoryStore } from "./types";

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
    async setDepth(id, depth) {
      const current = records.get(id);
      const stored = blobs.get(id);
      if (!current || !stored) return;
      const next = { ...stored, depth };
      blobs.set(id, next);
      records.set(id, { ...current, hasDepth: true, bytes: blobsSize(next) });
    },
    async remove(id) {
      records.delete(id);
      blobs.delete(id);
    },
  };
}
