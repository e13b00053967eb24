import { CancelledError, TimeoutError } from "../../../../src/core/errors";
import type { Engine } from "../../../../src/server/engines/engine";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { engineFor, job, runCollect, until, useFakeComfyEngine } from "./helpers";

describe("ComfyUI engine, cancel and timeout", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({ stepDelayMs: 20 }, (f, e) => ((fake = f), (engine = e)));

  it("cancels a running job with a targeted POST /interrupt and ends it as CancelledError", async () => {
    const controller = new AbortController();
    const running = runCollect(engine, await job({ settingsInput: { steps: 50 } }), controller.signal);
    await until(() => fake.queue().running.length === 1, "the job to start");
    controller.abort();
    const { error } = await running;
    expect(error).toBeInstanceOf(CancelledError);
    const promptId = fake.prompts[0]!.promptId;
    expect(fake.interrupts).toEqual([{ prompt_id: promptId }]);
    expect(fake.deletes).toEqual([]);
    await until(() => fake.queue().running.length === 0, "ComfyUI to stop the prompt");
    expect(engine.busy).toBe(0);
  });

  it("cancels a queued job with POST /queue {delete} and does not interrupt the job ahead of it", async () => {
    const first = runCollect(engine, await job({ id: "first", settingsInput: { steps: 40 } }));
    await until(() => fake.queue().running.length === 1, "the first job to start");
    const controller = new AbortController();
    const second = runCollect(engine, await job({ id: "second" }), controller.signal);
    await until(() => fake.queue().pending.length === 1, "the second job to be queued");
    controller.abort();
    const cancelled = await second;
    expect(cancelled.error).toBeInstanceOf(CancelledError);
    expect(fake.deletes).toEqual([fake.prompts[1]!.promptId]);
    expect(fake.interrupts).toEqual([]);
    const done = await first;
    expect(done.error).toBeUndefined();
    expect(done.result?.images).toHaveLength(1);
  });

  it("rejects at once, without touching ComfyUI, when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await runCollect(engine, await job(), controller.signal);
    expect(error).toBeInstanceOf(CancelledError);
    expect(fake.uploads).toEqual([]);
    expect(fake.prompts).toEqual([]);
  });

  it("stops a job after jobTimeoutMs of silence (weights loading too long): TimeoutError, and the prompt is interrupted in ComfyUI", async () => {
    const slow = engineFor(fake.url, { jobTimeoutMs: 300 });
    fake.set({ loadingDelayMs: 900 });
    const { error, events } = await runCollect(slow, await job({ settingsInput: { steps: 30 } }));
    await slow.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/sent nothing about the job for 300 ms/);
    expect(events).toContainEqual({ type: "loading" });
    expect(fake.interrupts).toEqual([{ prompt_id: fake.prompts[0]!.promptId }]);
  });

  it("never stops a job that keeps making progress, however long it runs in total", async () => {
    const patient = engineFor(fake.url, { jobTimeoutMs: 400 });
    // Each silence (a loader, a step) is shorter than the limit; the whole job (3 × 200 + 25 × 60 ms) is five times longer.
    fake.set({ loadingDelayMs: 200, stepDelayMs: 60 });
    const { error, result } = await runCollect(patient, await job({ settingsInput: { steps: 25 } }));
    await patient.close();
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
  });

  it("keeps waiting, without a timeout, while its prompt waits behind another client's in ComfyUI's queue", async () => {
    const other = engineFor(fake.url);
    const patient = engineFor(fake.url, { jobTimeoutMs: 300 });
    fake.set({ stepDelayMs: 40 });
    const blocker = runCollect(other, await job({ id: "other", settingsInput: { steps: 25, seed: 1 } }));
    await until(() => fake.queue().running.length === 1, "the other client's prompt to run");
    // Only status broadcasts reach us for ~1 s: longer than our silence limit.
    const { error } = await runCollect(patient, await job({ settingsInput: { steps: 20, seed: 2 } }));
    expect(error).toBeUndefined();
    expect((await blocker).error).toBeUndefined();
    await Promise.all([other.close(), patient.close()]);
  });

  it("close() cancels live jobs in ComfyUI and refuses new ones", async () => {
    const running = runCollect(engine, await job({ settingsInput: { steps: 60 } }));
    await until(() => fake.queue().running.length === 1, "the job to start");
    await engine.close();
    const { error } = await running;
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toMatch(/shutting down/);
    expect(fake.interrupts).toHaveLength(1);
    const after = await runCollect(engine, await job());
    expect(after.error).toBeInstanceOf(CancelledError);
  });
});
