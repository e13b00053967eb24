import { Job } from "../../../src/server/jobs/job";
import { Scheduler } from "../../../src/server/jobs/scheduler";
import type { JobEvent } from "../../../src/shared/gateway-api";
import { GenerationSettingsSchema } from "../../../src/shared/settings";
import { createEngineDouble, type EngineDouble } from "../helpers/engine-double";
import { solidImage } from "../helpers/images";

/** Jobs, engine doubles and schedulers for the queue tests. */
const settings = { ...GenerationSettingsSchema.parse({ prompt: "a watercolour city" }), seed: 42 };
const png = await solidImage("png");

let nextId = 0;
export function newJob(kind: "comfyui" | "segmind" = "comfyui"): Job {
  const id = `job-${++nextId}`;
  return new Job(id, kind, { id, image: { bytes: png, mimeType: "image/png", width: 64, height: 48 }, settings, wantDepth: false }, 0);
}
export const engine = (id: string, opts: Parameters<typeof createEngineDouble>[2] = {}): EngineDouble =>
  createEngineDouble(id, { images: [{ bytes: png, mimeType: "image/png" }] }, opts);
export const record = (job: Job): JobEvent[] => {
  const events: JobEvent[] = [];
  job.subscribe((e) => events.push(e));
  return events;
};
/** Lets the scheduler free the slot of a job that just settled. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
export const scheduler = (engines: EngineDouble[], extra: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}) =>
  new Scheduler({ engines, queueLimit: 4, jobTimeoutMs: 5000, now: Date.now, abortGraceMs: 200, ...extra });
