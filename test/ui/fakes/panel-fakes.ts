import type { Backend, GenerateInput, GenerateOptions, GenerateResult } from "../../../src/core/backends/types";
import type { Size } from "../../../src/core/geometry";
import type { BeginReadRequest, InsertDepthRequest, InsertResultRequest, InsertSlicesRequest, LayerRendition, SandboxApi, SelectionInfo } from "../../../src/shared/sandbox-api";
import { createMemoryHistory } from "../../../src/ui/history/memory-store";
import type { Encoded, ImageOps, LayerSource, Prepared } from "../../../src/ui/image/types";
import type { PipelineDeps } from "../../../src/ui/pipeline/types";

/** Encoded stand-ins: the bytes spell out what was made, so tests can follow an image through the pipeline. */
export const tag = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
export const untag = (bytes: ArrayBuffer | Uint8Array): string => new TextDecoder().decode(bytes);

export class FakeImages implements ImageOps {
  prepared: { source: LayerSource; cut: unknown; size: Size }[] = [];
  /** Set to make every prepared layer see-through (the input then comes with a footprint mask). */
  seeThrough = false;
  async prepare(source: LayerSource, cut: unknown, size: Size): Promise<Prepared> {
    this.prepared.push({ source, cut, size });
    const input = { bytes: tag(`input ${size.width}x${size.height}`), mimeType: "image/jpeg", size };
    return this.seeThrough ? { input, mask: { bytes: tag("mask"), mimeType: "image/png", size } } : { input };
  }
  async cutout(source: LayerSource, cut: unknown, size: Size): Promise<Encoded> {
    this.prepared.push({ source, cut, size });
    return { bytes: tag(`cutout ${size.width}x${size.height}`), mimeType: "image/png", size };
  }
  async resize(bytes: ArrayBuffer, _mime: string, size: Size, out: "image/jpeg" | "image/png", _signal?: AbortSignal, mask?: Encoded): Promise<Encoded> {
    return { bytes: tag(`${untag(bytes)} -> ${size.width}x${size.height}${mask ? ` masked by ${untag(mask.bytes)}` : ""}`), mimeType: out, size };
  }
  dispose(): void {}
}

/** A PNG header of `size` (all the panel reads of a rendition; the fake image worker never decodes). */
export function pngOf(size: Size, label = "page"): Blob {
  const head = new Uint8Array(24);
  const view = new DataView(head.buffer);
  head.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  head.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, size.width);
  view.setUint32(20, size.height);
  return new Blob([head, new TextEncoder().encode(label)], { type: "image/png" });
}

export class FakeSandbox implements SandboxApi {
  inserted: InsertResultRequest[] = [];
  depths: InsertDepthRequest[] = [];
  slices: InsertSlicesRequest[] = [];
  /** Called before each insert answers; throw to make the insert fail. */
  beforeInsert: (request: InsertResultRequest) => Promise<void> = async () => {};
  constructor(public selection: SelectionInfo) {}
  async getSelection() {
    return this.selection;
  }
  async insertResult(request: InsertResultRequest) {
    await this.beforeInsert(request);
    this.inserted.push(request);
    return { resultId: `result-${this.inserted.length}` };
  }
  async insertDepth(request: InsertDepthRequest) {
    this.depths.push(request);
    return { depthId: `depth-${this.depths.length}` };
  }
  async insertSlices(request: InsertSlicesRequest) {
    this.slices.push(request);
    return { sliceIds: request.slices.map((_, i) => `slice-${this.slices.length}.${i + 1}`), ...(request.slices.length > 1 ? { groupId: `group-${this.slices.length}` } : {}) };
  }
  /** Every read step, in order: "begin:<colour>" / "end". */
  reads: string[] = [];
  async beginRead(request: BeginReadRequest) {
    this.reads.push(`begin:${request.backdrop ? (request.backdrop.red === 0 ? "black" : "white") : "none"}`);
    return { hidden: 0, backdrops: request.backdrop ? request.sourceIds.length : 0 };
  }
  async endRead() {
    this.reads.push("end");
    return { hidden: 0, backdrops: 0 };
  }
  async renderLayer(_request: { sourceId: string }): Promise<LayerRendition> {
    throw new Error("the published build has no per-node rendition");
  }
}

/** A backend that answers each request after `run` has had its way with the options (progress, abort). */
export class FakeBackend implements Backend {
  calls: GenerateInput[] = [];
  run: (input: GenerateInput, options: GenerateOptions) => Promise<void> = async () => {};
  constructor(public readonly kind: "segmind" | "gateway" = "segmind", private readonly withDepth = false) {}
  async generate(input: GenerateInput, options: GenerateOptions = {}): Promise<GenerateResult> {
    this.calls.push(input);
    await this.run(input, options);
    const n = this.calls.length;
    const images = Array.from({ length: input.settings.samples }, (_, i) => ({ bytes: new Uint8Array(tag(`result ${n}.${i}`)), mimeType: "image/jpeg" }));
    return { images, seed: input.settings.seed, ...(this.withDepth && input.wantDepth ? { depthMap: { bytes: new Uint8Array(tag(`depth ${n}`)), mimeType: "image/png" } } : {}) };
  }
  async testConnection() {
    return { ok: true as const, summary: "fake" };
  }
}

export const selectionOf = (...ids: string[]): SelectionInfo => ({
  page: { id: "page", width: 1000, height: 500 },
  layers: ids.map((id, i) => ({ id, type: "ImageRectangle", bounds: { x: 100 * i, y: 0, width: 100, height: 50 }, size: { width: 100, height: 50 }, rotation: 0 })),
});

export function pipelineDeps(sandbox: FakeSandbox, overrides: Partial<PipelineDeps> = {}) {
  let id = 0;
  let clock = 1_000;
  /** Every page rendition asked for, with its intent and what the sandbox's read state was then. */
  const page = { renders: [] as { intent: string; read: string | undefined }[] };
  const deps: PipelineDeps = {
    sandbox,
    renderPage: async (intent) => {
      page.renders.push({ intent, read: sandbox.reads[sandbox.reads.length - 1] });
      return pngOf({ width: 1000, height: 500 }, `page ${page.renders.length}`);
    },
    images: new FakeImages(),
    history: createMemoryHistory(),
    now: () => (clock += 10),
    newId: () => `id-${++id}`,
    random: () => 0.5,
    ...overrides,
  };
  return { deps, page };
}
