import type { Backend, GenerateInput, GenerateOptions, GenerateResult } from "../../../src/core/backends/types";
import type { Size } from "../../../src/core/geometry";
import type { BeginReadRequest, InsertDepthRequest, InsertResultRequest, LayerRendition, SandboxApi, SelectionInfo } from "../../../src/shared/sandbox-api";
import { createMemoryHistory } from "../../../src/ui/history/memory-store";
import type { Bitmap, Encoded, ImageOps } from "../../../src/ui/image/types";
import type { PageImage, PipelineDeps } from "../../../src/ui/pipeline/types";

/** Encoded stand-ins: the bytes spell out what was made, so tests can follow an image through the pipeline. */
export const tag = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
export const untag = (bytes: ArrayBuffer | Uint8Array): string => new TextDecoder().decode(bytes);

export class FakeImages implements ImageOps {
  prepared: { cut: unknown; size: Size }[] = [];
  async prepare(image: Bitmap, cut: unknown, size: Size): Promise<Encoded> {
    image.close();
    this.prepared.push({ cut, size });
    return { bytes: tag(`input ${size.width}x${size.height}`), mimeType: "image/jpeg", size };
  }
  async resize(bytes: ArrayBuffer, _mime: string, size: Size, out: "image/jpeg" | "image/png"): Promise<Encoded> {
    return { bytes: tag(`${untag(bytes)} -> ${size.width}x${size.height}`), mimeType: out, size };
  }
  dispose(): void {}
}

export function fakePage(size: Size = { width: 1000, height: 500 }): PageImage & { crops: number; closed: boolean } {
  const page = {
    size,
    crops: 0,
    closed: false,
    async crop() {
      page.crops++;
      return { width: 1, height: 1, close() {} };
    },
    close() {
      page.closed = true;
    },
  };
  return page;
}

export class FakeSandbox implements SandboxApi {
  inserted: InsertResultRequest[] = [];
  depths: InsertDepthRequest[] = [];
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
  async renderLayer(): Promise<LayerRendition> {
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
  const page = fakePage();
  const deps: PipelineDeps = {
    sandbox,
    renderPage: async () => page,
    images: new FakeImages(),
    history: createMemoryHistory(),
    now: () => (clock += 10),
    newId: () => `id-${++id}`,
    random: () => 0.5,
    ...overrides,
  };
  return { deps, page };
}
