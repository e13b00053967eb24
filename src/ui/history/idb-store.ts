import { HISTORY_BUDGET_BYTES, planEviction } from "../logic/evict";
import { HistoryRecordSchema, blobsSize, type HistoryBlobs, type HistoryRecord, type HistoryStore } from "./types";

const DB_NAME = "depth-restyle-history";
const RECORDS = "records";
const BLOBS = "blobs";

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });

const done = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted (storage full?)"));
  });

export function openHistoryDb(factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  const open = factory.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(RECORDS, { keyPath: "id" });
    open.result.createObjectStore(BLOBS);
  };
  return request(open);
}

/** History in IndexedDB: records (metadata) and blobs in two stores, written in one transaction. */
export function createIdbHistory(db: IDBDatabase, budget = HISTORY_BUDGET_BYTES): HistoryStore {
  async function all(): Promise<HistoryRecord[]> {
    const rows = await request(db.transaction(RECORDS).objectStore(RECORDS).getAll());
    // Rows written by an older panel that no longer parse are skipped, not fatal.
    return rows.flatMap((row: unknown) => {
      const parsed = HistoryRecordSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  }
  async function removeMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = db.transaction([RECORDS, BLOBS], "readwrite");
    for (const id of ids) {
      tx.objectStore(RECORDS).delete(id);
      tx.objectStore(BLOBS).delete(id);
    }
    await done(tx);
  }
  return {
    async list() {
      return (await all()).sort((a, b) => b.createdAt - a.createdAt);
    },
    async add(record, blobs) {
      const tx = db.transaction([RECORDS, BLOBS], "readwrite");
      tx.objectStore(RECORDS).put(record);
      tx.objectStore(BLOBS).put(blobs, record.id);
      await done(tx);
      const evicted = planEviction(await all(), budget);
      await removeMany(evicted);
      return evicted;
    },
    async update(id, patch) {
      const tx = db.transaction(RECORDS, "readwrite");
      const store = tx.objectStore(RECORDS);
      const parsed = HistoryRecordSchema.safeParse(await request(store.get(id)));
      if (!parsed.success) return undefined;
      const next = { ...parsed.data, ...patch };
      store.put(next);
      await done(tx);
      return next;
    },
    async blobs(id) {
      const value: unknown = await request(db.transaction(BLOBS).objectStore(BLOBS).get(id));
      if (!value || typeof value !== "object" || !((value as HistoryBlobs).image instanceof Blob)) return undefined;
      return value as HistoryBlobs;
    },
    async setDepth(id, depth) {
      const tx = db.transaction([RECORDS, BLOBS], "readwrite");
      const parsed = HistoryRecordSchema.safeParse(await request(tx.objectStore(RECORDS).get(id)));
      const stored: unknown = await request(tx.objectStore(BLOBS).get(id));
      if (!parsed.success || !stored || typeof stored !== "object") return;
      const blobs = { ...(stored as HistoryBlobs), depth };
      tx.objectStore(BLOBS).put(blobs, id);
      tx.objectStore(RECORDS).put({ ...parsed.data, hasDepth: true, bytes: blobsSize(blobs) });
      await done(tx);
    },
    remove: (id) => removeMany([id]),
  };
}
