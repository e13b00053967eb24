import sharp from "sharp";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import type { Engine } from "../../../../src/server/engines/engine";
import { HEIGHT, WIDTH, engineFor, inputPng, job, pixels, runCollect, useFakeComfyEngine } from "./helpers";

describe("ComfyUI engine, end to end against the fake ComfyUI", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({}, (f, e) => ((fake = f), (engine = e)));

  it("returns the images and the depth map at the render size, with started → loading → depth → progress (+ previews) in order", async () => {
    const j = await job({ settingsInput: { steps: 20, samples: 2 } });
    const { events, alive, result, error } = await runCollect(engine, j);
    expect(error).toBeUndefined();
    expect(events[0]).toEqual({ type: "started" });
    // The three uncached loaders (checkpoint, ControlNet, depth preprocessor) announce model loading.
    const firstStep = events.findIndex((e) => e.type === "progress");
    expect(events.slice(1, firstStep).map((e) => e.type).sort()).toEqual(["depth", "loading", "loading", "loading"]);
    const progress = events.filter((e) => e.type === "progress");
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => ({ type: "progress", step: i + 1, max: 20 })));
    // Each step's binary preview frame comes through as a JPEG.
    const previews = events.filter((e) => e.type === "preview");
    expect(previews).toHaveLength(20);
    for (const p of previews) expect(p.type === "preview" && (await sharp(p.image.bytes).metadata()).format).toBe("jpeg");
    expect(alive).toBeGreaterThan(20);
    expect(result?.images).toHaveLength(2);
    const depth = await pixels(result!.depthMap!.bytes);
    expect([depth.width, depth.height]).toEqual([WIDTH, HEIGHT]);
    // depth map is gray: r = g = b
    expect(depth.data[0]).toBe(depth.data[1]);
    const first = await pixels(result!.images[0]!.bytes);
    expect([first.width, first.height]).toEqual([WIDTH, HEIGHT]);
    // strength 1: each sample is the negative of the depth map
    expect(first.data[(10 * WIDTH + 100) * 3]).toBe(255 - depth.data[(10 * WIDTH + 100) * 3]!);
  });

  it("negotiates permessage-deflate on the websocket, as aiohttp offers it", async () => {
    const { error } = await runCollect(engine, await job({ wantDepth: false }));
    expect(error).toBeUndefined();
    expect(fake.extensions[0]).toMatch(/permessage-deflate/);
  });
});

describe("ComfyUI engine, what reaches ComfyUI", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({}, (f, e) => ((fake = f), (engine = e)));

  it("uploads the input and queues a workflow carrying every setting, under the job's websocket client id", async () => {
    const j = await job({
      settingsInput: { prompt: "ink drawing", negativePrompt: "text", steps: 21, guidanceScale: 4.5, seed: 99, controlScale: 0.35, strength: 0.6, scheduler: "Heun", samples: 3 },
    });
    const { error } = await runCollect(engine, j);
    expect(error).toBeUndefined();
    expect(fake.uploads).toHaveLength(1);
    expect(Buffer.from(fake.uploads[0]!.bytes).equals(Buffer.from(j.image.bytes))).toBe(true);
    expect(fake.prompts).toHaveLength(1);
    const { prompt, clientId } = fake.prompts[0]!;
    expect(fake.connections).toContain(clientId);
    const node = (cls: string) => Object.values(prompt).find((n) => n.class_type === cls)!.inputs;
    expect(node("LoadImage")["image"]).toBe(fake.uploads[0]!.name);
    expect(node("KSampler")).toMatchObject({ seed: 99, steps: 21, cfg: 4.5, sampler_name: "heun", scheduler: "normal", denoise: 0.6 });
    expect(node("ControlNetApplyAdvanced")["strength"]).toBe(0.35);
    expect(node("RepeatLatentBatch")["amount"]).toBe(3);
    const texts = Object.values(prompt).filter((n) => n.class_type === "CLIPTextEncode").map((n) => n.inputs["text"]);
    expect(texts.sort()).toEqual(["ink drawing", "text"]);
    expect(node("CheckpointLoaderSimple")["ckpt_name"]).toBe("SSD-1B.safetensors");
  });

  it("img2img results are derived from the input (the fake negates the latent's source)", async () => {
    const j = await job({ wantDepth: false, settingsInput: { strength: 0.5, samples: 2 } });
    const { result, events, error } = await runCollect(engine, j);
    expect(error).toBeUndefined();
    expect(result?.depthMap).toBeUndefined();
    expect(events.some((e) => e.type === "depth")).toBe(false);
    expect(result?.images.map((i) => i.mimeType)).toEqual(["image/png", "image/png"]);
    const input = await pixels(j.image.bytes);
    for (const image of result!.images) {
      const out = await pixels(image.bytes);
      expect([out.width, out.height]).toEqual([WIDTH, HEIGHT]);
      for (const [x, y] of [[0, 0], [WIDTH - 1, 0], [40, HEIGHT - 1]] as const) {
        const i = (y * WIDTH + x) * 3;
        expect([out.data[i], out.data[i + 1], out.data[i + 2]]).toEqual([255 - input.data[i]!, 255 - input.data[i + 1]!, 255 - input.data[i + 2]!]);
      }
    }
  });

  it("counts running jobs in busy and runs concurrent jobs to completion", async () => {
    fake.set({ stepDelayMs: 5 });
    const [ja, jb] = [await job({ id: "a" }), await job({ id: "b", wantDepth: false, settingsInput: { seed: 2 } })];
    const runs = [runCollect(engine, ja), runCollect(engine, jb)];
    expect(engine.busy).toBe(2);
    const [a, b] = (await Promise.all(runs)) as [Awaited<(typeof runs)[0]>, Awaited<(typeof runs)[1]>];
    expect(engine.busy).toBe(0);
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    expect(a.result?.depthMap).toBeDefined();
    expect(b.result?.depthMap).toBeUndefined();
    expect(new Set(fake.prompts.map((p) => p.clientId)).size).toBe(2);
  });

  it("works behind a path prefix (ComfyUI's /api/… routes) and with a JPEG input", async () => {
    const prefixed = engineFor(`${fake.url}/api/`);
    const jpeg = new Uint8Array(await sharp(await inputPng()).jpeg().toBuffer());
    const { error, result } = await runCollect(prefixed, await job({ image: { bytes: jpeg, mimeType: "image/jpeg", width: WIDTH, height: HEIGHT }, wantDepth: false }));
    await prefixed.close();
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
    expect(fake.uploads[0]?.name).toMatch(/^depth-restyle-[0-9a-f]{24}\.jpg$/);
  });

  it("re-running the same picture reuses one content-derived file name in ComfyUI/input", async () => {
    const j = await job({ wantDepth: false });
    await runCollect(engine, j);
    await runCollect(engine, { ...j, id: "job-2" });
    expect(fake.uploads.map((u) => u.name)).toEqual([fake.uploads[0]!.name, fake.uploads[0]!.name]);
    expect(fake.prompts).toHaveLength(2);
  });

  it("a re-run ComfyUI answers from its cache still yields the same images and the depth map", async () => {
    const j = await job({ settingsInput: { seed: 5, samples: 2 } });
    const first = await runCollect(engine, j);
    const again = await runCollect(engine, { ...j, id: "job-2" });
    expect(again.error).toBeUndefined();
    expect(again.events).toEqual([{ type: "started" }, { type: "depth" }]);
    expect(again.result?.images.map((i) => Buffer.from(i.bytes).toString("base64"))).toEqual(first.result?.images.map((i) => Buffer.from(i.bytes).toString("base64")));
    expect(again.result?.depthMap).toBeDefined();
  });
});
