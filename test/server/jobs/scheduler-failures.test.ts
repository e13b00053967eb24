import { NetworkError, ServerError } from "../../../src/core/errors";
import { engine, flush, newJob, record, scheduler } from "./helpers";

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

test("a job whose engine goes silent fails with TimeoutError and frees its engine", async () => {
  const e = engine("w1");
  e.hold();
  const s = scheduler([e], { jobTimeoutMs: 50 });
  const slow = newJob();
  s.submit(slow);
  await slow.settled;
  expect(slow.error?.code).toBe("timeout");
  expect(slow.error?.message).toMatch(/reported no progress for/);
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
