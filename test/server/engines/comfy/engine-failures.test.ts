import { BackendUnavailableError, CancelledError, ModelMissingError, ServerError } from "../../../../src/core/errors";
import type { Engine } from "../../../../src/server/engines/engine";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { job, runCollect, until, useFakeComfyEngine } from "./helpers";

describe("ComfyUI engine, when ComfyUI misbehaves", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({ stepDelayMs: 10 }, (f, e) => ((fake = f), (engine = e)));

  it("reports a ComfyUI that dies mid-job as BackendUnavailableError telling how to start it", async () => {
    fake.failNext("die");
    const { error, events } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/stopped responding during the job.*Start ComfyUI/);
    expect(events[0]).toEqual({ type: "started" });
  });

  it("finishes after the websocket drops: it reconnects with the same clientId", async () => {
    fake.failNext("dropSocket");
    const { error, result, events } = await runCollect(engine, await job({ settingsInput: { steps: 30 } }));
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
    expect(result?.depthMap).toBeDefined();
    const clientId = fake.prompts[0]!.clientId;
    expect(fake.connections.filter((c) => c === clientId).length).toBeGreaterThanOrEqual(2);
    const steps = events.flatMap((e) => (e.type === "progress" ? [e.step] : []));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(30);
  });

  it("finishes by polling /history when ComfyUI refuses websockets", async () => {
    fake.set({ websocket: false });
    const { error, result, events } = await runCollect(engine, await job({ settingsInput: { samples: 2 } }));
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(2);
    expect(result?.depthMap).toBeDefined();
    expect(events.map((e) => e.type)).toEqual(["started", "depth"]);
    expect(fake.connections).toEqual([]);
  });

  it("answers a missing checkpoint (HTTP 400 node_errors) with ModelMissingError naming the file and its folder", async () => {
    fake.set({ checkpoints: ["sd_xl_base_1.0.safetensors"] });
    const { error } = await runCollect(engine, await job({ wantDepth: false }));
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).missing).toEqual(["SSD-1B.safetensors"]);
    expect((error as Error).message).toMatch(/checkpoint "SSD-1B.safetensors".*ComfyUI\/models\/checkpoints/);
    expect(fake.rejected).toHaveLength(1);
    expect(fake.prompts).toEqual([]);
  });

  it("fails the same way when ComfyUI queues only the depth branch (200 with node_errors), and removes that prompt", async () => {
    // A job ahead keeps the partial prompt pending, so its removal is observable.
    fake.set({ stepDelayMs: 30 });
    const ahead = new AbortController();
    const blocker = runCollect(engine, await job({ id: "ahead", wantDepth: false, settingsInput: { steps: 100 } }), ahead.signal);
    await until(() => fake.queue().running.length === 1, "the job ahead to start");
    fake.set({ checkpoints: [] });
    const { error } = await runCollect(engine, await job({ wantDepth: true }));
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).missing).toEqual(["SSD-1B.safetensors"]);
    expect(fake.rejected).toEqual([]);
    expect(fake.deletes).toEqual([fake.prompts[1]!.promptId]);
    ahead.abort();
    expect((await blocker).error).toBeInstanceOf(CancelledError);
  });

  it("answers a missing ControlNet and checkpoint together, naming both files", async () => {
    fake.set({ checkpoints: [], controlnets: ["other.safetensors"] });
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(ModelMissingError);
    expect([...(error as ModelMissingError).missing].sort()).toEqual(["SSD-1B.safetensors", "controlnet-depth-sdxl-1.0.safetensors"]);
    expect((error as Error).message).toMatch(/ComfyUI\/models\/controlnet/);
  });

  it("answers a missing preprocessor node with ModelMissingError naming the node and its pack", async () => {
    fake.set({ missingNodes: ["DepthAnythingV2Preprocessor"] });
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).missing).toEqual(["DepthAnythingV2Preprocessor"]);
    expect((error as Error).message).toMatch(/comfyui_controlnet_aux/);
  });

  it("passes ComfyUI's exception message on as ServerError when a node fails", async () => {
    fake.failNext("executionError");
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/KSampler.*CUDA out of memory/);
  });

  it("turns an HTTP 500 from POST /prompt into ServerError", async () => {
    fake.failNext("http500");
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
  });

  it("reports an unreachable ComfyUI with the fix: start it or fix the --comfy URL", async () => {
    await fake.close();
    const { error } = await runCollect(engine, await job());
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/Start ComfyUI .* or fix the --comfy URL/);
  });
});
