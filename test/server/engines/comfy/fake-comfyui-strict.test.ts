import sharp from "sharp";
import { request } from "undici";
import WebSocket from "ws";
import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import { preprocessorSize } from "../../../fakes/comfyui/execute";
import { wire, workflow, type Wire } from "./fake-wire";
import { inputPng, until } from "./helpers";
import { promptRoles } from "./prompt-roles";

/** The fake is no kinder than ComfyUI + comfyui_controlnet_aux: checked on the wire, without the engine. */
describe("fake ComfyUI: where the real server is strict", () => {
  let fake: FakeComfy;
  const { get, post, upload } = wire(() => fake);
  beforeEach(async () => {
    fake = await startFakeComfy();
  });
  afterEach(() => fake.close());

  /** Queues `prompt` and waits for its history entry. */
  async function run(prompt: Wire): Promise<Wire> {
    const { status, body } = await post("/prompt", { prompt });
    expect(status).toBe(200);
    const id = body.prompt_id as string;
    await until(() => fake.queue().running.length === 0 && fake.queue().pending.length === 0, "the prompt to finish");
    return (await get(`/history/${id}`)).body[id];
  }
  const saved = async (history: Wire, node: string) =>
    Promise.all(
      (history.outputs[node].images as { filename: string; subfolder: string }[]).map(async (ref) => {
        const res = await request(`${fake.url}/view?filename=${ref.filename}&subfolder=${ref.subfolder}&type=output`);
        return sharp(Buffer.from(await res.body.arrayBuffer())).metadata();
      }),
    );
  const loadAndSave = (image: string, between?: Wire) => ({
    "1": { class_type: "LoadImage", inputs: { image } },
    ...(between ? { "2": between } : {}),
    "3": { class_type: "SaveImage", inputs: { images: [between ? "2" : "1", 0], filename_prefix: "t" } },
  });

  it("LoadImage applies EXIF orientation and loads every frame of an animated image as a batch", async () => {
    const rotated = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#888" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const upright = await saved(await run(loadAndSave((await upload("phone.jpg", rotated)).name)), "3");
    expect(upright.map((m) => [m.width, m.height])).toEqual([[80, 120]]);
    const frame = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).raw().toBuffer();
    const frames = Buffer.concat([await frame("#f00"), await frame("#00f")]);
    const webp = await sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } }).webp({ loop: 0, delay: [100, 100] }).toBuffer();
    expect(await saved(await run(loadAndSave((await upload("anim.webp", webp)).name)), "3")).toHaveLength(2);
  });

  it("depth preprocessors answer at their own resolution (short side = resolution, as resize_image_with_pad/remove_pad)", async () => {
    const name = (await upload("in.png", await inputPng(300, 200))).name;
    const depth = (resolution?: number) => ({ class_type: "DepthAnythingV2Preprocessor", inputs: { image: ["1", 0], ...(resolution ? { resolution } : {}) } });
    expect((await saved(await run(loadAndSave(name, depth(64))), "3")).map((m) => [m.width, m.height])).toEqual([[96, 64]]);
    // No resolution: common_annotator_call's 512.
    expect((await saved(await run(loadAndSave(name, depth())), "3")).map((m) => [m.width, m.height])).toEqual([[768, 512]]);
    expect(preprocessorSize(5, 2, 64)).toEqual({ width: 160, height: 64 });
    // np.round: 96.5 goes to the even 96 (Math.round would say 97), 97.5 to 98.
    expect(preprocessorSize(193, 128, 64)).toEqual({ width: 96, height: 64 });
    expect(preprocessorSize(3, 2, 65)).toEqual({ width: 98, height: 65 });
  });

  it("an older build: no `vae` on ControlNetApplyAdvanced (a linked one raises TypeError), no ipndm, denoise 0 divides by zero, /interrupt ignores prompt_id", async () => {
    fake.set({ older: true, stepDelayMs: 20 });
    const info = (await get("/object_info/ControlNetApplyAdvanced")).body["ControlNetApplyAdvanced"];
    expect(info.input.optional).toBeUndefined();
    expect((await get("/object_info/KSampler")).body["KSampler"].input.required.sampler_name[0]).not.toContain("ipndm");
    const name = (await upload("in.png", await inputPng())).name;
    const withVae = await run(workflow(name, false).prompt);
    const error = withVae.status.messages.find((m: [string]) => m[0] === "execution_error")[1];
    expect(error).toMatchObject({ exception_type: "TypeError", node_type: "ControlNetApplyAdvanced" });
    expect(error.exception_message).toMatch(/unexpected keyword argument 'vae'/);

    const noVae = workflow(name, false).prompt;
    const { controlnetApply, sampler } = promptRoles(noVae);
    delete noVae[controlnetApply]!.inputs["vae"];
    noVae[sampler]!.inputs["denoise"] = 0;
    const zero = await run(noVae);
    expect(zero.status.messages.find((m: [string]) => m[0] === "execution_error")[1]).toMatchObject({ exception_type: "ZeroDivisionError", node_type: "KSampler" });

    noVae[sampler]!.inputs["denoise"] = 1;
    noVae[sampler]!.inputs["seed"] = 77;
    const { body } = await post("/prompt", { prompt: noVae });
    await until(() => fake.queue().running.length === 1, "the run to start");
    await post("/interrupt", { prompt_id: "someone-else" });
    await until(() => fake.queue().running.length === 0, "the untargeted interrupt to stop it");
    const stopped = (await get(`/history/${body.prompt_id as string}`)).body[body.prompt_id as string];
    expect(stopped.status.messages.map((m: [string]) => m[0])).toContain("execution_interrupted");
  });

  it("loads uncached weights in silence, sends binary previews and custom nodes' own message types, over permessage-deflate", async () => {
    fake.set({ loadingDelayMs: 300, stepDelayMs: 5 });
    const name = (await upload("in.png", await inputPng())).name;
    const ws = new WebSocket(`${fake.url.replace("http", "ws")}/ws?clientId=strict`, { perMessageDeflate: true });
    const frames: { at: number; type: string; data?: Wire; bytes?: Buffer }[] = [];
    ws.on("message", (data, binary) =>
      frames.push(binary ? { at: Date.now(), type: "binary", bytes: data as Buffer } : { at: Date.now(), ...(JSON.parse(String(data)) as { type: string; data: Wire }) }),
    );
    await new Promise((r) => ws.once("open", r));
    expect(ws.extensions).toMatch(/permessage-deflate/);
    await post("/prompt", { prompt: workflow(name, false).prompt, client_id: "strict" });
    await until(() => frames.some((f) => f.type === "executing" && f.data?.node === null), "the end of the run", 1000);
    ws.close();
    // After `executing` the checkpoint loader, nothing arrives while its weights load.
    const loader = frames.findIndex((f) => f.type === "executing" && f.data?.node === "1");
    expect(frames[loader + 1]!.at - frames[loader]!.at).toBeGreaterThanOrEqual(250);
    const preview = frames.find((f) => f.type === "binary")!.bytes!;
    expect([preview.readUInt32BE(0), preview.readUInt32BE(4)]).toEqual([1, 1]);
    expect((await sharp(preview.subarray(8)).metadata()).format).toBe("jpeg");
    expect(frames.some((f) => f.type === "crystools.monitor")).toBe(true);
    expect(frames.some((f) => f.type === "progress_state")).toBe(true);
  });
});
