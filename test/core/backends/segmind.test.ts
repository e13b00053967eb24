import sharp from "sharp";
import { decodeBase64 } from "../../../src/core/image-bytes";
import { SegmindBodySchema } from "../../../src/shared/segmind-body";
import { startFakeSegmind, type FakeSegmind } from "../../fakes/segmind-server";
import { clientFor, gradientJpeg, inputFor } from "./segmind-helpers";

let fake: FakeSegmind;
beforeEach(async () => {
  fake = await startFakeSegmind({ credits: 5, costPerImage: 0.01 });
});
afterEach(() => fake.close());

const meanRed = async (bytes: Uint8Array) => (await sharp(bytes).stats()).channels[0]!.mean;

describe("Segmind client over real HTTP", () => {
  it("returns the raw JPEG answer, derived from the input, with credits from the headers", async () => {
    const { backend } = clientFor(fake);
    const image = await gradientJpeg(80, 40);
    const result = await backend.generate(await inputFor({ prompt: "oil painting", seed: 1234 }, image));
    expect(result.images).toHaveLength(1);
    const out = result.images[0]!;
    expect(out.mimeType).toBe("image/jpeg");
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([80, 40]);
    // The fake negates the input: a dark-red-on-the-left gradient comes back bright there.
    expect(Math.abs((await meanRed(out.bytes)) - (255 - (await meanRed(image))))).toBeLessThan(8);
    expect(result.seed).toBe(1234);
    expect(result.credits).toEqual({ consumed: 0.01, remaining: 4.99 });
  });

  it("sends exactly the documented request: path, x-api-key, JSON content type, snake_case body", async () => {
    const { backend } = clientFor(fake);
    const image = await gradientJpeg();
    await backend.generate(
      await inputFor({ prompt: "  watercolor  ", negativePrompt: "blurry", steps: 30, guidanceScale: 9, seed: 7, controlScale: 0.8, scheduler: "DDIM" }, image),
    );
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/ssd-depth");
    expect(request.headers["x-api-key"]).toBe(fake.key);
    expect(request.headers["content-type"]).toBe("application/json");
    const sent = JSON.parse(request.rawBody) as Record<string, unknown>;
    expect(sent).toEqual({
      image: Buffer.from(image).toString("base64"),
      prompt: "watercolor",
      negative_prompt: "blurry",
      samples: 1,
      scheduler: "DDIM",
      num_inference_steps: 30,
      guidance_scale: 9,
      controlnet_scale: 0.8,
      seed: 7,
      base64: false,
    });
    expect(SegmindBodySchema.safeParse(sent).success).toBe(true);
    expect(String(sent.image).startsWith("data:")).toBe(false);
    expect(decodeBase64(String(sent.image))).toEqual(image);
  });

  it("asks for base64 JSON when samples > 1 and returns every image", async () => {
    const { backend } = clientFor(fake);
    const result = await backend.generate(await inputFor({ prompt: "neon", samples: 3, seed: 5 }));
    expect(fake.requests[0]!.body?.base64).toBe(true);
    expect(fake.requests[0]!.body?.samples).toBe(3);
    expect(result.images).toHaveLength(3);
    const distinct = new Set(result.images.map((i) => Buffer.from(i.bytes).toString("base64")));
    expect(distinct.size).toBe(3);
    expect(result.credits).toEqual({ consumed: 0.03, remaining: 4.97 });
  });

  it.each(["image", "images", "output"] as const)("reads a base64 JSON answer whose image is in `%s`", async (field) => {
    const { backend } = clientFor(fake);
    fake.script({ kind: "json_field", field });
    const result = await backend.generate(await inputFor({ prompt: "ink", seed: 3 }, await gradientJpeg(32, 64)));
    expect(result.images).toHaveLength(1);
    const meta = await sharp(result.images[0]!.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 32, 64]);
  });

  it("sends strength and advanced fields only when set", async () => {
    const { backend } = clientFor(fake);
    await backend.generate(await inputFor({ prompt: "chalk", seed: 1, strength: 0.6, advanced: { clip_skip: 2 } }));
    const sent = JSON.parse(fake.requests[0]!.rawBody) as Record<string, unknown>;
    expect(sent.strength).toBe(0.6);
    expect(sent.clip_skip).toBe(2);
  });

  it("tests the connection with the free credit-balance endpoint, generating nothing", async () => {
    const { backend } = clientFor(fake);
    const info = await backend.testConnection();
    expect(info).toEqual({ ok: true, summary: "Segmind: key accepted, 5.00 credits left.", credits: { remaining: 5 } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/get-user-credits"]);
    expect(fake.requests[0]!.headers["x-api-key"]).toBe(fake.key);
    expect(fake.credits()).toBe(5);
  });
});
