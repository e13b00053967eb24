import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { LayerDataFullError } from "../../src/core/errors";
import { ADD_ON_DATA_QUOTA, QUOTA_MARGIN_BYTES, decodeProvenance, encodeProvenance, entriesBytes, utf8Length, utf8Prefix, writeProvenance } from "../../src/sandbox/provenance";
import { ProvenanceSchema, type Provenance } from "../../src/shared/sandbox-api";
import { BLEND_MODES, LIMITS, SCHEDULERS } from "../../src/shared/settings";
import { FakeAddOnData } from "../fakes/express-document";

type Unit = "grapheme" | "grapheme-ascii";
const text = (max: number, unit: Unit) => fc.string({ unit, maxLength: max });
const prompt = (max: number, unit: Unit) => text(max, unit).filter((s) => s.trim().length > 0 && s.trim() === s);

/** `small` keeps every text short enough that the whole record always fits 3 KB. */
const settingsArb = (small: boolean) => {
  const unit: Unit = small ? "grapheme-ascii" : "grapheme";
  const max = small ? 300 : LIMITS.promptLength;
  return fc.record(
  {
    prompt: prompt(max, unit),
    negativePrompt: text(max, unit).map((s) => s.trim()),
    steps: fc.integer({ min: LIMITS.steps.min, max: LIMITS.steps.max }),
    guidanceScale: fc.double({ min: LIMITS.guidanceScale.min, max: LIMITS.guidanceScale.max, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    controlScale: fc.double({ min: 0, max: 1, noNaN: true }),
    scheduler: fc.constantFrom(...SCHEDULERS),
    samples: fc.integer({ min: 1, max: 4 }),
    depthLayer: fc.record({ enabled: fc.boolean(), blendMode: fc.constantFrom(...BLEND_MODES), opacity: fc.double({ min: 0, max: 1, noNaN: true }), invert: fc.boolean() }),
    advanced: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), fc.oneof(fc.string({ maxLength: small ? 60 : 400 }), fc.integer(), fc.boolean()), {
      maxKeys: small ? 3 : 6,
    }),
  },
  { requiredKeys: [] },
  );
};

const provenanceArb = (small: boolean): fc.Arbitrary<Provenance> =>
  fc
  .record({
    v: fc.constant(1 as const),
    kind: fc.constantFrom("restyle" as const, "depth" as const),
    sourceId: fc.string({ minLength: 1, maxLength: 64 }),
    backend: fc.constantFrom("segmind" as const, "gateway" as const, "in-panel" as const),
    settings: fc.option(settingsArb(small), { nil: undefined }),
    seed: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }),
    truncated: fc.boolean(),
    historyId: fc.option(fc.uuid(), { nil: undefined }),
    createdAt: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  })
  .map((p) => ProvenanceSchema.parse(p));

/** Writes entries through the quota-enforcing AddOnData, as the SDK would store them. */
function store(entries: Array<[string, string]>): FakeAddOnData {
  const data = new FakeAddOnData();
  for (const [k, v] of entries) data.setItem(k, v);
  return data;
}

describe("provenance in AddOnData", () => {
  it("round-trips exactly whenever it fits the 3 KB budget", () => {
    fc.assert(
      fc.property(provenanceArb(true), (p) => {
        expect(decodeProvenance(store(encodeProvenance(p)))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it("always fits the SDK quota (≤ 20 keys, ≤ 3 KB) and decodes to a valid, prefix-preserving record", () => {
    fc.assert(
      fc.property(provenanceArb(false), (p) => {
        const entries = encodeProvenance(p);
        expect(entries.length).toBeLessThanOrEqual(ADD_ON_DATA_QUOTA.keys);
        expect(entriesBytes(entries)).toBeLessThanOrEqual(ADD_ON_DATA_QUOTA.bytes);
        const back = decodeProvenance(store(entries));
        expect(back).toBeDefined();
        expect(back?.sourceId).toBe(p.sourceId);
        expect(back?.seed).toBe(p.seed);
        expect((p.settings?.prompt ?? "").startsWith(back?.settings?.prompt ?? "")).toBe(true);
        expect((p.settings?.negativePrompt ?? "").startsWith(back?.settings?.negativePrompt ?? "")).toBe(true);
        if (!back?.truncated) expect(back).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it("shortens 2000-character prompts to fit 3 KB and says so with truncated: true", () => {
    const long = "A misty harbour with wooden boats, ".repeat(60).slice(0, 2000).trim();
    const wide = "霧の港と木の舟、".repeat(250).slice(0, 2000);
    for (const [positive, negative] of [
      [long, long],
      [wide, wide],
    ] as const) {
      const p = ProvenanceSchema.parse({
        v: 1,
        kind: "restyle",
        sourceId: "node-7",
        backend: "gateway",
        settings: { prompt: positive, negativePrompt: negative, steps: 30, seed: 9 },
        seed: 9,
        createdAt: "2026-11-29T08:00:00.000Z",
      });
      const entries = encodeProvenance(p);
      expect(entriesBytes(entries)).toBeLessThanOrEqual(3072);
      const back = decodeProvenance(store(entries));
      expect(back?.truncated).toBe(true);
      expect(back?.settings?.steps).toBe(30);
      expect(positive.startsWith(back?.settings?.prompt ?? "∅")).toBe(true);
      // The negative prompt gives way first: the prompt keeps more of itself.
      expect((back?.settings?.prompt ?? "").length).toBeGreaterThan((back?.settings?.negativePrompt ?? "").length);
    }
  });

  it("drops oversized advanced settings before giving up the prompt", () => {
    const advanced = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`extra_${i}`, "z".repeat(800)]));
    const p = ProvenanceSchema.parse({
      v: 1,
      kind: "restyle",
      sourceId: "node-3",
      backend: "segmind",
      settings: { prompt: "ink sketch", steps: 40, advanced },
      createdAt: "2026-11-29T08:00:00.000Z",
    });
    const back = decodeProvenance(store(encodeProvenance(p)));
    expect(back).toMatchObject({ truncated: true, settings: { prompt: "ink sketch", steps: 40, advanced: {} } });
  });

  it("counts UTF-8 bytes and never splits a character when cutting", () => {
    expect(utf8Length("aé霧😀")).toBe(1 + 2 + 3 + 4);
    expect(utf8Prefix("ab😀c", 5)).toBe("ab");
    expect(utf8Prefix("ab😀c", 6)).toBe("ab😀");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.nat(64), (s, max) => {
        const cut = utf8Prefix(s, max);
        expect(s.startsWith(cut)).toBe(true);
        expect(utf8Length(cut)).toBeLessThanOrEqual(max);
        expect(new TextEncoder().encode(cut).length).toBe(utf8Length(cut));
      }),
    );
  });

  it("reads nothing from untagged nodes and ignores damaged or foreign data", () => {
    expect(decodeProvenance(store([["other-addon", "x"]]))).toBeUndefined();
    const good = encodeProvenance(ProvenanceSchema.parse({ v: 1, kind: "depth", sourceId: "n", backend: "segmind", createdAt: "2026-11-29T08:00:00.000Z" }));
    expect(decodeProvenance(store(good))).toMatchObject({ kind: "depth", sourceId: "n", truncated: false });
    expect(decodeProvenance(store([...good, ["dr:settings", "{not json"]]))).toBeUndefined();
    expect(decodeProvenance(store(good.map(([k, v]) => [k, k === "dr:kind" ? "mystery" : v])))).toBeUndefined();
  });

  it("budgets from what addOnData.remainingQuota says is left, keeping a margin", () => {
    const data = new FakeAddOnData();
    data.setItem("other-addon:notes", "n".repeat(1500));
    const before = data.remainingQuota.sizeInBytes;
    const long = "A misty harbour with wooden boats, ".repeat(60).slice(0, 2000).trim();
    const p = ProvenanceSchema.parse({ v: 1, kind: "restyle", sourceId: "node-7", backend: "gateway", settings: { prompt: long, steps: 30 }, createdAt: "2026-11-29T08:00:00.000Z" });
    writeProvenance(data, p);
    const used = before - data.remainingQuota.sizeInBytes;
    expect(used).toBeLessThanOrEqual(before - QUOTA_MARGIN_BYTES);
    expect(used).toBeGreaterThan(before - QUOTA_MARGIN_BYTES - 64);
    expect(decodeProvenance(data)).toMatchObject({ truncated: true, sourceId: "node-7", settings: { steps: 30 } });
  });

  it("says the layer's data is full when the remaining keys or bytes cannot take it, or Express refuses a write", () => {
    const p = ProvenanceSchema.parse({ v: 1, kind: "depth", sourceId: "n", backend: "segmind", createdAt: "2026-11-29T08:00:00.000Z" });
    const crowded = new FakeAddOnData();
    for (let i = 0; i < 17; i++) crowded.setItem(`k${i}`, "v");
    expect(() => writeProvenance(crowded, p)).toThrow(LayerDataFullError);
    expect(crowded.keys()).toHaveLength(17);
    const nearlyFull = new FakeAddOnData();
    nearlyFull.setItem("big", "b".repeat(2900));
    expect(() => writeProvenance(nearlyFull, p)).toThrow(/does not fit in the 0 bytes/);
    const refusing = { remainingQuota: { sizeInBytes: 3072, numKeys: 20 }, setItem: () => { throw new Error("quota exceeded"); } };
    expect(() => writeProvenance(refusing, p)).toThrow(/Express refused the layer's provenance \(quota exceeded\)/);
  });
});
