import { boundAfterAbort, silenceDeadline, withDeadline } from "../../src/core/deadline";

const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withDeadline", () => {
  it("aborts when the time is up and says it timed out", async () => {
    const deadline = withDeadline(20);
    await aborted(deadline.signal);
    expect(deadline.timedOut()).toBe(true);
  });

  it("aborts with the caller's signal and does not call that a timeout", () => {
    const caller = new AbortController();
    const deadline = withDeadline(60_000, caller.signal);
    caller.abort(new Error("stop"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut()).toBe(false);
  });
});

describe("silenceDeadline", () => {
  it("keeps going while something is heard within the limit, and ends after a silence as long as the limit", async () => {
    const reason = new Error("silent");
    const silence = silenceDeadline(400, undefined, reason);
    for (let i = 0; i < 5; i++) {
      await sleep(20);
      silence.heard();
    }
    expect(silence.signal.aborted).toBe(false);
    await aborted(silence.signal);
    expect(silence.timedOut()).toBe(true);
    expect(silence.signal.reason).toBe(reason);
  });

  it("never fires after clear()", async () => {
    const silence = silenceDeadline(10);
    silence.clear();
    await sleep(40);
    expect(silence.signal.aborted).toBe(false);
  });
});

describe("boundAfterAbort", () => {
  it("answers the work's result when it ends", async () => {
    await expect(boundAfterAbort(Promise.resolve(7), new AbortController().signal, 10)).resolves.toBe(7);
  });

  it("rejects with the abort reason when the work is still stuck a grace period after the abort", async () => {
    const controller = new AbortController();
    const stuck = new Promise<never>(() => undefined);
    const bounded = boundAfterAbort(stuck, controller.signal, 10);
    const reason = new Error("cancelled");
    controller.abort(reason);
    await expect(bounded).rejects.toBe(reason);
  });

  it("lets work that winds down within the grace period finish with its own answer", async () => {
    const controller = new AbortController();
    const work = new Promise<string>((resolve) => controller.signal.addEventListener("abort", () => setTimeout(() => resolve("wound down"), 5)));
    const bounded = boundAfterAbort(work, controller.signal, 5_000);
    controller.abort(new Error("cancelled"));
    await expect(bounded).resolves.toBe("wound down");
  });
});
