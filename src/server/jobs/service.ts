import type { EncodedImage } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";
import type { JobRequest, JobUpload } from "../../shared/gateway-api";
import { JobConflictError, JobNotFoundError } from "../http/errors";
import { resolveSeed, type ResolvedSettings } from "../../shared/settings";
import { acceptInputImage, decodeInputImage, prepareInputImage } from "./input-image";
import { Job, type EngineKind } from "./job";
import { Scheduler, type SchedulerOptions } from "./scheduler";
import { JobStore } from "./store";

/** Your own depth map goes to ComfyUI only: the request's own mistake, said before whether there is room for it. */
function refuseControlImageFor(engine: EngineKind, hasControlImage: boolean): void {
  if (hasControlImage && engine !== "comfyui")
    throw new ValidationError("controlImage: only the ComfyUI engine takes your own depth map (Segmind estimates depth itself). Leave it out, or use engine \"comfyui\".");
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
  /** The image as received (any size, orientation, frames); `imageField` names it in errors. */
  image: EncodedImage;
  imageField: string;
  settings: ResolvedSettings;
  wantDepth: boolean;
  controlImage?: EncodedImage;
}

/** Jobs as the HTTP routes see them: submit, look up, cancel. */
export class JobService {
  readonly scheduler: Scheduler;
  readonly store: JobStore;

  constructor(private readonly options: JobServiceOptions) {
    this.scheduler = new Scheduler(options);
    this.store = new JobStore(options.resultTtlMs, options.now, options.resultStoreBytes);
  }

  /** POST /v1/jobs with a JSON body: decodes the images, then like `submitUpload`. */
  async submitRequest(request: JobRequest): Promise<Job> {
    refuseControlImageFor(request.engine, request.controlImage !== undefined);
    this.scheduler.assertRoom(request.engine);
    const image = await decodeInputImage(request.image.base64, "image.base64");
    const controlImage = request.controlImage ? await decodeInputImage(request.controlImage.base64, "controlImage.base64") : undefined;
    return this.submitChecked(request, image, "image.base64", controlImage);
  }

  /** POST /v1/jobs with the images as bytes: checks them, resolves a random seed, queues. */
  async submitUpload(upload: JobUpload, bytes: Uint8Array, controlBytes?: Uint8Array): Promise<Job> {
    refuseControlImageFor(upload.engine, controlBytes !== undefined);
    this.scheduler.assertRoom(upload.engine);
    const controlImage = controlBytes ? await acceptInputImage(controlBytes, "controlImage") : undefined;
    return this.submitChecked(upload, await acceptInputImage(bytes, "image"), "image", controlImage);
  }

  private submitChecked(upload: JobUpload, image: EncodedImage, imageField: string, controlImage?: EncodedImage): Promise<Job> {
    const settings = resolveSeed(upload.settings, this.options.random);
    return this.submit({ kind: upload.engine, image, imageField, settings, wantDepth: upload.wantDepth, ...(controlImage ? { controlImage } : {}) });
  }

  /** Every route's way in: the input is prepared (orientation, first frame, render size) before it is queued. */
  async submit(input: SubmitInput): Promise<Job> {
    const image = await prepareInputImage(input.image, input.imageField);
    const id = this.options.newId();
    const job = new Job(id, input.kind, { id, image, settings: input.settings, wantDepth: input.wantDepth, ...(input.controlImage ? { controlImage: input.controlImage } : {}) }, this.options.now());
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
