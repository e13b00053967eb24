import { CancelledError, DepthModelError } from "../../src/core/errors";
import { GenerationSettingsSchema, resolveSeed } from "../../src/shared/settings";
import { startDepthLayers, startGenerate, startRegenerate, startSweep } from "../../src/ui/pipeline/actions";
import { insertFromHistory } from "../../src/ui/pipeline/insert";
import type { RowState } from "../../src/ui/pipeline/types";
import { FakeBackend, FakeSandbox, pipelineDeps, selectionOf, tag, untag } from "./fakes/panel-fakes";

const settings = (extra: object = {}) => GenerationSettingsSchema.parse({ prompt: "watercolor", ...extra });
const last = <T>(list: T[]): T => list[list.length - 1] as T;

describe("generate", () => {
  it("restyles each selected layer, saves the result to history before inserting it above its source", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b"));
    const { deps, page } = pipelineDeps(sandbox);
    sandbox.beforeInsert = async (request) => {
      const stored = await deps.history.list();
      expect(stored.find((r) => r.id === request.provenance.historyId)?.status).toBe("saved");
    };
    const backend = new FakeBackend();
    const rows: RowState[][] = [];
    const started = await startGenerate(deps, backend, sandbox.selection, settings({ seed: 7 }), (r) => rows.push(r));
    const final = await started.handle.done;

    expect(final.map((r) => r.status)).toEqual(["done", "done"]);
    expect(sandbox.inserted.map((i) => i.sourceId)).toEqual(["a", "b"]);
    // The model input is the fitted cut-out; the inserted image is the result scaled to the layer's pixels.
    expect(backend.calls[0]?.settings.seed).toBe(7);
    expect(untag(sandbox.inserted[0]!.image.bytes)).toBe("result 1.0 -> 100x50");
    expect(sandbox.inserted[0]?.provenance).toMatchObject({ kind: "restyle", sourceId: "a", backend: "segmind", seed: 7 });
    const history = await deps.history.list();
    expect(history.map((r) => r.status)).toEqual(["inserted", "inserted"]);
    expect(page.closed).toBe(true);
  });

  it("uses one resolved seed for the whole batch when the seed is random", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b"));
    const { deps } = pipelineDeps(sandbox, { random: () => 0.25 });
    const backend = new FakeBackend();
    const started = await startGenerate(deps, backend, sandbox.selection, settings(), () => {});
    await started.handle.done;
    expect(started.seed).toBe(2 ** 51);
    expect(backend.calls.map((c) => c.settings.seed)).toEqual([2 ** 51, 2 ** 51]);
  });

  it("keeps a result whose insertion failed in history, marked failed with the error", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    sandbox.beforeInsert = async () => {
      throw new Error("The source layer was deleted.");
    };
    const { deps } = pipelineDeps(sandbox);
    const started = await startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {});
    const [row] = await started.handle.done;
    expect(row?.status).toBe("failed");
    expect(row?.error?.message).toMatch(/source layer was deleted/);
    const [record] = await deps.history.list();
    expect(record?.status).toBe("failed");
    expect(record?.error?.message).toMatch(/source layer was deleted/);
    // …and it can be inserted again later.
    sandbox.beforeInsert = async () => {};
    await insertFromHistory(deps, record!.id);
    expect((await deps.history.list())[0]?.status).toBe("inserted");
  });

  it("reports step progress and rate-limit waits on the row, then cancel-all stops the running and queued layers", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b", "c"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend();
    const seen: RowState[][] = [];
    let release: () => void = () => {};
    backend.run = (_input, options) => {
      options.onProgress?.({ stage: "waiting_rate_limit", until: 5_000 });
      options.onProgress?.({ stage: "running", step: 4, maxSteps: 25 });
      return new Promise<void>((resolve, reject) => {
        release = resolve;
        options.signal?.addEventListener("abort", () => reject(new CancelledError("Cancelled.")));
      });
    };
    const started = await startGenerate(deps, backend, sandbox.selection, settings(), (r) => seen.push(r));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.some((rows) => rows[0]?.status === "waiting_rate_limit" && rows[0].until === 5_000)).toBe(true);
    expect(last(seen)[0]).toMatchObject({ status: "running", step: 4, maxSteps: 25 });
    expect(last(seen).slice(1).map((r) => r.status)).toEqual(["queued", "queued"]);
    started.handle.cancelAll();
    release();
    const final = await started.handle.done;
    expect(final.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(backend.calls).toHaveLength(1);
    expect(sandbox.inserted).toHaveLength(0);
  });

  it("lists layers outside the page as failed rows with the reason, and still runs the others", async () => {
    const selection = selectionOf("a");
    selection.layers.push({ id: "gone", type: "Text", bounds: { x: 5000, y: 0, width: 10, height: 10 }, size: { width: 10, height: 10 }, rotation: 0 });
    const sandbox = new FakeSandbox(selection);
    const { deps } = pipelineDeps(sandbox);
    const rows: RowState[][] = [];
    const started = await startGenerate(deps, new FakeBackend(), selection, settings(), (r) => rows.push(r));
    await started.handle.done;
    const final = last(rows);
    expect(final.map((r) => r.status)).toEqual(["done", "failed"]);
    expect(final[1]?.error).toMatchObject({ code: "validation" });
    expect(final[1]?.error?.message).toMatch(/outside the page/);
  });

  it("asks the gateway for the depth map and inserts it scaled to the layer with the chosen blend mode", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend("gateway", true);
    const started = await startGenerate(deps, backend, sandbox.selection, settings({ depthLayer: { enabled: true, blendMode: "multiply", opacity: 0.4 } }), () => {});
    await started.handle.done;
    expect(backend.calls[0]?.wantDepth).toBe(true);
    const depth = sandbox.inserted[0]?.depthMap;
    expect(depth).toMatchObject({ blendMode: "multiply", opacity: 0.4, provenance: { kind: "depth" } });
    expect(untag(depth!.image.bytes)).toBe("depth 1 -> 100x50");
  });

  it("estimates the depth map in the panel on the Segmind path, from the model input", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const asked: string[] = [];
    const { deps } = pipelineDeps(sandbox, {
      estimateDepth: async (input, options) => {
        asked.push(`${untag(input.bytes)} @ ${options.size.width}x${options.size.height} invert=${options.invert}`);
        return new Blob([tag("panel depth")], { type: "image/png" });
      },
    });
    const backend = new FakeBackend("segmind");
    const started = await startGenerate(deps, backend, sandbox.selection, settings({ depthLayer: { enabled: true, invert: true } }), () => {});
    await started.handle.done;
    expect(backend.calls[0]?.wantDepth).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^input \d+x\d+ @ 100x50 invert=true$/);
    expect(untag(sandbox.inserted[0]!.depthMap!.image.bytes)).toBe("panel depth");
  });

  it("refuses before sending anything when depth is wanted on Segmind but no estimator exists", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend("segmind");
    const started = await startGenerate(deps, backend, sandbox.selection, settings({ depthLayer: { enabled: true } }), () => {});
    const [row] = await started.handle.done;
    expect(row?.error?.code).toBe("depth_model");
    expect(backend.calls).toHaveLength(0);
    expect(sandbox.inserted).toHaveLength(0);
  });

  it("still inserts a paid result when its depth map fails, and says why on the row", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox, {
      estimateDepth: async () => {
        throw new DepthModelError("The depth model could not be downloaded. Check your connection.");
      },
    });
    const started = await startGenerate(deps, new FakeBackend("segmind"), sandbox.selection, settings({ depthLayer: { enabled: true } }), () => {});
    const [row] = await started.handle.done;
    expect(row?.status).toBe("done");
    expect(row?.error).toMatchObject({ code: "depth_model", message: expect.stringMatching(/could not be downloaded/) });
    expect(sandbox.inserted).toHaveLength(1);
    expect(sandbox.inserted[0]?.depthMap).toBeUndefined();
  });

  it("keeps the result in history when the user cancels after the paid answer arrived", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    let cancel: () => void = () => {};
    const { deps } = pipelineDeps(sandbox, {
      estimateDepth: (_input, options) =>
        new Promise((_resolve, reject) => {
          options.signal?.addEventListener("abort", () => reject(new CancelledError("Cancelled.")));
          cancel();
        }),
    });
    const started = await startGenerate(deps, new FakeBackend("segmind"), sandbox.selection, settings({ depthLayer: { enabled: true } }), () => {});
    cancel = () => started.handle.cancelAll();
    const [row] = await started.handle.done;
    expect(row?.status).toBe("cancelled");
    expect(sandbox.inserted).toHaveLength(0);
    expect((await deps.history.list()).map((r) => r.status)).toEqual(["saved"]);
  });
});

describe("strength sweep", () => {
  it("renders one layer at five strengths with one seed from one cut-out, stores them and inserts none until picked", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b"));
    const { deps, page } = pipelineDeps(sandbox);
    const backend = new FakeBackend();
    const started = await startSweep(deps, backend, sandbox.selection, settings({ seed: 3, samples: 2 }), () => {});
    const rows = await started.handle.done;
    expect(backend.calls.map((c) => [c.settings.strength, c.settings.seed, c.settings.samples])).toEqual([
      [0.2, 3, 1],
      [0.4, 3, 1],
      [0.6, 3, 1],
      [0.8, 3, 1],
      [1, 3, 1],
    ]);
    expect(page.crops).toBe(1);
    expect(sandbox.inserted).toHaveLength(0);
    const history = await deps.history.list();
    expect(history.filter((r) => r.kind === "sweep")).toHaveLength(5);
    const picked = rows[2]!.historyIds[0]!;
    await insertFromHistory(deps, picked);
    expect(sandbox.inserted[0]?.provenance.settings?.strength).toBe(0.6);
    expect(sandbox.inserted[0]?.sourceId).toBe("a");
  });
});

describe("regenerate", () => {
  it("sends the stored cut-out again with a new seed and inserts above the original source", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend();
    await (await startGenerate(deps, backend, sandbox.selection, settings({ seed: 1 }), () => {})).handle.done;
    const [record] = await deps.history.list();
    const next = resolveSeed({ ...record!.settings, seed: "random" }, () => 0.75);
    const started = await startRegenerate(deps, backend, record!, next, () => {});
    await started.handle.done;
    expect(untag(backend.calls[1]!.image)).toBe(untag(backend.calls[0]!.image));
    expect(backend.calls[1]?.settings.seed).toBe(next.seed);
    expect(sandbox.inserted.map((i) => i.sourceId)).toEqual(["a", "a"]);
  });
});

describe("add depth layer", () => {
  it("inserts an in-panel depth map above each selected layer with the blend mode and opacity", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b"));
    const { deps } = pipelineDeps(sandbox, { estimateDepth: async () => new Blob([tag("d")], { type: "image/png" }) });
    const options = { enabled: true, blendMode: "screen" as const, opacity: 0.7, invert: false };
    const started = await startDepthLayers(deps, sandbox.selection, options, () => {});
    await started.handle.done;
    expect(sandbox.depths.map((d) => [d.sourceId, d.blendMode, d.opacity, d.provenance.backend])).toEqual([
      ["a", "screen", 0.7, "in-panel"],
      ["b", "screen", 0.7, "in-panel"],
    ]);
  });
});
