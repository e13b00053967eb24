import type { AddOnData } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

/** Per-node quota the SDK documents for AddOnData: 20 keys, 3 KB of keys + values. */
export const ADD_ON_DATA_LIMITS = { maxKeys: 20, maxBytes: 3 * 1024 } as const;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * In-memory AddOnData with the SDK's limits enforced: a write that would exceed 20 keys or
 * 3 KB (UTF-8 bytes of keys plus values — the stricter reading of "3 KB of data") throws and
 * leaves the stored entries unchanged.
 */
export class FakeAddOnData implements AddOnData {
  readonly #entries = new Map<string, string>();
  readonly #beforeWrite: () => void;

  constructor(beforeWrite: () => void = () => undefined) {
    this.#beforeWrite = beforeWrite;
  }

  setItem(key: string, value: string): void {
    if (typeof key !== "string" || key.length === 0) throw new TypeError("AddOnData key must be a non-empty string");
    if (typeof value !== "string") throw new TypeError(`AddOnData value for "${key}" must be a string`);
    this.#beforeWrite();
    const next = new Map(this.#entries).set(key, value);
    if (next.size > ADD_ON_DATA_LIMITS.maxKeys)
      throw new Error(`AddOnData quota exceeded: at most ${ADD_ON_DATA_LIMITS.maxKeys} keys per node`);
    const bytes = usedBytes(next);
    if (bytes > ADD_ON_DATA_LIMITS.maxBytes)
      throw new Error(`AddOnData quota exceeded: ${bytes} bytes, at most ${ADD_ON_DATA_LIMITS.maxBytes} per node`);
    this.#entries.set(key, value);
  }

  getItem(key: string): string | undefined {
    return this.#entries.get(key);
  }

  removeItem(key: string): void {
    this.#beforeWrite();
    this.#entries.delete(key);
  }

  clear(): void {
    this.#beforeWrite();
    this.#entries.clear();
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  get remainingQuota(): Readonly<{ sizeInBytes: number; numKeys: number }> {
    return {
      sizeInBytes: ADD_ON_DATA_LIMITS.maxBytes - usedBytes(this.#entries),
      numKeys: ADD_ON_DATA_LIMITS.maxKeys - this.#entries.size,
    };
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return [...this.#entries.entries()][Symbol.iterator]();
  }

  /** Plain copy for snapshots. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.#entries);
  }
}

function usedBytes(entries: ReadonlyMap<string, string>): number {
  let total = 0;
  for (const [k, v] of entries) total += utf8Length(k) + utf8Length(v);
  return total;
}
