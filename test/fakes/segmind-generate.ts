/** The fake Segmind's POST /v1/ssd-depth: contract checks, then an answer derived from the input image. */
import type { IncomingMessage, ServerResponse } from "node:http";
import sharp from "sharp";
import { SegmindBodySchema, type SegmindBody } from "../../src/shared/segmind-body";
import { describeIssues } from "../../src/shared/settings";
import type { FakeStep } from "./segmind-script";
import type { RecordedRequest } from "./segmind-server";

export interface GenerateContext {
  balance: number;
  costPerImage: number;
  delayMs: number;
  rateLimitPerMinute: number | undefined;
  now: () => number;
  window: { start: number; count: number };
  timers: Set<NodeJS.Timeout>;
}

/** Plain base64: searched for one bad character, since a whole-string pattern overflows V8's stack on large images. */
const isStrictBase64 = (text: string): boolean => {
  const body = text.replace(/={1,2}$/, "");
  return body.length > 0 && !/[^A-Za-z0-9+/]/.test(body);
};

/**
 * Output images a sweep can be judged by: the "restyle" is the input negated (sample i > 0 also
 * hue-rotated), blurred as `controlnet_scale` drops (less of the layer's shapes held), then blended
 * over the input in proportion to `strength` (Segmind's default 1: all restyle). JPEG of the input's size.
 */
async function derive(input: Buffer, body: SegmindBody): Promise<Buffer[]> {
  const strength = body.strength ?? 1;
  const sigma = (1 - body.controlnet_scale) * 12;
  const original = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return Promise.all(
    Array.from({ length: body.samples }, async (_, i) => {
      let restyle = sharp(input).removeAlpha().negate();
      if (i > 0) restyle = restyle.modulate({ hue: (i * 90) % 360 });
      if (sigma >= 0.3) restyle = restyle.blur(sigma);
      const styled = await restyle.raw().toBuffer();
      const out = Buffer.alloc(styled.length);
      for (let k = 0; k < out.length; k++) out[k] = Math.round(original.data[k]! * (1 - strength) + styled[k]! * strength);
      return sharp(out, { raw: original.info }).jpeg({ quality: 85 }).toBuffer();
    }),
  );
}

async function decodeImage(body: SegmindBody): Promise<Buffer | string> {
  if (!isStrictBase64(body.image)) return "image must be base64 without a data: prefix (or an https URL, which this fake does not fetch)";
  const bytes = Buffer.from(body.image, "base64");
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== "jpeg" && meta.format !== "png") return `image must be a JPEG or PNG, got ${meta.format}`;
    return bytes;
  } catch {
    return "image could not be decoded as a JPEG or PNG";
  }
}

export async function handleGenerate(
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  step: FakeStep,
  key: string,
  ctx: GenerateContext,
): Promise<void> {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
  if (step.kind === "hang") return;
  if (step.kind === "destroy") return void req.socket.destroy();
  if (step.kind === "error") {
    if (step.html) return void res.writeHead(step.status, { ...step.headers, "content-type": "text/html" }).end(`<html><body><h1>${step.error}</h1></body></html>`);
    return json(step.status, { error: step.error }, step.headers);
  }
  if (req.headers["x-api-key"] !== key) return json(401, { error: "Invalid API key" });
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
    return json(406, { error: "Unsupported content type, expected application/json" });
  if (ctx.rateLimitPerMinute !== undefined) {
    const start = Math.floor(ctx.now() / 60_000) * 60_000;
    if (start !== ctx.window.start) ctx.window = { start, count: 0 };
    if (++ctx.window.count > ctx.rateLimitPerMinute)
      return json(429, { error: "Rate limit exceeded" }, { "x-rate-limit-reset-at-utc": new Date(start + 60_000).toISOString() });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(record.rawBody);
  } catch {
    return json(422, { error: "body is not valid JSON" });
  }
  const parsed = SegmindBodySchema.safeParse(raw);
  if (!parsed.success) return json(422, { error: describeIssues(parsed.error) });
  record.body = parsed.data;
  const input = await decodeImage(parsed.data);
  if (typeof input === "string") return json(422, { error: input });
  const cost = ctx.costPerImage * parsed.data.samples;
  if (ctx.balance < cost) return json(406, { error: "Not enough credits" });
  if (ctx.delayMs > 0) await new Promise<void>((resolve) => {
    const timer = setTimeout(() => (ctx.timers.delete(timer), resolve()), ctx.delayMs);
    ctx.timers.add(timer);
  });
  if (res.destroyed) return;
  const images = await derive(input, parsed.data);
  const cut = step.kind === "truncated_sample" ? images[step.index] : undefined;
  if (cut && step.kind === "truncated_sample") images[step.index] = cut.subarray(0, Math.floor(cut.length / 2));
  ctx.balance = Number((ctx.balance - cost).toFixed(6));
  const credits = { "x-credits-consumed": String(cost), "x-remaining-credits": String(ctx.balance) };
  const field = step.kind === "json_field" ? step.field : parsed.data.base64 ? (images.length > 1 ? "images" : "image") : undefined;
  if (field === undefined) return void res.writeHead(200, { ...credits, "content-type": "image/jpeg" }).end(images[0]);
  const encoded = images.map((b) => b.toString("base64"));
  json(200, { [field]: field === "images" ? encoded : field === "output" && encoded.length > 1 ? encoded : encoded[0] }, credits);
}
