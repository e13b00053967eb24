import { DEFAULT_DEPTH_EDIT } from "../../src/shared/depth-edit";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { startGenerate, startSlices, startSweep } from "../../src/ui/pipeline/actions";
import type { RowState, ScoreComposition, SliceDepth } from "../../src/ui/pipeline/types";
import { FakeBackend, FakeImages, FakeSandbox, pipelineDeps, selectionOf, tag, untag } from "./fakes/panel-fakes";

const settings = (extra: object = {}) => GenerationSettingsSchema.parse({ prompt: "watercolor", ...extra });
const edit = { ...DEFAULT_DEPTH_EDIT, far: 0.2, gamma: 1.5 };

describe("split by depth", () => {
  it("splits each selected layer's own pixels by the depth of its model input and inserts the slices nearest first", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const asked: string[] = [];
    const sliceDepth: SliceDepth = async (input, layer, options) => {
      asked.push(`${untag(input.bytes)} | ${untag(layer.bytes)} | ${options.slices.count}/${options.keep} far=${options.edit.far} invert=${options.edit.invert}`);
      return Array.from({ length: options.keep }, (_, i) => new Blob([tag(`slice ${i + 1}`)], { type: "image/png" }));
    };
    const { deps, page } = pipelineDeps(sandbox, { sliceDepth, depthEdit: { ...edit, invert: true } });
    const started = await startSlices(deps, sandbox.selection, { slices: { count: 3, feather: 0.5 }, keep: 3 }, () => {});
    expect((await started.handle.done).map((r) => r.status)).toEqual(["done"]);
    // The model input (flattened JPEG) gives the depth; the transparent cut-out at the layer's pixel size gives the pixels.
    // Slices follow true nearness: the editor's invert (on here) is not applied to them.
    expect(asked).toEqual(["input 1408x704 | cutout 100x50 | 3/3 far=0.2 invert=false"]);
    const request = sandbox.slices[0]!;
    expect(request.sourceId).toBe("a");
    expect(request.slices.map((s) => untag(s.image.bytes))).toEqual(["slice 1", "slice 2", "slice 3"]);
    expect(request.slices.map((s) => s.provenance)).toEqual([1, 2, 3].map((index) => expect.objectContaining({ kind: "slice", sourceId: "a", backend: "in-panel", band: { index, count: 3 } })));
    // Slices never leave the panel: both readings (over black, over white) use the preview intent, and the page is restored.
    expect(page.renders.map((r) => r.intent)).toEqual(["preview", "preview"]);
    expect(sandbox.reads.at(-1)).toBe("end");
  });

  it("inserts only the nearest band for “Foreground only”", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const sliceDepth: SliceDepth = async (_i, _l, o) => Array.from({ length: o.keep }, () => new Blob([tag("s")], { type: "image/png" }));
    const { deps } = pipelineDeps(sandbox, { sliceDepth });
    const rows: RowState[][] = [];
    await (await startSlices(deps, sandbox.selection, { slices: { count: 4, feather: 0 }, keep: 1 }, (r) => rows.push(r))).handle.done;
    expect(sandbox.slices[0]?.slices).toHaveLength(1);
    expect(sandbox.slices[0]?.slices[0]?.provenance.band).toEqual({ index: 1, count: 4 });
    expect(rows.at(-1)?.[0]?.label).toMatch(/^Foreground: /);
  });

  it("fails the row (not silently) when the document does not confirm every slice", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    sandbox.insertSlices = async () => ({ sliceIds: ["only-one"] });
    const sliceDepth: SliceDepth = async () => [new Blob([tag("1")]), new Blob([tag("2")])];
    const { deps } = pipelineDeps(sandbox, { sliceDepth });
    const [row] = await (await startSlices(deps, sandbox.selection, { slices: { count: 2, feather: 0 }, keep: 2 }, () => {})).handle.done;
    expect(row?.status).toBe("failed");
    expect(row?.error?.message).toContain("did not confirm the depth slices");
  });
});

describe("composition score", () => {
  const scorer = (asked: string[]): ScoreComposition => async (source, result) => {
    asked.push(`${untag(source.bytes)} vs ${untag(result.bytes)}`);
    const drifted = untag(result.bytes).includes("2.0");
    return { score: drifted ? 0.2 : 0.9, drifted };
  };

  it("scores each sweep cell against its source and flags the drifted one", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const asked: string[] = [];
    const { deps } = pipelineDeps(sandbox, { scoreComposition: scorer(asked) });
    const final = await (await startSweep(deps, new FakeBackend(), sandbox.selection, settings({ seed: 3 }), () => {})).handle.done;
    expect(final.every((r) => r.status === "done")).toBe(true);
    expect(asked[0]).toBe("input 1408x704 vs result 1.0");
    expect(final.map((r) => r.scores?.[0]?.drifted)).toEqual([false, true, false, false, false]);
    expect(sandbox.inserted).toHaveLength(0);
  });

  it("scores a generated result after it is inserted, one score per sample", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const statuses: string[] = [];
    const { deps } = pipelineDeps(sandbox, { scoreComposition: scorer([]) });
    const [row] = await (await startGenerate(deps, new FakeBackend(), sandbox.selection, settings({ samples: 2 }), (r) => statuses.push(r[0]!.status))).handle.done;
    expect(row?.scores).toEqual([{ score: 0.9, drifted: false }, { score: 0.9, drifted: false }]);
    expect(statuses.indexOf("scoring")).toBeGreaterThan(statuses.indexOf("inserting"));
    expect(sandbox.inserted).toHaveLength(2);
  });

  it("keeps the result when the score cannot be measured, and shows no score", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox, { scoreComposition: async () => Promise.reject(new Error("worker gone")) });
    const [row] = await (await startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {})).handle.done;
    expect(row?.status).toBe("done");
    expect(row?.scores).toBeUndefined();
    expect(sandbox.inserted).toHaveLength(1);
  });
});

describe("what guides a restyle on the local gateway", () => {
  const own = { id: "map", type: "ImageRectangle", bounds: { x: 500, y: 0, width: 100, height: 50 }, size: { width: 100, height: 50 }, rotation: 0 };

  it("sends your own depth-map layer, cut at the source's model size, as the control image", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend("gateway");
    await (await startGenerate(deps, backend, sandbox.selection, settings(), () => {}, own)).handle.done;
    expect(untag(backend.calls[0]!.controlImage!.bytes)).toBe("input 1408x704");
    // Two cut-outs at the source's model size: the source, then the depth-map layer.
    expect((deps.images as FakeImages).prepared.map((p) => p.size)).toEqual([{ width: 1408, height: 704 }, { width: 1408, height: 704 }]);
  });

  it("sends the panel's edited estimate (white = near even when inverted) when the editor changes the depth", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const edits: unknown[] = [];
    const { deps } = pipelineDeps(sandbox, {
      depthEdit: { ...DEFAULT_DEPTH_EDIT, gamma: 2, invert: true },
      estimateDepth: async (_input, options) => (edits.push(options.edit), new Blob([tag("edited depth")], { type: "image/png" })),
    });
    const backend = new FakeBackend("gateway");
    await (await startSweep(deps, backend, sandbox.selection, settings(), () => {})).handle.done;
    expect(backend.calls).toHaveLength(5);
    for (const call of backend.calls) expect(untag(call.controlImage!.bytes)).toBe("edited depth");
    expect(edits).toEqual([{ ...DEFAULT_DEPTH_EDIT, gamma: 2, invert: false }]); // estimated once for the whole sweep
  });

  it("leaves depth to the gateway with an unedited map, and never sends a control image to Segmind", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox, { depthEdit: { ...DEFAULT_DEPTH_EDIT, invert: true }, estimateDepth: async () => new Blob([tag("x")]) });
    const gateway = new FakeBackend("gateway");
    await (await startGenerate(deps, gateway, sandbox.selection, settings(), () => {})).handle.done;
    expect(gateway.calls[0]!.controlImage).toBeUndefined();
    const segmind = new FakeBackend("segmind");
    await (await startGenerate(deps, segmind, sandbox.selection, settings(), () => {}, own)).handle.done;
    expect(segmind.calls[0]!.controlImage).toBeUndefined();
  });
});

describe("your own depth map that can no longer be read", () => {
  it("fails the row before any request is sent, saying to choose the layer again", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    const backend = new FakeBackend("gateway");
    const offPage = { id: "map", type: "ImageRectangle", bounds: { x: 5000, y: 5000, width: 100, height: 50 }, size: { width: 100, height: 50 }, rotation: 0 };
    const [row] = await (await startGenerate(deps, backend, sandbox.selection, settings(), () => {}, offPage)).handle.done;
    expect(row?.status).toBe("failed");
    expect(row?.error?.message).toBe("Your depth-map layer cannot be used: the layer lies outside the page, so there is nothing to render. Choose it again in Depth → Your own depth map.");
    expect(backend.calls).toHaveLength(0);
  });
});
