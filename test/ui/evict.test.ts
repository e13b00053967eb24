import fc from "fast-check";
import { planEviction, type SizedEntry } from "../../src/ui/logic/evict";

const MB = 1024 * 1024;

describe("planEviction", () => {
  it("evicts nothing within budget", () => {
    expect(planEviction([{ id: "a", bytes: 3 * MB, createdAt: 1 }, { id: "b", bytes: 3 * MB, createdAt: 2 }], 10 * MB)).toEqual([]);
  });

  it("evicts the oldest entries first until the rest fits", () => {
    const entries: SizedEntry[] = [
      { id: "new", bytes: 4 * MB, createdAt: 30 },
      { id: "old", bytes: 4 * MB, createdAt: 10 },
      { id: "mid", bytes: 4 * MB, createdAt: 20 },
    ];
    expect(planEviction(entries, 10 * MB)).toEqual(["old"]);
    expect(planEviction(entries, 5 * MB)).toEqual(["old", "mid"]);
  });

  it("keeps the newest entry even when it alone is over budget", () => {
    expect(planEviction([{ id: "old", bytes: 1, createdAt: 1 }, { id: "huge", bytes: 20 * MB, createdAt: 2 }], 10 * MB)).toEqual(["old"]);
  });

  it("always leaves the newest entry and fits the budget whenever that is possible (property)", () => {
    const entry = fc.record({ id: fc.uuid(), bytes: fc.integer({ min: 0, max: 5 * MB }), createdAt: fc.integer({ min: 0, max: 1e6 }) });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 30 }), fc.integer({ min: 0, max: 20 * MB }), (entries, budget) => {
        const evicted = new Set(planEviction(entries, budget));
        const kept = entries.filter((e) => !evicted.has(e.id));
        const total = kept.reduce((s, e) => s + e.bytes, 0);
        if (entries.length === 0) return evicted.size === 0;
        const newest = [...entries].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))[0]!;
        const keptNewest = kept.some((e) => e.createdAt === newest.createdAt);
        const fits = total <= budget || kept.length === 1;
        // Every evicted entry is older than or as old as every kept one.
        const oldestKept = Math.min(...kept.map((e) => e.createdAt));
        const ordered = entries.filter((e) => evicted.has(e.id)).every((e) => e.createdAt <= oldestKept);
        return keptNewest && fits && ordered;
      }),
      { numRuns: 500 },
    );
  });
});
