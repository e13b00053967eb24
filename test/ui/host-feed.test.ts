import { createMemoryHistory } from "../../src/ui/history/memory-store";
import type { HistoryRecord } from "../../src/ui/history/types";
import { createSelectionFeed } from "../../src/ui/host/selection-feed";
import { withCredits } from "../../src/ui/backend";
import { FakeBackend, selectionOf } from "./fakes/panel-fakes";
import { GenerationSettingsSchema, resolveSeed } from "../../src/shared/settings";

describe("selection feed", () => {
  it("passes valid selections from the sandbox to every subscriber and drops invalid ones with a message", () => {
    const invalid: string[] = [];
    const feed = createSelectionFeed((m) => invalid.push(m));
    const got: string[][] = [];
    const off = feed.subscribe((s) => got.push(s.layers.map((l) => l.id)));
    feed.api.selectionChanged(selectionOf("a", "b"));
    feed.api.selectionChanged({ page: { id: "p" }, layers: "nope" } as never);
    off();
    feed.api.selectionChanged(selectionOf("c"));
    expect(got).toEqual([["a", "b"]]);
    expect(invalid).toHaveLength(1);
  });
});

describe("memory history", () => {
  const record = (id: string, createdAt: number, bytes: number): HistoryRecord => ({
    id,
    createdAt,
    kind: "restyle",
    sourceId: "a",
    backend: "segmind",
    settings: resolveSeed(GenerationSettingsSchema.parse({ prompt: "x", seed: 1 })),
    mimeType: "image/jpeg",
    size: { width: 1, height: 1 },
    bytes,
    hasDepth: false,
    status: "saved",
  });
  const blobs = (n: number) => ({ image: new Blob([new Uint8Array(n)]), thumb: new Blob([]) });

  it("evicts the oldest entries over budget when a new one is added, newest first in the list", async () => {
    const history = createMemoryHistory(250);
    await history.add(record("one", 1, 100), blobs(100));
    await history.add(record("two", 2, 100), blobs(100));
    expect(await history.add(record("three", 3, 100), blobs(100))).toEqual(["one"]);
    expect((await history.list()).map((r) => r.id)).toEqual(["three", "two"]);
    expect(await history.blobs("one")).toBeUndefined();
  });
});

describe("withCredits", () => {
  it("reports the credits a backend answer carries", async () => {
    const inner = new FakeBackend();
    const seen: unknown[] = [];
    const wrapped = withCredits(
      {
        kind: inner.kind,
        generate: async (input, options) => ({ ...(await inner.generate(input, options)), credits: { remaining: 12.5 } }),
        testConnection: async () => ({ ok: true, summary: "ok", credits: { remaining: 3 } }),
      },
      (c) => seen.push(c.remaining),
    );
    await wrapped.generate({ image: new Uint8Array(1), mimeType: "image/jpeg", settings: resolveSeed(GenerationSettingsSchema.parse({ prompt: "x" })), wantDepth: false });
    await wrapped.testConnection();
    expect(seen).toEqual([12.5, 3]);
  });
});
