import type { EncodedImage } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";
import type { JobRequest, JobUpload } from "../../shared/gateway-api";
import { resolveSeed, type ResolvedSettings } from "../../shared/settings";
import { acceptInputImage, decodeInputImage } from "./input-image";
import { Job, type EngineKind } from "./job";
import { Scheduler, type SchedulerOptions } from "./scheduler";
import { JobStore } from "./store";

/** An unknown or expired job id: a client mistake, answered with 404. */
export class JobNotFoundError extends ValidationError {
  readonly httpStatus = 404;
}

/** The job is not in a state that allows this (result before done, cancel after done): 409. */
export class JobConflictError extends ValidationError {
  readonly httpStatus = 409;
}

const duration = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

export interface JobServiceOptions extends SchedulerOptions {
  /** How long a finished job and its result stay available. */
  resultTtlMs: number;
  /** Finished jobs' results kept at most, in bytes; the oldest are forgotten first. */
  resultStoreBytes?: number;
  newId: () => string;
  /** Source of random seeds. */
  random: () => number;
}

export interface SubmitInput {
  kind: EngineKind;
  image: EncodedImage;
  settings: ResolvedSettings;
  wantDepth: boolean;
}

/** Jobs as the HTTP routes see them: submit, look up, cancel. */
export class JobService {
  readonly scheduler: Scheduler;
  readonly store: JobStore;

  constructor(private readonly options: JobServiceOptions) {
    this.scheduler = new Scheduler(options);
    this.store = new JobStore(options.resultTtlMs, options.now, options.resultStoreBytes);
  }

  /** POST /v1/jobs with a JSON body: decodes the image, then like `submitUpload`. */
  async submitRequest(request: JobRequest): Promise<Job> {
    this.scheduler.assertRoom(request.engine);
    return this.submitChecked(request, await decodeInputImage(request.image.base64, "image.base64"));
  }

  /** POST /v1/jobs with the image as bytes: checks the image, resolves a random seed, queues. */
  async submitUpload(upload: JobUpload, bytes: Uint8Array): Promise<Job> {
    this.scheduler.assertRoom(upload.engine);
    return this.submitChecked(upload, await acceptInputImage(bytes, "image"));
  }

  private submitChecked(upload: JobUpload, image: EncodedImage): Job {
    const settings = resolveSeed(upload.settings, this.options.random);
    return this.submit({ kind: upload.engine, image, settings, wantDepth: upload.wantDepth });
  }

  submit(input: SubmitInput): Job {
    const id = this.options.newId();
    const job = new Job(id, input.kind, { id, image: input.image, settings: input.settings, wantDepth: input.wantDepth }, this.options.now());
    this.scheduler.submit(job);
    this.store.add(job);
    return job;
  }

  get(id: string): Job {
    const job = this.store.get(id);
    if (!job) throw new JobNotFoundError(`There is no job ${id}: it never existed or its result expired ${duration(this.options.resultTtlMs)} after it finished (sooner when many large results wait). Submit it again.`);
    return job;
  }

  /** Cancelling twice is fine; cancelling a job that already ended otherwise is a 409. */
  cancel(id: string): Job {
    const job = this.get(id);
    if (this.scheduler.cancel(job) || job.error?.code === "cancelled") return job;
    throw new JobConflictError(`Job ${id} already ${job.state === "done" ? "finished" : "failed"}, so there is nothing to cancel. Fetch its result or events instead.`);
  }

  close(): Promise<void> {
    return this.scheduler.close();
  }
}
