import { BackendUnavailableError, QueueFullError } from "../../../src/core/errors";
import { engine, newJob, record, scheduler } from "./helpers";

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
