import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { run as generate } from "../../src/cli/generate";
import { createSegmindBackend } from "../../src/core/backends/segmind";
import { AuthError, ModelNotFoundError } from "../../src/core/errors";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { solidImage, toBase64 } from "./helpers/images";
import { startStack, type Stack } from "./helpers/stack";
import { promptRoles } from "./engines/comfy/prompt-roles";

let stack: Stack;
let png: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 128, 96);
});
beforeEach(async () => {
  stack = await startStack({ fake: { stepDelayMs: 2 } });
});
afterEach(() => stack.close());

const post = (body: unknown, headers: Record<string, string> = { "x-api-key": stack.gateway.token, "content-type": "application/json" }) =>
  fetch(`${stack.gateway.url}/v1/ssd-depth`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

test("Segmind sample-code request: raw image bytes back, every field reaches the workflow", async () => {
  const res = await post({
    image: toBase64(png),
    prompt: "a bronze statue",
    negative_prompt: "lowres",
    samples: 1,
    scheduler: "Euler a",
    num_inference_steps: 22,
    guidance_scale: 6,
    controlnet_scale: 0.8,
    seed: 12345,
    base64: false,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  expect(res.headers.get("x-seed")).toBe("12345");
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  // The render size (fitToModel of 128×96), said in headers too.
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1088, 832]);
  expect([res.headers.get("x-image-width"), res.headers.get("x-image-height")]).toEqual(["1088", "832"]);
  const prompt = stack.fakes[0]!.prompts[0]!.prompt;
  const node = promptRoles(prompt);
  const sampler = prompt[node.sampler]!.inputs;
  expect(sampler).toMatchObject({ seed: 12345, steps: 22, cfg: 6, sampler_name: "euler_ancestral" });
  expect(prompt[node.controlnetApply]!.inputs.strength).toBe(0.8);
  expect(prompt[node.negative]!.inputs.text).toBe("lowres");
});

test("base64: true answers JSON with every sample", async () => {
  const res = await post({ image: toBase64(png), prompt: "mosaic", samples: 2, base64: true });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { image: string; images: string[]; seed: number };
  expect(body.images).toHaveLength(2);
  expect(body.image).toBe(body.images[0]);
  expect(body.seed).toBeGreaterThanOrEqual(0);
});

test("our own Segmind client (the CLI's) works against the gateway with baseUrl + the token as key", async () => {
  const backend = createSegmindBackend({ apiKey: stack.gateway.token, baseUrl: stack.gateway.url, maxRetries: 0 });
  const settings = { ...GenerationSettingsSchema.parse({ prompt: "stained glass", samples: 2 }), seed: 5 };
  const result = await backend.generate({ image: png, mimeType: "image/png", settings, wantDepth: false });
  expect(result.images).toHaveLength(2);
  expect(result.images[0]!.mimeType).toBe("image/png");
  await expect(createSegmindBackend({ apiKey: "wrong-key-0000000000", baseUrl: stack.gateway.url, maxRetries: 0 }).generate({ image: png, mimeType: "image/png", settings, wantDepth: false })).rejects.toBeInstanceOf(AuthError);
});

test("`depth-restyle generate --base-url <gateway>` writes the restyled file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "gw-cli-"));
  try {
    await writeFile(join(dir, "in.png"), await solidImage("png", 300, 200));
    const out: string[] = [];
    const err: string[] = [];
    const code = await generate(["--input", join(dir, "in.png"), "--prompt", "charcoal", "--seed", "7", "--out", join(dir, "out.jpg"), "--base-url", stack.gateway.url], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { SEGMIND_API_KEY: stack.gateway.token },
    });
    expect({ code, err: err.join("") }).toMatchObject({ code: 0 });
    expect(out.join("")).toMatch(/Wrote .*out\.jpg \(300×200\)[\s\S]*Seed: 7/);
    const meta = await sharp(join(dir, "out.jpg")).metadata();
    expect([meta.width, meta.height]).toEqual([300, 200]);
    const prompt = stack.fakes[0]!.prompts[0]!.prompt;
    expect(prompt[promptRoles(prompt).sampler]!.inputs.seed).toBe(7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe("errors are shaped like Segmind's", () => {
  test("no or wrong key → 401 { error }", async () => {
    const attempts: Record<string, string>[] = [{ "content-type": "application/json" }, { "content-type": "application/json", "x-api-key": "nope-nope-nope-nope" }];
    for (const headers of attempts) {
      const res = await post({ image: toBase64(png), prompt: "x" }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/token/) });
    }
  });

  test("the bearer token is accepted too", async () => {
    const res = await post({ image: toBase64(png), prompt: "x" }, { authorization: `Bearer ${stack.gateway.token}`, "content-type": "application/json" });
    expect(res.status).toBe(200);
  });

  test("validation → 422 naming the field; content type → 406; URL images → 422 with a fix", async () => {
    const bad = await post({ image: toBase64(png), prompt: "x", num_inference_steps: 5 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/num_inference_steps/);
    const type = await post(JSON.stringify({ image: toBase64(png), prompt: "x" }), { "x-api-key": stack.gateway.token, "content-type": "text/plain" });
    expect(type.status).toBe(406);
    const url = await post({ image: "https://example.com/cat.png", prompt: "x" });
    expect(url.status).toBe(422);
    expect(((await url.json()) as { error: string }).error).toMatch(/base64/);
  });

  test("extra snake_case fields pass as advanced settings; other keys are refused by name", async () => {
    expect((await post({ image: toBase64(png), prompt: "x", clip_skip: 2 })).status).toBe(200);
    const bad = await post({ image: toBase64(png), prompt: "x", "Clip Skip": 2 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/advanced\.Clip Skip: /);
  });

  test("a missing model → 404 naming the file, as the CLI's ModelNotFoundError", async () => {
    stack.fakes[0]!.set({ controlnets: [] });
    const res = await post({ image: toBase64(png), prompt: "x" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain("controlnet-depth-sdxl-1.0.safetensors");
    const error = await createSegmindBackend({ apiKey: stack.gateway.token, baseUrl: stack.gateway.url, maxRetries: 0 })
      .generate({ image: png, mimeType: "image/png", settings: { ...GenerationSettingsSchema.parse({ prompt: "x" }), seed: 1 }, wantDepth: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as Error).message).toContain("controlnet-depth-sdxl-1.0.safetensors");
  });

  test("a caller that hangs up: a running job is interrupted in ComfyUI, a queued one never reaches it", async () => {
    stack.fakes[0]!.set({ stepDelayMs: 50 });
    const wait = async (check: () => boolean) => {
      for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };
    const body = JSON.stringify({ image: toBase64(png), prompt: "x", num_inference_steps: 100 });
    const headers = { "x-api-key": stack.gateway.token, "content-type": "application/json" };
    const first = new AbortController();
    const running = fetch(`${stack.gateway.url}/v1/ssd-depth`, { method: "POST", headers, body, signal: first.signal }).catch((e: unknown) => e);
    await wait(() => stack.fakes[0]!.queue().running.length === 1);
    const second = new AbortController();
    const queued = fetch(`${stack.gateway.url}/v1/ssd-depth`, { method: "POST", headers, body, signal: second.signal }).catch((e: unknown) => e);
    await wait(() => stack.gateway.app.jobs.scheduler.stats().waiting === 1);
    second.abort();
    await wait(() => stack.gateway.app.jobs.scheduler.stats().waiting === 0);
    first.abort();
    await wait(() => stack.fakes[0]!.interrupts.length === 1);
    expect(stack.fakes[0]!.interrupts[0]).toEqual({ prompt_id: stack.fakes[0]!.prompts[0]!.promptId });
    expect(stack.fakes[0]!.prompts).toHaveLength(1);
    // The callers see their own abort (a DOMException AbortError), never an answer.
    expect(await running).toMatchObject({ name: "AbortError" });
    expect(await queued).toMatchObject({ name: "AbortError" });
  });
});

test("a full queue answers 429 with Segmind's reset header and Retry-After", async () => {
  const busy = await startStack({ fake: { stepDelayMs: 30 }, config: { queueLimit: 1 } });
  try {
    const headers = { "x-api-key": busy.gateway.token, "content-type": "application/json" };
    const body = JSON.stringify({ image: toBase64(png), prompt: "x", num_inference_steps: 20 });
    const send = () => fetch(`${busy.gateway.url}/v1/ssd-depth`, { method: "POST", headers, body });
    const running = send();
    for (let i = 0; i < 300 && busy.fakes[0]!.queue().running.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const waiting = send();
    for (let i = 0; i < 300 && busy.gateway.app.jobs.scheduler.stats().waiting === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Date.parse(refused.headers.get("x-rate-limit-reset-at-utc")!)).toBeGreaterThan(Date.now());
    expect(((await refused.json()) as { error: string }).error).toMatch(/queue is full/);
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
  } finally {
    await busy.close();
  }
});
