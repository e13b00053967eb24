import type { EncodedImage } from "../../core/backends/types";
import { BackendUnavailableError, BadResponseError, CancelledError, QueueFullError, TimeoutError, toErrorPayload } from "../../core/errors";
import { boundAfterAbort, silenceDeadline } from "../../core/deadline";
import { sniffImageType } from "../../core/image-bytes";
import type { Engine, EngineEvent, EngineOutput } from "../engines/engine";
import { EnginePool } from "./engine-pool";
import type { EngineKind, Job } from "./job";

/**
 * How long jobs really take: the median of the latest finished runs (robust to one slow first
 * run that loaded the models). Before any job has finished it assumes `priorMs`.
 */
export class RunDurations {
  private readonly recent: number[] = [];

  constructor(
    private readonly priorMs = 10_000,
    private readonly window = 20,
  ) {}

  add(ms: number): void {
    this.recent.push(Math.max(0, ms));
    if (this.recent.length > this.window) this.recent.shift();
  }

  typicalMs(): number {
    if (this.recent.length === 0) return this.priorMs;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  }
}

type KnownImage = EncodedImage & { mimeType: "image/jpeg" | "image/png" | "image/webp" };

function checked(image: EncodedImage, what: string, engineId: string): KnownImage {
  const mimeType = sniffImageType(image.bytes);
  if (!mimeType)
    throw new BadResponseError(`${engineId} returned a ${what} that is not a JPEG, PNG or WebP image. Check the SaveImage nodes of the ComfyUI install, then try again.`);
  return { bytes: image.bytes, mimeType };
}

/** An engine's answer, checked once before it becomes a result: at least one real image, types from the bytes. */
export function validateOutput(output: EngineOutput, engineId: string): EngineOutput & { images: KnownImage[]; depthMap?: KnownImage } {
  if (output.images.length === 0) throw new BadResponseError(`${engineId} finished without an image. Check its output nodes and logs, then try again.`);
  const images = output.images.map((image) => checked(image, "result", engineId));
  return output.depthMap ? { images, depthMap: checked(output.depthMap, "depth map", engineId) } : { images };
}

export interface SchedulerOptions {
  engines: readonly Engine[];
  /** Jobs allowed to wait for a free engine; one more is refused with QueueFullError (HTTP 429). */
  queueLimit: number;
  /** A running job whose engine reports nothing (no event, not even "alive") for this long is aborted with TimeoutError. */
  jobTimeoutMs: number;
  now: () => number;
  /** Jobs handed to one engine at once (see defaultConcurrency in engine-pool.ts). */
  concurrency?: (engine: Engine) => number;
  /** After a connection failure an engine is skipped for this long while others are reachable. */
  downMs?: number;
  /** How long an aborted engine run may take to wind down before its slot is given to the next job. */
  abortGraceMs?: number;
}

const UNREACHABLE = new Set(["network", "backend_unavailable"]);

/**
 * Bounded FIFO in front of the engines. Each job goes to the least busy reachable engine of its
 * kind; a failed job ends with a typed error event and the next one starts regardless.
 */
export class Scheduler {
  private readonly waiting: Job[] = [];
  private readonly pool: EnginePool;
  private readonly runs = new Set<Promise<void>>();
  /** Run times of the latest finished jobs, for Retry-After. */
  private readonly durations = new RunDurations();
  private closed = false;

  constructor(private readonly options: SchedulerOptions) {
    this.pool = new EnginePool(options.engines, options.now, options.concurrency, options.downMs);
  }

  /** Queues `job` and returns its position (0 = next), or throws QueueFullError / BackendUnavailableError. */
  submit(job: Job): number {
    this.assertRoom(job.kind);
    this.waiting.push(job);
    job.setPosition(this.waiting.length - 1);
    this.pump();
    return job.state === "queued" ? job.position : 0;
  }

  /** Throws what `submit` would refuse with; routes call it before decoding an upload, so a full queue costs nothing. */
  assertRoom(kind: EngineKind): void {
    if (this.closed) throw new BackendUnavailableError("The gateway is shutting down. Start it again, then retry.");
    if (!this.pool.serves(kind)) throw noEngine(kind);
    if (this.waiting.length >= this.options.queueLimit) {
      const retryAfterMs = this.retryAfterMs();
      throw new QueueFullError(
        `The gateway queue is full (${this.options.queueLimit} jobs waiting). Try again in ${Math.ceil(retryAfterMs / 1000)} s, or raise --queue-limit.`,
        retryAfterMs,
      );
    }
  }

  /** Cancels a waiting or running job; false when it had already finished. */
  cancel(job: Job, reason = "Cancelled by the user."): boolean {
    if (job.finished) return false;
    const index = this.waiting.indexOf(job);
    if (index >= 0) this.waiting.splice(index, 1);
    job.fail(toErrorPayload(new CancelledError(reason)), this.options.now());
    job.controller.abort(new CancelledError(reason));
    if (index >= 0) this.updatePositions();
    return true;
  }

  stats(): { waiting: number; running: number; limit: number } {
    return { waiting: this.waiting.length, running: this.pool.allRunning().length, limit: this.options.queueLimit };
  }

  /**
   * Suggested wait before a refused job is sent again: when the first running job is expected to
   * end (its measured typical run time minus what it has already run), which frees a queue place.
   */
  retryAfterMs(): number {
    const typical = this.durations.typicalMs();
    const now = this.options.now();
    const remaining = this.pool.allRunning().map((job) => typical - (now - (job.startedAt ?? now)));
    return Math.max(1000, Math.round(Math.min(typical, ...remaining)));
  }

  /** Cancels everything and waits (bounded by abortGraceMs) for the engines to wind down. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.waiting]) this.cancel(job, "The gateway is shutting down.");
    for (const job of this.pool.allRunning()) this.cancel(job, "The gateway is shutting down.");
    await Promise.all(this.runs);
  }

  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.waiting.length; ) {
      const job = this.waiting[i] as Job;
      const engine = this.pool.pick(job.kind);
      if (!engine) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.launch(job, engine);
    }
    this.updatePositions();
  }

  private updatePositions(): void {
    this.waiting.forEach((job, index) => job.setPosition(index));
  }

  private launch(job: Job, engine: Engine): void {
    const slot = this.pool.jobsOn(engine);
    slot.add(job);
    job.start(engine.id, this.options.now());
    const run = this.execute(job, engine).finally(() => {
      slot.delete(job);
      this.runs.delete(run);
      this.pump();
    });
    this.runs.add(run);
  }

  private async execute(job: Job, engine: Engine): Promise<void> {
    const { now, jobTimeoutMs } = this.options;
    const startedAt = now();
    // Silence, not total time: a first run loading models or a long sampling keeps reporting.
    const silence = silenceDeadline(jobTimeoutMs);
    silence.signal.addEventListener("abort", () => job.controller.abort(new TimeoutError("timeout")), { once: true });
    try {
      const onEvent = (event: EngineEvent) => {
        silence.heard();
        job.engineEvent(event);
      };
      const work = engine.run(job.engineJob(), { signal: job.controller.signal, onEvent });
      const output = validateOutput(await boundAfterAbort(work, job.controller.signal, this.options.abortGraceMs ?? 10_000), engine.id);
      job.finish(output, now());
      this.pool.markUp(engine);
      this.durations.add(now() - startedAt);
    } catch (error) {
      if (silence.timedOut())
        job.fail(
          toErrorPayload(new TimeoutError(`${engine.id} reported no progress for ${Math.round(jobTimeoutMs / 1000)} s, so the job was stopped. Check the worker's console, or raise --job-timeout.`)),
          now(),
        );
      else job.fail(toErrorPayload(error), now());
      if (job.error && UNREACHABLE.has(job.error.code)) this.pool.markDown(engine);
    } finally {
      silence.clear();
    }
  }
}

function noEngine(kind: EngineKind): BackendUnavailableError {
  return kind === "segmind"
    ? new BackendUnavailableError("This gateway has no Segmind key, so it cannot pass jobs to Segmind. Start it with --segmind-key (or DEPTH_RESTYLE_SEGMIND_KEY), or send the job to a local worker.")
    : new BackendUnavailableError("This gateway has no ComfyUI worker configured. Start it with --comfy http://127.0.0.1:8188 (one flag per worker).");
}
