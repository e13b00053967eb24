import { CancelledError, ServerError, TimeoutError } from "../../../../src/core/errors";
import type { Engine } from "../../../../src/server/engines/engine";
import { request } from "undici";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { engineFor, job, runCollect, until, useFakeComfyEngine } from "./helpers";
import { promptRoles } from "./prompt-roles";

describe("ComfyUI engine, outcomes without sampling progress, without the websocket, or decided by others", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({ stepDelayMs: 10 }, (f, e) => ((fake = f), (engine = e)));

  it("reads an execution error from /history when there is no websocket", async () => {
    fake.set({ websocket: false });
    fake.failNext("executionError");
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(ServerError);
    const sampler = promptRoles(fake.prompts[0]!.prompt).sampler;
    expect((error as Error).message).toContain(`KSampler (node #${sampler}): RuntimeError: CUDA out of memory`);
  });

  it("ends as CancelledError when someone interrupts the job in ComfyUI itself", async () => {
    const running = runCollect(engine, await job({ settingsInput: { steps: 80 } }));
    await until(() => fake.queue().running.length === 1, "the job to start");
    await (await request(`${fake.url}/interrupt`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).body.text();
    const { error } = await running;
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toMatch(/interrupted in ComfyUI/);
  });

  it("gives up on a ComfyUI that stops answering HTTP after requestTimeoutMs, with TimeoutError", async () => {
    const impatient = engineFor(fake.url, { requestTimeoutMs: 200 });
    fake.failNext("hang");
    const { error } = await runCollect(impatient, await job());
    await impatient.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/did not answer within 200 ms/);
    expect(fake.prompts).toEqual([]);
  });

  it("sends strength 0 as the smallest denoise, never 0, which an older ComfyUI divides by", async () => {
    fake.set({ older: true });
    const j = await job({ wantDepth: false, settingsInput: { strength: 0 } });
    const { error, result } = await runCollect(engine, j);
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
    expect(fake.prompts[0]!.prompt[promptRoles(fake.prompts[0]!.prompt).sampler]!.inputs["denoise"]).toBe(0.01);
  });

  it("still finishes when the websocket stays open but delivers nothing, by its /history watchdog", async () => {
    const watched = engineFor(fake.url, { historyCheckMs: 50 });
    fake.set({ silentSocket: true });
    const { error, result, events } = await runCollect(watched, await job());
    await watched.close();
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
    expect(result?.depthMap).toBeDefined();
    expect(events.map((e) => e.type)).toEqual(["started", "depth"]);
    expect(fake.connections).toHaveLength(1);
  });
});
