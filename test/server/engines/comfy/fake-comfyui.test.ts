import { FormData, request } from "undici";
import WebSocket from "ws";
import { buildDepthWorkflow } from "../../../../src/server/engines/comfy/workflow";
import { DEFAULT_COMFY_MODELS } from "../../../../src/server/engines/comfy/requirements";
import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import { inputPng, settings, until } from "./helpers";

/** The fake speaks ComfyUI's protocol: checked here on the wire, without the engine. */
describe("fake ComfyUI protocol", () => {
  let fake: FakeComfy;
  beforeEach(async () => {
    fake = await startFakeComfy();
  });
  afterEach(async () => {
    await fake.close();
  });

  const get = async (path: string) => {
    const res = await request(`${fake.url}${path}`);
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, any> };
  };
  const post = async (path: string, json: unknown) => {
    const res = await request(`${fake.url}${path}`, { method: "POST", body: JSON.stringify(json), headers: { "content-type": "application/json" } });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  };
  const upload = async (name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set("image", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
    const res = await request(`${fake.url}/upload/image`, { method: "POST", body: form });
    return (await res.body.json()) as { name: string; subfolder: string; type: string };
  };
  const workflow = (image: string, wantDepth = true) =>
    buildDepthWorkflow({ settings: settings({ steps: 20 }), inputImageName: image, models: DEFAULT_COMFY_MODELS, wantDepth, width: 128, height: 96 });

  it("refuses a cross-origin request on loopback with 403, as origin_only_middleware does", async () => {
    const cross = await request(`${fake.url}/system_stats`, { headers: { origin: "https://new.express.adobe.com" } });
    await cross.body.dump();
    expect(cross.statusCode).toBe(403);
    const same = await request(`${fake.url}/system_stats`, { headers: { origin: fake.url } });
    await same.body.dump();
    expect(same.statusCode).toBe(200);
  });

  it("describes nodes as server.py's node_info does", async () => {
    const { body } = await get("/object_info/KSampler");
    const ks = body["KSampler"];
    expect(ks.input.required.sampler_name[0]).toContain("uni_pc");
    expect(ks.input_order.required[0]).toBe("model");
    expect(ks).toMatchObject({ name: "KSampler", output: ["LATENT"], output_is_list: [false], output_node: false, python_module: "nodes" });
    expect((await get("/object_info/NoSuchNode")).body).toEqual({});
    expect((await get("/api/object_info/SaveImage")).body["SaveImage"].output_node).toBe(true);
  });

  it("names uploads like image_upload(): same bytes keep the name, different bytes get ' (1)'", async () => {
    const a = await inputPng(8, 8);
    const b = await inputPng(9, 9);
    expect(await upload("in.png", a)).toEqual({ name: "in.png", subfolder: "", type: "input" });
    expect((await upload("in.png", a)).name).toBe("in.png");
    expect((await upload("in.png", b)).name).toBe("in (1).png");
    expect((await get("/object_info/LoadImage")).body["LoadImage"].input.required.image[0]).toEqual(["in (1).png", "in.png"]);
  });

  it("rejects an unknown node class with missing_node_type and no node_errors", async () => {
    fake.set({ missingNodes: ["DepthAnythingV2Preprocessor"] });
    const { status, body } = await post("/prompt", { prompt: workflow("x.png").prompt });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { type: "missing_node_type", message: "Node 'DepthAnythingV2Preprocessor' not found. The custom node may not be installed.", details: "Node ID '#6'", extra_info: { node_id: "6", class_type: "DepthAnythingV2Preprocessor", node_title: "DepthAnythingV2Preprocessor" } },
      node_errors: {},
    });
  });

  it("rejects a model file missing from the loader's list with value_not_in_list node_errors", async () => {
    const name = (await upload("in.png", await inputPng())).name;
    fake.set({ checkpoints: ["other.safetensors"] });
    const { status, body } = await post("/prompt", { prompt: workflow(name, false).prompt });
    expect(status).toBe(400);
    expect(body.error.type).toBe("prompt_outputs_failed_validation");
    expect(body.node_errors["1"]).toEqual({
      errors: [{ type: "value_not_in_list", message: "Value not in list", details: "ckpt_name: 'SSD-1B.safetensors' not in ['other.safetensors']", extra_info: { input_name: "ckpt_name", input_config: [["other.safetensors"], { tooltip: "The name of the checkpoint (model) to load." }], received_value: "SSD-1B.safetensors" } }],
      dependent_outputs: ["14"],
      class_type: "CheckpointLoaderSimple",
    });
    const missingImage = await post("/prompt", { prompt: workflow("nope.png", false).prompt });
    expect(missingImage.body.node_errors["4"].errors[0].details).toBe("image - Invalid image file: nope.png");
  });

  it("streams a run over /ws in execution.py's order and records it in /history", async () => {
    const name = (await upload("in.png", await inputPng())).name;
    const ws = new WebSocket(`${fake.url.replace("http", "ws")}/ws?clientId=abc`);
    const frames: { type: string; data: Record<string, any> }[] = [];
    ws.on("message", (data, binary) => !binary && frames.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once("open", r));
    const { body } = await post("/prompt", { prompt: workflow(name).prompt, client_id: "abc" });
    const id = body.prompt_id as string;
    await until(() => frames.some((f) => f.type === "executing" && f.data.node === null), "the end of the run");
    ws.close();
    const types = frames.map((f) => (f.type === "executing" ? `executing:${f.data.node}` : f.type));
    expect(types[0]).toBe("status");
    const run = types.filter((t) => t !== "status");
    expect(run.slice(0, 2)).toEqual(["execution_start", "execution_cached"]);
    expect(run.slice(-2)).toEqual(["execution_success", "executing:null"]);
    expect(run.indexOf("executing:7")).toBeLessThan(run.indexOf("executing:12"));
    const progress = frames.filter((f) => f.type === "progress" && f.data.node === "12").map((f) => f.data.value);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(frames.filter((f) => f.type === "executed").map((f) => f.data.node).sort()).toEqual(["14", "7"]);
    const history = (await get(`/history/${id}`)).body[id];
    expect(history.status).toMatchObject({ status_str: "success", completed: true });
    expect(history.outputs["14"].images[0]).toEqual({ filename: "result_00001_.png", subfolder: "depth-restyle", type: "output" });
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
    const frames: { type: string; data: Record<string, any> }[] = [];
    ws.on("message", (data, binary) => !binary && frames.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once("open", r));
    const runOnce = async () => {
      frames.length = 0;
      await post("/prompt", { prompt: workflow(name).prompt, client_id: "c1" });
      await until(() => frames.some((f) => f.type === "executing" && f.data.node === null), "the end of the run");
      return frames.filter((f) => f.type !== "status");
    };
    await runOnce();
    const cached = await runOnce();
    expect(cached.find((f) => f.type === "execution_cached")?.data.nodes.sort()).toEqual(["14", "7"]);
    expect(cached.filter((f) => f.type === "progress")).toEqual([]);
    expect(cached.filter((f) => f.type === "executed").map((f) => f.data.node).sort()).toEqual(["14", "7"]);
    fake.set({ cache: false });
    const fresh = await runOnce();
    ws.close();
    expect(fresh.find((f) => f.type === "execution_cached")?.data.nodes).toEqual([]);
    expect(fresh.filter((f) => f.type === "progress" && f.data.node === "12")).toHaveLength(20);
  });
});
