import { encodeBase64 } from "../../core/image-bytes";
import { CancelledError, type ErrorPayload } from "../../core/errors";
import { ImageMimeSchema, type JobEvent } from "../../shared/gateway-api";
import type { EngineEvent, EngineJob, EngineOutput, EngineStatus } from "../engines/engine";

type ProgressEvent = Extract<JobEvent, { type: "progress" }>;

export type EngineKind = EngineStatus["kind"];

export type JobState = "queued" | "running" | "done" | "failed";
export type JobListener = (event: JobEvent) => void;

/**
 * One job's state machine: queued → running → done | failed (cancelled is a failure with code
 * "cancelled"). Every transition is an event fanned out to the subscribers; a late subscriber
 * first gets the current state replayed, so it never misses the end of a job.
 */
export class Job {
  state: JobState = "queued";
  position = 0;
  engineId: string | undefined;
  output: EngineOutput | undefined;
  error: ErrorPayload | undefined;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  readonly controller = new AbortController();
  private started: JobEvent | undefined;
  private loading: JobEvent | undefined;
  /** The latest step, with the latest sampler preview (replayed to late subscribers). */
  private progress: ProgressEvent | undefined;
  private depth: JobEvent | undefined;
  private terminal: JobEvent | undefined;
  private readonly listeners = new Set<JobListener>();
  private resolveSettled!: () => void;
  /** Resolves once the job is done or failed. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  /** The uploaded images, released as soon as the job ends (a cancelled job must not hold megabytes until its TTL). */
  private input: Pick<EngineJob, "image" | "controlImage"> | undefined;
  /** What the job is, without its images. */
  readonly work: Omit<EngineJob, "image" | "controlImage">;
  /** The size the engine renders at, kept after the image is released (results report it). */
  readonly renderSize: { width: number; height: number };

  constructor(
    readonly id: string,
    readonly kind: EngineKind,
    work: EngineJob,
    readonly createdAt: number,
  ) {
    const { image, controlImage, ...rest } = work;
    this.input = controlImage ? { image, controlImage } : { image };
    this.work = rest;
    this.renderSize = { width: image.width, height: image.height };
  }

  /** The work for an engine; only a job that has not ended still has its image. */
  engineJob(): EngineJob {
    if (!this.input) throw new CancelledError(`Job ${this.id} already ended; its image was released.`);
    return { ...this.work, ...this.input };
  }

  /** Bytes this job holds: its input until it ends, then its result images. */
  get heldBytes(): number {
    const output = this.output ? [...this.output.images, ...(this.output.depthMap ? [this.output.depthMap] : [])] : [];
    const input = (this.input?.image.bytes.byteLength ?? 0) + (this.input?.controlImage?.bytes.byteLength ?? 0);
    return input + output.reduce((sum, image) => sum + image.bytes.byteLength, 0);
  }

  get finished(): boolean {
    return this.state === "done" || this.state === "failed";
  }

  /** Live subscribers (open event streams). */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** The events that describe the job now, in the order they happened. */
  snapshot(): JobEvent[] {
    const queued: JobEvent = { type: "queued", position: this.position };
    const events = [queued, this.started, this.loading, this.progress, this.depth, this.terminal];
    return events.filter((e): e is JobEvent => e !== undefined);
  }

  /** Replays the current state to `listener`, then forwards every later event. Returns the unsubscribe. */
  subscribe(listener: JobListener): () => void {
    for (const event of this.snapshot()) listener(event);
    if (this.finished) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setPosition(position: number): void {
    if (this.state !== "queued" || position === this.position) return;
    this.position = position;
    this.emit({ type: "queued", position });
  }

  /** Handed to an engine; "started" is announced when the engine says the work really began. */
  start(engineId: string, at?: number): void {
    if (this.state !== "queued") return;
    this.state = "running";
    this.startedAt = at;
    this.engineId = engineId;
    this.position = 0;
  }

  engineEvent(event: EngineEvent): void {
    if (this.state !== "running" || event.type === "alive") return;
    if (!this.started) {
      this.started = { type: "started", engine: this.engineId ?? "unknown" };
      this.emit(this.started);
    }
    if (event.type === "progress" && event.max > 0) {
      const step = { type: "progress" as const, step: Math.max(0, Math.min(event.step, event.max)), max: event.max };
      this.progress = { ...step, ...(this.progress?.preview ? { preview: this.progress.preview } : {}) };
      // A preview travels once, with the step it belongs to; plain steps stay small.
      this.emit(step);
    } else if (event.type === "preview" && this.progress) {
      const mimeType = ImageMimeSchema.safeParse(event.image.mimeType);
      if (!mimeType.success) return;
      this.progress = { type: "progress", step: this.progress.step, max: this.progress.max, preview: { mimeType: mimeType.data, base64: encodeBase64(event.image.bytes) } };
      this.emit(this.progress);
    } else if (event.type === "loading" && !this.loading && !this.progress) {
      this.loading = { type: "loading_models" };
      this.emit(this.loading);
    } else if (event.type === "depth" && !this.depth) {
      this.depth = { type: "depth" };
      this.emit(this.depth);
    }
  }

  finish(output: EngineOutput, at: number): void {
    if (this.finished) return;
    this.state = "done";
    this.output = output;
    this.end({ type: "done", seed: this.work.settings.seed, images: output.images.length }, at);
  }

  fail(error: ErrorPayload, at: number): void {
    if (this.finished) return;
    this.state = "failed";
    this.error = error;
    this.end({ type: "error", error }, at);
  }

  private end(event: JobEvent, at: number): void {
    this.input = undefined;
    this.finishedAt = at;
    this.terminal = event;
    this.emit(event);
    this.listeners.clear();
    this.resolveSettled();
  }

  private emit(event: JobEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
