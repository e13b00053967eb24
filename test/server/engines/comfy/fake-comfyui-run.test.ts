import { request } from "undici";
import WebSocket from "ws";
import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import { wire, workflow, type Wire } from "./fake-wire";
import { inputPng, until } from "./helpers";
import { promptRoles } from "./prompt-roles";

/** The fake speaks ComfyUI's protocol: checked here on the wire, without the engine. */
describe("fake ComfyUI: running prompts over /ws", () => {
  let fake: FakeComfy;
  const { get, post, upload } = wire(() => fake);
  beforeEach(async () => {
    fake = await startFakeComfy();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("streams a run over /ws in execution.py's order and records it in /history", async () => {
    const name = (await upload("in.png", await inputPng())).name;
    const ws = new WebSocket(`${fake.url.replace("http", "ws")}/ws?clientId=abc`);
    const frames: { type: string; data: Wire }[] = [];
    ws.on("message", (data, binary) => !binary && frames.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once("open", r));
    const { prompt } = workflow(name);
    const { sampler, resultSave, depthSave } = promptRoles(prompt);
    const { body } = await post("/prompt", { prompt, client_id: "abc" });
    const id = body.prompt_id as string;
    await until(() => frames.some((f) => f.type === "executing" && f.data.node === null), "the end of the run");
    ws.close();
    const types = frames.map((f) => (f.type === "executing" ? `executing:${f.data.node}` : f.type));
    expect(types[0]).toBe("status");
    const run = types.filter((t) => t !== "status");
    expect(run.slice(0, 2)).toEqual(["execution_start", "execution_cached"]);
    expect(run.slice(-2)).toEqual(["execution_success", "executing:null"]);
    expect(run.indexOf(`executing:${depthSave}`)).toBeLessThan(run.indexOf(`executing:${sampler}`));
    const progress = frames.filter((f) => f.type === "progress" && f.data.node === sampler).map((f) => f.data.value);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(frames.filter((f) => f.type === "executed").map((f) => f.data.node).sort()).toEqual([resultSave, depthSave].sort());
    const history = (await get(`/history/${id}`)).body[id];
    expect(history.status).toMatchObject({ status_str: "success", completed: true });
    expect(history.outputs[resultSave].images[0]).toEqual({ filename: "result_00001_.png", subfolder: "depth-restyle", type: "output" });
    const image = await request(`${fake.url}/view?filename=result_00001_.png&subfolder=depth-restyle&type=output`);
    expect(image.headers["content-type"]).toBe("image/png");
    expect((await image.body.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await request(`${fake.url}/view?filename=nope.png&type=output`)).statusCode).toBe(404);
  });

  it("interrupts the running prompt on a global POST /interrupt and ignores one for another prompt", async () => {
    fake.set({ stepDelayMs: 20 });
    const name = (await upload("in.png", await inputPng())).name;
    const { body } = await post("/prompt", { prompt: workflow(name).prompt });
    const id = body.prompt_id as string;
    await until(() => fake.queue().running.length === 1, "the run to start");
    await post("/interrupt", { prompt_id: "someone-else" });
    expect(fake.queue().running).toEqual([id]);
    await post("/interrupt", {});
    await until(() => fake.queue().running.length === 0, "the run to stop");
    const history = (await get(`/history/${id}`)).body[id];
    expect(history.status.status_str).toBe("error");
    expect(history.status.messages.map((m: [string]) => m[0])).toContain("execution_interrupted");
  });

  it("answers an unchanged prompt from its cache (execution_cached lists the nodes), unless caching is off", async () => {
    const name = (await upload("in.png", await inputPng())).name;
    const ws = new WebSocket(`${fake.url.replace("http", "ws")}/ws?clientId=c1`);
    const frames: { type: string; data: Wire }[] = [];
    ws.on("message", (data, binary) => !binary && frames.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once("open", r));
    const { resultSave, depthSave, sampler } = promptRoles(workflow(name).prompt);
    const saves = [resultSave, depthSave].sort();
    const runOnce = async () => {
      frames.length = 0;
      await post("/prompt", { prompt: workflow(name).prompt, client_id: "c1" });
      await until(() => frames.some((f) => f.type === "executing" && f.data.node === null), "the end of the run");
      return frames.filter((f) => f.type !== "status");
    };
    await runOnce();
    const cached = await runOnce();
    expect(cached.find((f) => f.type === "execution_cached")?.data.nodes.sort()).toEqual(saves);
    expect(cached.filter((f) => f.type === "progress")).toEqual([]);
    expect(cached.filter((f) => f.type === "executed").map((f) => f.data.node).sort()).toEqual(saves);
    fake.set({ cache: false });
    const fresh = await runOnce();
    ws.close();
    expect(fresh.find((f) => f.type === "execution_cached")?.data.nodes).toEqual([]);
    expect(fresh.filter((f) => f.type === "progress" && f.data.node === sampler)).toHaveLength(20);
  });
});
