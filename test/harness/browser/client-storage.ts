import type { ClientStorage } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";

/** Express gives each add-on 10 MB per user. */
export const CLIENT_STORAGE_QUOTA = 10 * 1024 * 1024;

/** Rough structured-clone size: bytes of binary data, UTF-16 strings, 8 per number. */
export function estimateBytes(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || value === undefined || typeof value === "boolean") return 4;
  if (typeof value === "number") return 8;
  if (typeof value === "string") return value.length * 2;
  if (typeof value !== "object" || seen.has(value)) return 0;
  seen.add(value);
  if (value instanceof Blob) return value.size;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let total = 0;
  for (const [k, v] of Object.entries(value)) total += k.length * 2 + estimateBytes(v, seen);
  return total;
}

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * The add-on's clientStorage, kept by the host page in IndexedDB (structured clone, like the
 * real one), so it survives panel and page reloads within one browser profile.
 */
export async function openClientStorage(addOnId: string): Promise<ClientStorage & { usage(): number }> {
  const open = indexedDB.open(`clientStorage:${addOnId}`, 1);
  open.onupgradeneeded = () => open.result.createObjectStore("kv");
  const db = await request(open);
  const store = (mode: IDBTransactionMode) => db.transaction("kv", mode).objectStore("kv");
  const sizes = new Map<string, number>();
  const keys = (await request(store("readonly").getAllKeys())).map(String);
  for (const key of keys) sizes.set(key, estimateBytes(await request(store("readonly").get(key))));
  const usage = () => [...sizes.values()].reduce((a, b) => a + b, 0);

  return {
    usage,
    getItem: (key) => request(store("readonly").get(key)),
    async setItem(key, value) {
      const size = estimateBytes(value) + key.length * 2;
      const after = usage() - (sizes.get(key) ?? 0) + size;
      if (after > CLIENT_STORAGE_QUOTA) {
        throw new Error(`clientStorage quota exceeded: ${after} bytes would be stored, the limit is ${CLIENT_STORAGE_QUOTA}`);
      }
      await request(store("readwrite").put(value, key));
      sizes.set(key, size);
    },
    async removeItem(key) {
      await request(store("readwrite").delete(key));
      sizes.delete(key);
    },
    keys: async () => (await request(store("readonly").getAllKeys())).map(String),
    async clear() {
      await request(store("readwrite").clear());
      sizes.clear();
    },
  };
}
