import type { EncodedImage } from "../../core/backends/types";
import { CancelledError, type ErrorPayload } from "../../core/errors";
import type { JobEvent } from "../../shared/gateway-api";
import type { EngineEvent, EngineJob, EngineOutput, EngineStatus } from "../engines/engine";

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
  private progress: JobEvent | undefined;
  private depth: JobEvent | undefined;
  private terminal: JobEvent | undefined;
  private readonly listeners = new Set<JobListener>();
  private resolveSettled!: () => void;
  /** Resolves once the job is done or failed. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  /** The uploaded image, released as soon as the job ends (a cancelled job must not hold megabytes until its TTL). */
  private input: EncodedImage | undefined;
  /** What the job is, without its image. */
  readonly work: Omit<EngineJob, "image">;

  constructor(
    readonly id: string,
    readonly kind: EngineKind,
    work: EngineJob,
    readonly createdAt: number,
  ) {
    const { image, ...rest } = work;
    this.input = image;
    this.work = rest;
  }

  /** The work for an engine; only a job that has not ended still has its image. */
  engineJob(): EngineJob {
    if (!this.input) throw new CancelledError(`Job ${this.id} already ended; its image was released.`);
    return { ...this.work, image: this.input };
  }

  /** Bytes this job holds: its input until it ends, then its result images. */
  get heldBytes(): number {
    const output = this.output ? [...this.output.images, ...(this.output.depthMap ? [this.output.depthMap] : [])] : [];
    return (this.input?.bytes.byteLength ?? 0) + output.reduce((sum, image) => sum + image.bytes.byteLength, 0);
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
    const events = [queued, this.started, this.progress, this.depth, this.terminal];
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
    if (this.state !== "running") return;
    if (!this.started) {
      this.started = { type: "started", engine: this.engineId ?? "unknown" };
      this.emit(this.started);
    }
    if (event.type === "progress" && event.max > 0) {
      this.progress = { type: "progress", step: Math.max(0, Math.min(event.step, event.max)), max: event.max };
      this.emit(this.progress);
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
