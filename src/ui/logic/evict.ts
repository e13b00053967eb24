/** History budget: clientStorage and IndexedDB quotas are small; 10 MB keeps the panel light. */
export const HISTORY_BUDGET_BYTES = 10 * 1024 * 1024;

export interface SizedEntry {
  id: string;
  /** Bytes this entry occupies (thumbnail + full image + depth map). */
  bytes: number;
  /** Epoch ms. */
  createdAt: number;
}

/**
 * Which entries to delete, oldest first, so the rest fits in `budget`. The newest entry is kept
 * even when it alone is over budget: it is the result the user just made.
 */
export function planEviction(entries: readonly SizedEntry[], budget: number = HISTORY_BUDGET_BYTES): string[] {
  const byAge = [...entries].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  let total = byAge.reduce((sum, e) => sum + e.bytes, 0);
  const evict: string[] = [];
  for (const entry of byAge.slice(0, -1)) {
    if (total <= budget) break;
    evict.push(entry.id);
    total -= entry.bytes;
  }
  return evict;
}
