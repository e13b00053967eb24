import { describe, expect, it } from "@jest/globals";
import { GenerationSettingsSchema, resolveSeed } from "../../src/shared/settings";
import { startDepthLayers, startGenerate, startRegenerate, startSweep } from "../../src/ui/pipeline/actions";
import { insertFromHistory } from "../../src/ui/pipeline/insert";
import { pngSize } from "../../src/ui/pipeline/page-read";
import { FakeBackend, FakeImages, FakeSandbox, pipelineDeps, pngOf, selectionOf, tag, untag } from "./fakes/panel-fakes";

const settings = (extra: object = {}) => GenerationSettingsSchema.parse({ prompt: "watercolor", ...extra });

describe("reading the selected layers", () => {
  it("restores the page when Express refuses the rendition, and reports Express's failure", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox, {
      renderPage: async () => {
        throw new Error("renderer gone");
      },
    });
    await expect(startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {})).rejects.toThrow(/renderer gone/);
    expect(sandbox.reads).toEqual(["begin:black", "end"]);
  });

  it("add depth layer reads with the preview intent (its pixels never leave the panel)", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps, page } = pipelineDeps(sandbox, { estimateDepth: async () => new Blob([tag("d")], { type: "image/png" }) });
    await (await startDepthLayers(deps, sandbox.selection, { enabled: true, blendMode: "multiply", opacity: 0.5, invert: false }, () => {})).handle.done;
    expect(page.renders.map((r) => r.intent)).toEqual(["preview", "preview"]);
  });

  it("hands the image worker both renditions undecoded, with the layer's crop", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    await (await startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {})).handle.done;
    const [prepared] = (deps.images as FakeImages).prepared;
    expect(prepared?.source.image).toBeInstanceOf(Blob);
    expect(prepared?.source.overWhite).toBeInstanceOf(Blob);
    expect(await prepared?.source.image.slice(24).text()).toBe("page 1");
    expect(await prepared?.source.overWhite?.slice(24).text()).toBe("page 2");
    expect(prepared?.source.crop).toEqual({ x: 0, y: 0, width: 100, height: 50 });
  });

  it("the experimental build reads each layer alone from the per-node rendition, planned in its own bounds", async () => {
    const sandbox = new FakeSandbox(selectionOf("a", "b"));
    const asked: string[] = [];
    sandbox.renderLayer = async ({ sourceId }: { sourceId: string }) => {
      asked.push(sourceId);
      // The layer at 2 px per unit, its rendition's bounds 10 units wider than it on each side.
      const layer = sandbox.selection.layers.find((l) => l.id === sourceId)!;
      const bounds = { x: layer.bounds.x - 10, y: layer.bounds.y - 10, width: layer.bounds.width + 20, height: layer.bounds.height + 20 };
      return { blob: pngOf({ width: bounds.width * 2, height: bounds.height * 2 }, sourceId), bounds };
    };
    const { deps, page } = pipelineDeps(sandbox, { nodeRenditions: true });
    await (await startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {})).handle.done;
    expect(asked).toEqual(["a", "b"]);
    expect(page.renders).toEqual([]);
    expect(sandbox.reads).toEqual([]);
    const prepared = (deps.images as FakeImages).prepared;
    expect(prepared.map((p) => [p.source.crop, p.source.overWhite])).toEqual([
      [{ x: 20, y: 20, width: 200, height: 100 }, undefined],
      [{ x: 20, y: 20, width: 200, height: 100 }, undefined],
    ]);
    expect(sandbox.inserted.map((i) => [i.sourceId, untag(i.image.bytes)])).toEqual([
      ["a", "result 1.0 -> 200x100"],
      ["b", "result 2.0 -> 200x100"],
    ]);
  });

  it("pngSize reads the pixel size from the header and refuses anything else", async () => {
    expect(await pngSize(pngOf({ width: 4096, height: 300 }))).toEqual({ width: 4096, height: 300 });
    await expect(pngSize(new Blob(["GIF89a............................"]))).rejects.toThrow(/not a PNG/);
  });
});

describe("a see-through layer", () => {
  it("gives a result and a depth map cut to its footprint; a sweep cell and a regenerate keep the same mask", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox, { estimateDepth: async () => new Blob([tag("depth")], { type: "image/png" }) });
    (deps.images as FakeImages).seeThrough = true;
    const backend = new FakeBackend();
    const depthOn = { depthLayer: { enabled: true, blendMode: "multiply", opacity: 0.5, invert: false } };
    await (await startGenerate(deps, backend, sandbox.selection, settings({ seed: 1, ...depthOn }), () => {})).handle.done;
    const first = sandbox.inserted[0]!;
    expect(first.image.mimeType).toBe("image/png");
    expect(untag(first.image.bytes)).toBe("result 1.0 -> 100x50 masked by mask");
    expect(untag(first.depthMap!.image.bytes)).toBe("depth -> 100x50 masked by mask");

    const sweep = await startSweep(deps, backend, sandbox.selection, settings({ seed: 2 }), () => {});
    const cells = await sweep.handle.done;
    await insertFromHistory(deps, cells[0]!.historyIds[0]!);
    expect(untag(sandbox.inserted[1]!.image.bytes)).toBe("result 2.0 -> 100x50 masked by mask");

    const record = (await deps.history.list()).find((r) => r.kind === "restyle")!;
    await (await startRegenerate(deps, backend, record, resolveSeed({ ...record.settings, seed: 9 }, () => 0), () => {})).handle.done;
    expect(untag(sandbox.inserted[2]!.image.bytes)).toBe(`result ${backend.calls.length}.0 -> 100x50 masked by mask`);
  });

  it("an opaque layer stays a JPEG rectangle, unmasked", async () => {
    const sandbox = new FakeSandbox(selectionOf("a"));
    const { deps } = pipelineDeps(sandbox);
    await (await startGenerate(deps, new FakeBackend(), sandbox.selection, settings(), () => {})).handle.done;
    expect(sandbox.inserted[0]!.image.mimeType).toBe("image/jpeg");
    expect(untag(sandbox.inserted[0]!.image.bytes)).toBe("result 1.0 -> 100x50");
  });
});
