/** The fake must refuse what real Segmind refuses, or the client tests would prove nothing. */
import sharp from "sharp";
import { startFakeSegmind, type FakeSegmind } from "./segmind-server";
import { gradientJpeg } from "../core/backends/segmind-helpers";

let fake: FakeSegmind;
beforeEach(async () => {
  fake = await startFakeSegmind({ credits: 1 });
});
afterEach(() => fake.close());

const validBody = async () => ({ image: Buffer.from(await gradientJpeg()).toString("base64"), prompt: "x" });
const post = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${fake.url}/v1/ssd-depth`, {
    method: "POST",
    signal,
    headers: { "x-api-key": fake.key, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("fake Segmind server", () => {
  it("answers a valid request with a JPEG and credit headers", async () => {
    const res = await post(await validBody());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-remaining-credits")).toBe("0.99");
    expect(res.headers.get("x-credits-consumed")).toBe("0.01");
  });

  it("honours strength and control scale visibly, so a strength sweep can be judged", async () => {
    // Hard edges (8 px checks), so losing shapes shows.
    const checks = Buffer.alloc(96 * 64 * 3, 0).map((_, i) => ((Math.floor((i / 3) % 96 / 8) + Math.floor(i / 3 / 96 / 8)) % 2 ? 220 : 30));
    const input = await sharp(checks, { raw: { width: 96, height: 64, channels: 3 } }).png().toBuffer();
    const pixels = async (buffer: Buffer | Uint8Array) => sharp(buffer).removeAlpha().raw().toBuffer();
    const original = await pixels(input);
    /** Mean absolute difference per channel value, 0–255. */
    const distance = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    const answer = async (fields: Record<string, number>) => {
      const res = await post({ image: Buffer.from(input).toString("base64"), prompt: "x", controlnet_scale: 1, ...fields });
      expect(res.status).toBe(200);
      return pixels(Buffer.from(await res.arrayBuffer()));
    };
    const negated = Buffer.from(original.map((v) => 255 - v));
    const light = await answer({ strength: 0.2 });
    const full = await answer({ strength: 1 });
    const byDefault = await answer({});
    expect(distance(light, original)).toBeLessThan(distance(light, negated));
    expect(distance(full, negated)).toBeLessThan(12);
    expect(distance(byDefault, full)).toBeLessThan(3);
    // Less control keeps less of the layer's shapes: the answer drifts from the sharp negative.
    expect(distance(await answer({ strength: 1, controlnet_scale: 0 }), negated)).toBeGreaterThan(distance(full, negated) + 5);
  });

  it("refuses a missing content type with 406", async () => {
    const res = await post(await validBody(), { "content-type": "text/plain" });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/content type/) });
  });

  it("refuses a wrong key with 401 JSON", async () => {
    const res = await post(await validBody(), { "x-api-key": "nope" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid API key" });
  });

  it.each([
    ["an out-of-range field", { num_inference_steps: 500 }, /num_inference_steps/],
    ["a data: prefix", { image: "data:image/jpeg;base64,AAAA" }, /without a data: prefix/],
    ["bytes that are no image", { image: Buffer.from("hello world").toString("base64") }, /JPEG or PNG/],
    ["a missing prompt", { prompt: undefined }, /prompt/],
  ])("refuses %s with 422", async (_name, patch, message) => {
    const res = await post({ ...(await validBody()), ...patch });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it("answers CORS preflights for browser callers and exposes the credit headers", async () => {
    const pre = await fetch(`${fake.url}/v1/ssd-depth`, {
      method: "OPTIONS",
      headers: { origin: "https://new.express.adobe.com", "access-control-request-method": "POST", "access-control-request-headers": "x-api-key, content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://new.express.adobe.com");
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/x-api-key/);
    const res = await post(await validBody(), { origin: "https://new.express.adobe.com" });
    expect(res.headers.get("access-control-expose-headers")).toMatch(/x-remaining-credits/);
    expect(fake.preflights).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("holds its answer for the configured delay (the caller times out first)", async () => {
    await fake.close();
    fake = await startFakeSegmind({ credits: 1, delayMs: 5_000 });
    const gaveUp = await post(await validBody(), {}, AbortSignal.timeout(200)).catch((e: unknown) => e);
    expect((gaveUp as Error).name).toBe("TimeoutError");
    expect(fake.requests).toHaveLength(1);
  });

  it("enforces an optional per-minute rate limit with Segmind's reset header", async () => {
    await fake.close();
    const now = Date.parse("2026-01-01T12:00:30Z");
    fake = await startFakeSegmind({ rateLimitPerMinute: 1, now: () => now });
    expect((await post(await validBody())).status).toBe(200);
    const limited = await post(await validBody());
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-rate-limit-reset-at-utc")).toBe("2026-01-01T12:01:00.000Z");
  });
});
