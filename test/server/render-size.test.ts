/**
 * Acceptance of issue 10's render size and orientation, over real HTTP through both routes (the
 * job API and the Segmind-compatible one) to the fake ComfyUI, whose LoadImage applies EXIF
 * orientation and whose preprocessor answers at its own resolution, as the real ones do.
 */
import sharp from "sharp";
import { fitToModel, type Size } from "../../src/core/geometry";
import { JobResultSchema } from "../../src/shared/gateway-api";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { authHeaders } from "./helpers/gateway";
import { toBase64 } from "./helpers/images";
import { startStack, type Stack } from "./helpers/stack";

/** Left half white, right half black — in the pixels as stored. */
async function halves(stored: Size, orientation?: number): Promise<Uint8Array> {
  const white = await sharp({ create: { width: Math.round(stored.width / 2), height: stored.height, channels: 3, background: "#fff" } }).png().toBuffer();
  let image = sharp({ create: { ...stored, channels: 3, background: "#000" } }).composite([{ input: white, left: 0, top: 0 }]).jpeg({ quality: 90 });
  if (orientation) image = image.withMetadata({ orientation });
  return new Uint8Array(await image.toBuffer());
}

/** Mean brightness of the left, right, top and bottom quarters of an image. */
async function sides(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  const mean = (x0: number, x1: number, y0: number, y1: number) => {
    let sum = 0;
    for (let y = Math.floor(y0 * info.height); y < Math.floor(y1 * info.height); y++)
      for (let x = Math.floor(x0 * info.width); x < Math.floor(x1 * info.width); x++) sum += data[y * info.width + x]!;
    return sum / ((Math.floor(y1 * info.height) - Math.floor(y0 * info.height)) * (Math.floor(x1 * info.width) - Math.floor(x0 * info.width)));
  };
  return { width: info.width, height: info.height, left: mean(0, 0.25, 0, 1), right: mean(0.75, 1, 0, 1), top: mean(0, 1, 0, 0.25), bottom: mean(0, 1, 0.75, 1) };
}

const CASES = [
  // A 12 MP camera photo: white on the left.
  { name: "a 4000×3000 photo", stored: { width: 4000, height: 3000 }, orientation: undefined, upright: { width: 4000, height: 3000 }, white: "left" },
  // A phone JPEG stored landscape with EXIF orientation 6 (turn 90° clockwise to view): the stored left half is on top.
  { name: "an EXIF-rotated phone JPEG", stored: { width: 4032, height: 3024 }, orientation: 6, upright: { width: 3024, height: 4032 }, white: "top" },
] as const;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fake: { stepDelayMs: 1 }, config: { bodyLimitMb: 32 } });
});
afterAll(() => stack.close());

describe.each(CASES)("$name", ({ stored, orientation, upright, white }) => {
  const render = fitToModel(upright);
  let jpeg: Uint8Array;
  beforeAll(async () => {
    jpeg = await halves(stored, orientation);
  });

  /** The depth map is the grayscale input (white stays white); a txt2img sample is its negative. */
  async function expectUpright(depth: Uint8Array | undefined, sample: Uint8Array): Promise<void> {
    const black = white === "left" ? "right" : "bottom";
    if (depth) {
      const d = await sides(depth);
      expect({ width: d.width, height: d.height }).toEqual(render);
      expect(d[white]).toBeGreaterThan(200);
      expect(d[black]).toBeLessThan(55);
    }
    const s = await sides(sample);
    expect({ width: s.width, height: s.height }).toEqual(render);
    expect(s[white]).toBeLessThan(55);
    expect(s[black]).toBeGreaterThan(200);
  }

  test("comes back through the job API at a model-sized render, the right way up, with its size in the result", async () => {
    const settings = GenerationSettingsSchema.parse({ prompt: "a watercolour", steps: 20 });
    const submit = await fetch(`${stack.gateway.url}/v1/jobs`, {
      method: "POST",
      headers: authHeaders(),
      body: JSON.stringify({ image: { mimeType: "image/jpeg", base64: toBase64(jpeg) }, settings, wantDepth: true }),
    });
    expect(submit.status).toBe(202);
    const { id } = (await submit.json()) as { id: string };
    await stack.gateway.app.jobs.get(id).settled;
    const res = await fetch(`${stack.gateway.url}/v1/jobs/${id}/result`, { headers: authHeaders() });
    const result = JobResultSchema.parse(await res.json());
    expect({ width: result.width, height: result.height }).toEqual(render);
    expect(render.width % 64 + (render.height % 64)).toBe(0);
    expect(render.width * render.height).toBeLessThanOrEqual(1024 * 1024);
    await expectUpright(Buffer.from(result.depthMap!.base64, "base64"), Buffer.from(result.images[0]!.base64, "base64"));
    // What ComfyUI received: upright already, at the render size, no EXIF left for LoadImage to apply again.
    const uploaded = await sharp(stack.fakes[0]!.uploads.at(-1)!.bytes).metadata();
    expect({ width: uploaded.width, height: uploaded.height, orientation: uploaded.orientation }).toEqual({ ...render, orientation: undefined });
  });

  test("comes back through the Segmind-compatible route at a model-sized render, the right way up, with its size in headers", async () => {
    const res = await fetch(`${stack.gateway.url}/v1/ssd-depth`, {
      method: "POST",
      headers: { "x-api-key": stack.gateway.token, "content-type": "application/json" },
      body: JSON.stringify({ image: toBase64(jpeg), prompt: "a watercolour", num_inference_steps: 20, seed: 9715432854 }),
    });
    expect(res.status).toBe(200);
    expect([Number(res.headers.get("x-image-width")), Number(res.headers.get("x-image-height"))]).toEqual([render.width, render.height]);
    await expectUpright(undefined, new Uint8Array(await res.arrayBuffer()));
  });
});
