import sharp from "sharp";
import type { GenerateProgress } from "../../src/core/backends/types";
import { CancelledError, DepthRestyleError, ModelMissingError, TimeoutError } from "../../src/core/errors";
import { fitToModel } from "../../src/core/geometry";
import { GenerationSettingsSchema, type GenerationSettingsInput, type ResolvedSettings } from "../../src/shared/settings";
import { startStack, type Stack } from "./helpers/stack";
import { promptRoles } from "./engines/comfy/prompt-roles";
import { solidImage } from "./helpers/images";

const settings = (input: Partial<GenerationSettingsInput> = {}, seed = 4242): ResolvedSettings => ({
  ...GenerationSettingsSchema.parse({ prompt: "a watercolour harbour at dawn", ...input }),
  seed,
});
let png: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 128, 96);
});
const input = (s: ResolvedSettings, wantDepth = false) => ({ image: png, mimeType: "image/png" as const, settings: s, wantDepth });
const outcome = (p: Promise<unknown>) => p.then(() => undefined, (error: unknown) => error);
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("one ComfyUI worker behind the gateway", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ fake: { stepDelayMs: 2 } });
  });
  afterEach(() => stack.close());

  test("a job runs end to end: progress events in order, images and depth map come back", async () => {
    const progress: GenerateProgress[] = [];
    const s = settings({ steps: 20, samples: 2 });
    const result = await stack.client.generate(input(s, true), { onProgress: (p) => progress.push(p) });
    expect(result.seed).toBe(4242);
    expect(result.images).toHaveLength(2);
    for (const image of [...result.images, result.depthMap!]) {
      const meta = await sharp(image.bytes).metadata();
      expect(meta.format).toBe("png");
      // 128×96 is rendered at the model's size, as the panel's fitToModel picks it.
      expect({ width: meta.width, height: meta.height }).toEqual(fitToModel({ width: 128, height: 96 }));
    }
    const stages = progress.map((p) => p.stage);
    expect(stages[0]).toBe("uploading");
    expect(stages.at(-1)).toBe("downloading");
    expect(stages.indexOf("queued")).toBeLessThan(stages.indexOf("running"));
    expect(stages).toContain("depth_ready");
    const steps = progress.flatMap((p) => (p.stage === "running" && p.step !== undefined ? [p.step] : []));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(20);
    expect(progress.find((p) => p.stage === "running" && p.maxSteps !== undefined)).toMatchObject({ maxSteps: 20 });
  });

  test("your own depth map guides the restyle instead of the preprocessor, and comes back as the depth map", async () => {
    // A left-to-right ramp: nothing like the flat input, so the result can only come from it.
    const ramp = Buffer.alloc(128 * 96 * 3);
    for (let i = 0; i < 128 * 96; i++) ramp.fill(Math.round(((i % 128) / 127) * 255), i * 3, i * 3 + 3);
    const control = new Uint8Array(await sharp(ramp, { raw: { width: 128, height: 96, channels: 3 } }).png().toBuffer());
    const result = await stack.client.generate({ ...input(settings(), true), controlImage: { bytes: control, mimeType: "image/png" } });
    const prompt = stack.fakes[0]!.prompts[0]!.prompt;
    expect(Object.values(prompt).map((n) => n.class_type)).not.toContain("DepthAnythingV2Preprocessor");
    // Both come back at the render size (about 1 MP), so read the middle row near each edge.
    const grey = async (bytes: Uint8Array) => {
      const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
      const row = Math.floor(info.height / 2) * info.width;
      return { left: data[row + Math.floor(info.width * 0.02)]!, right: data[row + Math.floor(info.width * 0.98)]!, width: info.width };
    };
    const depth = await grey(result.depthMap!.bytes);
    expect(depth.width).toBe(fitToModel({ width: 128, height: 96 }).width);
    expect(depth.left).toBeLessThan(20);
    expect(depth.right).toBeGreaterThan(235);
    // The fake sampler paints the negative of the ControlNet image: the ramp reversed.
    const image = await grey(result.images[0]!.bytes);
    expect(image.left).toBeGreaterThan(235);
    expect(image.right).toBeLessThan(20);
  });

  test("the workflow ComfyUI receives carries every setting", async () => {
    const s = settings({ prompt: "ink drawing", negativePrompt: "blurry", steps: 31, guidanceScale: 9.5, controlScale: 0.65, strength: 0.7, scheduler: "DPM2 Karras", samples: 3 }, 77);
    await stack.client.generate(input(s, true));
    const prompt = stack.fakes[0]!.prompts[0]!.prompt;
    const NODE = promptRoles(prompt);
    expect(prompt[NODE.sampler]!.inputs).toMatchObject({ seed: 77, steps: 31, cfg: 9.5, sampler_name: "dpm_2", scheduler: "karras", denoise: 0.7 });
    expect(prompt[NODE.positive]!.inputs.text).toBe("ink drawing");
    expect(prompt[NODE.negative]!.inputs.text).toBe("blurry");
    expect(prompt[NODE.controlnetApply]!.inputs.strength).toBe(0.65);
    expect(prompt[NODE.checkpoint]!.inputs.ckpt_name).toBe("SSD-1B.safetensors");
    expect(prompt[NODE.controlnetLoader]!.inputs.control_net_name).toBe("controlnet-depth-sdxl-1.0.safetensors");
    expect(prompt[NODE.latent]).toMatchObject({ class_type: "RepeatLatentBatch", inputs: { amount: 3 } });
    expect(NODE.depthSave).toBeDefined();
    const upload = await sharp(stack.fakes[0]!.uploads[0]!.bytes).metadata();
    expect({ format: upload.format, width: upload.width, height: upload.height }).toEqual({ format: "png", ...fitToModel({ width: 128, height: 96 }) });
  });

  test("cancelling a job queued behind another never reaches ComfyUI; the first finishes", async () => {
    const first = stack.client.generate(input(settings({ steps: 30 })));
    await until(() => stack.fakes[0]!.queue().running.length === 1, "the first job to run");
    const controller = new AbortController();
    const queuedEvents: GenerateProgress[] = [];
    const second = stack.client.generate(input(settings()), { signal: controller.signal, onProgress: (p) => queuedEvents.push(p) });
    await until(() => queuedEvents.some((p) => p.stage === "queued"), "the second job to be queued");
    controller.abort();
    expect(await outcome(second)).toBeInstanceOf(CancelledError);
    await until(() => stack.gateway.app.jobs.scheduler.stats().waiting === 0, "the gateway to drop the job");
    expect((await first).images).toHaveLength(1);
    expect(stack.fakes[0]!.prompts).toHaveLength(1);
  });

  test("cancelling a running job interrupts it in ComfyUI and the next job runs", async () => {
    const controller = new AbortController();
    const running = stack.client.generate(input(settings({ steps: 80 })), { signal: controller.signal });
    await until(() => stack.fakes[0]!.queue().running.length === 1, "the job to run");
    controller.abort();
    expect(await outcome(running)).toBeInstanceOf(CancelledError);
    await until(() => stack.fakes[0]!.interrupts.length === 1, "ComfyUI to be interrupted");
    expect(stack.fakes[0]!.interrupts[0]).toEqual({ prompt_id: stack.fakes[0]!.prompts[0]!.promptId });
    const next = await stack.client.generate(input(settings()));
    expect(next.images).toHaveLength(1);
  });

  test("a missing checkpoint (400 node_errors) ends as ModelMissingError naming it; the queue keeps going", async () => {
    stack.fakes[0]!.set({ checkpoints: ["something-else.safetensors"] });
    const error = await outcome(stack.client.generate(input(settings())));
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).message).toContain("SSD-1B.safetensors");
    expect((error as ModelMissingError).missing).toContain("SSD-1B.safetensors");
    await expect(stack.client.testConnection()).rejects.toThrow(/SSD-1B\.safetensors/);
    stack.fakes[0]!.set({ checkpoints: ["SSD-1B.safetensors"] });
    expect((await stack.client.generate(input(settings()))).images).toHaveLength(1);
  });

  test("a dropped ComfyUI websocket does not lose the job", async () => {
    stack.fakes[0]!.failNext("dropSocket");
    const result = await stack.client.generate(input(settings({ steps: 20 })));
    expect(result.images).toHaveLength(1);
  });

  test("an execution error in ComfyUI ends as a typed error with its message; the queue keeps going", async () => {
    stack.fakes[0]!.failNext("executionError");
    const error = await outcome(stack.client.generate(input(settings())));
    expect(error).toBeInstanceOf(DepthRestyleError);
    expect((error as Error).message).toMatch(/CUDA out of memory/);
    expect((await stack.client.generate(input(settings()))).images).toHaveLength(1);
  });
});

test("a worker silent longer than --job-timeout ends the job as TimeoutError; the queue keeps going", async () => {
  // Limits far above the fake's own silent image work, even on a loaded machine.
  const stack = await startStack({ fake: { loadingDelayMs: 6000 }, engine: { jobTimeoutMs: 2500 }, config: { jobTimeoutSec: 3 } });
  try {
    let loadingSeen!: () => void;
    const loading = new Promise<void>((resolve) => (loadingSeen = resolve));
    const slow = stack.client.generate(input(settings({ steps: 20 })), { onProgress: (p) => p.stage === "loading_models" && loadingSeen() });
    // The fake reads the delay as a loader starts: once the slow job's loader is silent for 6 s, later
    // prompts load at once. The next job is sent only now, so it really queues behind the slow one
    // (the gateway queues two jobs sent together in the order their inputs finish preparing).
    await loading;
    stack.fakes[0]!.set({ loadingDelayMs: 0 });
    const behind = stack.client.generate(input(settings({ steps: 20 }, 7)));
    const error = await outcome(slow);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/sent nothing about the job for 2500 ms/);
    await until(() => stack.fakes[0]!.interrupts.length >= 1, "the silent prompt to be interrupted");
    expect((await behind).images).toHaveLength(1);
  } finally {
    await stack.close();
  }
});

test("a first run that loads models and samples for longer than --job-timeout, making progress, finishes; the events say so and carry previews", async () => {
  // Every silence (a loader, a step, the fake's own image work) stays well under 3 s; the whole job (3 × 700 + 40 × 60 ms and more) is longer.
  const stack = await startStack({ fake: { loadingDelayMs: 700, stepDelayMs: 60 }, engine: { jobTimeoutMs: 3000 }, config: { jobTimeoutSec: 3 } });
  try {
    const progress: GenerateProgress[] = [];
    const result = await stack.client.generate(input(settings({ steps: 40 })), { onProgress: (p) => progress.push(p) });
    expect(result.images).toHaveLength(1);
    const stages = progress.map((p) => p.stage);
    expect(stages).toContain("loading_models");
    const firstStep = progress.findIndex((p) => p.stage === "running" && p.step !== undefined);
    expect(stages.indexOf("loading_models")).toBeLessThan(firstStep);
    const previews = progress.flatMap((p) => (p.stage === "running" && p.preview ? [p.preview] : []));
    expect(previews.length).toBeGreaterThan(0);
    expect((await sharp(previews[0]!.bytes).metadata()).format).toBe("jpeg");
  } finally {
    await stack.close();
  }
});

test("a worker that dies mid-job fails that job with a typed error; the other worker takes the next jobs", async () => {
  const stack = await startStack({ workers: 2, fake: { stepDelayMs: 5 } });
  try {
    expect(await stack.client.testConnection()).toEqual({ ok: true, summary: "Gateway: 2 ComfyUI workers ready." });
    stack.fakes[0]!.failNext("die");
    const error = await outcome(stack.client.generate(input(settings({ steps: 20 }))));
    expect(error).toBeInstanceOf(DepthRestyleError);
    expect(["network", "backend_unavailable", "server"]).toContain((error as DepthRestyleError).code);
    for (let i = 0; i < 3; i++) expect((await stack.client.generate(input(settings()))).images).toHaveLength(1);
    expect(stack.fakes[1]!.prompts.length).toBe(3);
    const summary = await stack.client.testConnection();
    expect(summary.summary).toMatch(/^Gateway: 1 ComfyUI worker ready; not usable: .*127\.0\.0\.1/);
  } finally {
    await stack.close();
  }
});
