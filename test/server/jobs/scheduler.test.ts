import { BackendUnavailableError, NetworkError, QueueFullError, ServerError } from "../../../src/core/errors";
import type { JobEvent } from "../../../src/shared/gateway-api";
import { Job } from "../../../src/server/jobs/job";
import { Scheduler } from "../../../src/server/jobs/scheduler";
import { GenerationSettingsSchema } from "../../../src/shared/settings";
import { createEngineDouble, type EngineDouble } from "../helpers/engine-double";
import { solidImage } from "../helpers/images";

const settings = { ...GenerationSettingsSchema.parse({ prompt: "a watercolour city" }), seed: 42 };
let png: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png");
});

let nextId = 0;
function newJob(kind: "comfyui" | "segmind" = "comfyui"): Job {
  const id = `job-${++nextId}`;
  return new Job(id, kind, { id, image: { bytes: png, mimeType: "image/png" }, settings, wantDepth: false }, 0);
}
const engine = (id: string, opts: Parameters<typeof createEngineDouble>[2] = {}): EngineDouble =>
  createEngineDouble(id, { images: [{ bytes: png, mimeType: "image/png" }] }, opts);
const record = (job: Job): JobEvent[] => {
  const events: JobEvent[] = [];
  job.subscribe((e) => events.push(e));
  return events;
};
/** Lets the scheduler free the slot of a job that just settled. */
const flush = () => new Promise((resolve) => setImmediate(resolve));
const scheduler = (engines: EngineDouble[], extra: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}) =>
  new Scheduler({ engines, queueLimit: 4, jobTimeoutMs: 5000, now: Date.now, abortGraceMs: 200, ...extra });

test("runs a job and reports started, progress in order and done", async () => {
  const e = engine("w1", { steps: 4 });
  const s = scheduler([e]);
  const job = newJob();
  const events = record(job);
  expect(s.submit(job)).toBe(0);
  await job.settled;
  expect(events.map((x) => x.type)).toEqual(["queued", "started", "progress", "progress", "progress", "progress", "done"]);
  expect(events.filter((x) => x.type === "progress").map((x) => (x as { step: number }).step)).toEqual([1, 2, 3, 4]);
  expect(job.state).toBe("done");
  await s.close();
});

test("sends each job to the least busy engine", async () => {
  const a = engine("a");
  const b = engine("b");
  a.hold();
  b.hold();
  const s = scheduler([a, b], { concurrency: () => 1 });
  const first = newJob();
  const second = newJob();
  s.submit(first);
  s.submit(second);
  expect([first.engineId, second.engineId].sort()).toEqual(["a", "b"]);
  const third = newJob();
  expect(s.submit(third)).toBe(0);
  expect(third.state).toBe("queued");
  a.release();
  await third.settled;
  expect(third.engineId).toBe("a");
  b.release();
  await Promise.all([first.settled, second.settled]);
  await s.close();
});

test("refuses a job with QueueFullError and a Retry-After once the queue limit is reached", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e], { queueLimit: 2, concurrency: () => 1 });
  const running = newJob();
  s.submit(running);
  const waiting = [newJob(), newJob()];
  expect(waiting.map((j) => s.submit(j))).toEqual([0, 1]);
  let refused: unknown;
  try {
    s.submit(newJob());
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(QueueFullError);
  expect((refused as QueueFullError).retryAfterMs).toBeGreaterThanOrEqual(1000);
  expect((refused as QueueFullError).message).toMatch(/queue is full.*--queue-limit/);
  e.release();
  await Promise.all([running, ...waiting].map((j) => j.settled));
  expect([running, ...waiting].every((j) => j.state === "done")).toBe(true);
  await s.close();
});

test("cancelling a queued job removes it and moves the others up", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e], { concurrency: () => 1 });
  const running = newJob();
  const [a, b] = [newJob(), newJob()];
  s.submit(running);
  s.submit(a);
  s.submit(b);
  const bEvents = record(b);
  expect(b.position).toBe(1);
  expect(s.cancel(a)).toBe(true);
  expect(a.error?.code).toBe("cancelled");
  expect(b.position).toBe(0);
  expect(bEvents).toContainEqual({ type: "queued", position: 0 });
  e.release();
  await b.settled;
  expect(e.runs.map((r) => r.id)).toEqual([running.id, b.id]);
  await s.close();
});

test("cancelling a running job aborts the engine run and the next job starts", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e]);
  const running = newJob();
  const next = newJob();
  s.submit(running);
  s.submit(next);
  await new Promise((r) => setTimeout(r, 20));
  expect(s.cancel(running)).toBe(true);
  await running.settled;
  expect(running.error?.code).toBe("cancelled");
  expect(e.cancelled).toContain(running.id);
  e.release();
  await next.settled;
  expect(next.state).toBe("done");
  expect(s.cancel(next)).toBe(false);
  await s.close();
});

test("a failing job ends with its typed error and the queue keeps going", async () => {
  const e = engine("w1");
  const s = scheduler([e]);
  e.failWith = new ServerError("ComfyUI execution failed in KSampler", 500);
  const bad = newJob();
  const events = record(bad);
  s.submit(bad);
  await bad.settled;
  expect(events.at(-1)).toEqual({ type: "error", error: { code: "server", message: "ComfyUI execution failed in KSampler", status: 500 } });
  e.failWith = undefined;
  const good = newJob();
  s.submit(good);
  await good.settled;
  expect(good.state).toBe("done");
  await s.close();
});

test("a job that runs too long fails with TimeoutError and frees its engine", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e], { jobTimeoutMs: 50 });
  const slow = newJob();
  s.submit(slow);
  await slow.settled;
  expect(slow.error?.code).toBe("timeout");
  expect(slow.error?.message).toMatch(/did not finish the job within/);
  e.release();
  const next = newJob();
  s.submit(next);
  await next.settled;
  expect(next.state).toBe("done");
  await s.close();
});

test("an engine that ignores the abort loses its slot after the grace period", async () => {
  const stuck = engine("stuck");
  const s = scheduler([stuck], { jobTimeoutMs: 30, abortGraceMs: 30 });
  stuck.run = () => new Promise(() => {});
  const job = newJob();
  s.submit(job);
  await job.settled;
  expect(job.error?.code).toBe("timeout");
  await new Promise((r) => setTimeout(r, 10));
  expect(s.stats()).toEqual({ waiting: 0, running: 0, limit: 4 });
  await s.close();
});

test("after a connection failure the other engine takes the next jobs", async () => {
  const down = engine("down");
  const up = engine("up");
  down.failWith = new NetworkError("ComfyUI at :8188 closed the connection", true);
  let t = 0;
  const s = scheduler([down, up], { now: () => t, downMs: 1000 });
  up.hold();
  const first = newJob();
  const second = newJob();
  s.submit(first); // → down (tie, first listed)
  s.submit(second); // → up
  expect(first.engineId).toBe("down");
  await first.settled;
  expect(first.error?.code).toBe("network");
  up.release();
  await second.settled;
  await flush();
  const third = newJob();
  s.submit(third);
  // "down" is idle but failed a moment ago: the job goes to "up".
  expect(third.engineId).toBe("up");
  await third.settled;
  await flush();
  t = 2000;
  down.failWith = undefined;
  up.hold();
  const blocker = newJob();
  s.submit(blocker);
  const fourth = newJob();
  s.submit(fourth);
  expect([blocker.engineId, fourth.engineId].sort()).toEqual(["down", "up"]);
  up.release();
  await Promise.all([blocker.settled, fourth.settled]);
  await s.close();
});

test("a job for a kind no engine serves is refused with a fix-it message", () => {
  const s = scheduler([engine("w1")]);
  expect(() => s.submit(newJob("segmind"))).toThrow(BackendUnavailableError);
  expect(() => s.submit(newJob("segmind"))).toThrow(/--segmind-key/);
});

test("close cancels waiting and running jobs", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e]);
  const jobs = [newJob(), newJob()];
  jobs.forEach((j) => s.submit(j));
  await s.close();
  expect(jobs.map((j) => j.error?.code)).toEqual(["cancelled", "cancelled"]);
  expect(() => s.submit(newJob())).toThrow(/shutting down/);
});
