/**
 * A faithful stand-in for Segmind's SSD-1B Depth endpoint, over real HTTP on 127.0.0.1.
 *
 *   const fake = await startFakeSegmind({ credits: 1 });
 *   createSegmindBackend({ apiKey: fake.key, baseUrl: fake.url });
 *   fake.script(FAKE_ERRORS.credits, { kind: "ok" });   // next two generate requests
 *   fake.requests                                         // every request: headers + parsed body
 *   await fake.close();
 *
 * It checks a request exactly as docs/segmind-api.md says: POST /v1/ssd-depth, `x-api-key`
 * (401), `Content-Type: application/json` (406), the body against SegmindBodySchema (422) and
 * that the base64 image decodes to a real JPEG/PNG (422). It answers a JPEG of the input's size
 * derived from it (a negated "restyle", blurred as controlnet_scale drops, blended over the input
 * by strength; sample i > 0 also hue-rotated) as raw bytes, or JSON `{ image }` /
 * `{ images }` when `base64` is true, charging `costPerImage` per image from a balance reported
 * in `x-remaining-credits` / `x-credits-consumed` (406 "Not enough credits" when it runs out).
 * Also: GET /v1/get-user-credits, an optional per-minute rate limit (429 with
 * `x-rate-limit-reset-at-utc`), a delay, and CORS for browser tests (preflight → 204).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeStep } from "./segmind-script";
import { handleGenerate, type GenerateContext } from "./segmind-generate";
import type { SegmindBody } from "../../src/shared/segmind-body";

export { FAKE_ERRORS, rateLimitStep, type FakeStep } from "./segmind-script";

export interface FakeSegmindOptions {
  /** The only key accepted. */
  key?: string;
  /** Starting balance. */
  credits?: number;
  costPerImage?: number;
  /** Generate requests allowed per clock minute; unlimited when unset. */
  rateLimitPerMinute?: number;
  /** Wait before answering a valid request, like the ~10 s of the real model. */
  delayMs?: number;
  /** Clock for rate-limit windows. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The body as SegmindBodySchema parsed it, when it was valid. */
  body?: SegmindBody;
  /** Date.now() when the whole body had arrived, and when the answer was fully sent (the server's own time is the difference). */
  receivedAt?: number;
  answeredAt?: number;
}

export interface FakeSegmind {
  url: string;
  key: string;
  /** Every non-preflight request, in arrival order. */
  requests: RecordedRequest[];
  /** CORS preflights (OPTIONS), kept apart so request counts stay exact. */
  preflights: RecordedRequest[];
  /** Queue answers for the next generate requests. */
  script(...steps: FakeStep[]): void;
  credits(): number;
  close(): Promise<void>;
}

const EXPOSED = "x-remaining-credits, x-credits-consumed, x-rate-limit-reset-at-utc, retry-after";

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("vary", "origin");
  res.setHeader("access-control-expose-headers", EXPOSED);
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

export async function startFakeSegmind(options: FakeSegmindOptions = {}): Promise<FakeSegmind> {
  const key = options.key ?? "SG_0123456789abcdef";
  const steps: FakeStep[] = [];
  const requests: RecordedRequest[] = [];
  const preflights: RecordedRequest[] = [];
  const ctx: GenerateContext = {
    balance: options.credits ?? 10,
    costPerImage: options.costPerImage ?? 0.01,
    delayMs: options.delayMs ?? 0,
    rateLimitPerMinute: options.rateLimitPerMinute,
    now: options.now ?? Date.now,
    window: { start: 0, count: 0 },
    timers: new Set(),
  };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const record: RecordedRequest = { method: req.method ?? "", path, headers: { ...req.headers }, rawBody: await readBody(req), receivedAt: Date.now() };
    res.on("finish", () => (record.answeredAt = Date.now()));
    cors(req, res);
    if (req.method === "OPTIONS") {
      preflights.push(record);
      res.setHeader("access-control-allow-methods", "POST, GET, OPTIONS");
      res.setHeader("access-control-allow-headers", "x-api-key, content-type, accept");
      res.setHeader("access-control-max-age", "600");
      if (req.headers["access-control-request-private-network"]) res.setHeader("access-control-allow-private-network", "true");
      res.writeHead(204).end();
      return;
    }
    requests.push(record);
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (path === "/v1/get-user-credits" && req.method === "GET") {
      if (req.headers["x-api-key"] !== key) return json(401, { error: "Invalid API key" });
      return json(200, { credits: Number(ctx.balance.toFixed(6)), "free-credits": 0 });
    }
    if (path !== "/v1/ssd-depth") return json(404, { error: "Not Found" });
    if (req.method !== "POST") return res.writeHead(405, { "content-type": "text/html" }).end("<html><body><h1>405 Method Not Allowed</h1></body></html>");
    await handleGenerate(req, res, record, steps.shift() ?? { kind: "ok" }, key, ctx).catch((error: unknown) => {
      if (!res.headersSent) json(500, { error: `fake Segmind failed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    key,
    requests,
    preflights,
    script: (...more) => void steps.push(...more),
    credits: () => ctx.balance,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of ctx.timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
