import { createGatewayBackend } from "../../../src/core/backends/gateway";
import { summarizeEngines } from "../../../src/core/backends/gateway";
import type { GenerateProgress } from "../../../src/core/backends/types";
import {
  AuthError,
  BackendUnavailableError,
  BadResponseError,
  CancelledError,
  ModelMissingError,
  NetworkError,
  QueueFullError,
  ServerError,
  ValidationError,
} from "../../../src/core/errors";
import { GenerationSettingsSchema, type ResolvedSettings } from "../../../src/shared/settings";
import { createEngineDouble, type EngineDouble } from "../../server/helpers/engine-double";
import { startTestGateway, TEST_TOKEN, type TestGateway } from "../../server/helpers/gateway";
import { solidImage } from "../../server/helpers/images";

const settings: ResolvedSettings = { ...GenerationSettingsSchema.parse({ prompt: "pastel sketch" }), seed: 99 };
let png: Uint8Array;
let jpeg: Uint8Array;
let engine: EngineDouble;
let gw: TestGateway;
beforeAll(async () => {
  png = await solidImage("png", 32, 32, [10, 20, 30]);
  jpeg = await solidImage("jpeg", 32, 32, [200, 10, 10]);
});
beforeEach(async () => {
  engine = createEngineDouble("w1", { images: [{ bytes: jpeg, mimeType: "image/jpeg" }], depthMap: { bytes: png, mimeType: "image/png" } }, { steps: 5 });
  gw = await startTestGateway({ engines: [engine] }, { queueLimit: 1 });
});
afterEach(() => gw.close());

const input = (wantDepth = false) => ({ image: png, mimeType: "image/png" as const, settings, wantDepth });
const client = (extra: Partial<Parameters<typeof createGatewayBackend>[0]> = {}) => createGatewayBackend({ baseUrl: `${gw.url}/`, token: gw.token, ...extra });
const outcome = (p: Promise<unknown>) => p.then(() => undefined, (error: unknown) => error);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error("condition never became true");
};

test("maps the job's events to progress and returns the decoded images, depth map and seed", async () => {
  const progress: GenerateProgress[] = [];
  const result = await client().generate(input(true), { onProgress: (p) => progress.push(p) });
  expect(Buffer.from(result.images[0]!.bytes).equals(Buffer.from(jpeg))).toBe(true);
  expect(result.images[0]!.mimeType).toBe("image/jpeg");
  expect(Buffer.from(result.depthMap!.bytes).equals(Buffer.from(png))).toBe(true);
  expect(result.seed).toBe(99);
  expect(progress[0]).toEqual({ stage: "uploading" });
  expect(progress).toContainEqual({ stage: "queued", position: 0 });
  expect(progress).toContainEqual({ stage: "running" });
  expect(progress).toContainEqual({ stage: "running", step: 5, maxSteps: 5 });
  expect(progress).toContainEqual({ stage: "depth_ready" });
  expect(progress.at(-1)).toEqual({ stage: "downloading" });
  expect(engine.runs[0]!.settings).toEqual(settings);
});

test("aborting cancels the job on the gateway (DELETE) and rejects with CancelledError", async () => {
  engine.hold();
  const controller = new AbortController();
  const running = client().generate(input(), { signal: controller.signal });
  await until(() => engine.runs.length === 1);
  controller.abort();
  expect(await outcome(running)).toBeInstanceOf(CancelledError);
  await until(() => engine.cancelled.length === 1);
  const job = gw.app.jobs.get(engine.runs[0]!.id);
  expect(job.error?.code).toBe("cancelled");
});

test("a wrong token → AuthError, and the token is not in the message", async () => {
  const error = await outcome(client({ token: "not-the-right-token-42" }).generate(input()));
  expect(error).toBeInstanceOf(AuthError);
  expect((error as Error).message).not.toContain("not-the-right-token-42");
  expect((error as Error).message).not.toContain(TEST_TOKEN);
});

test("a full queue → QueueFullError carrying the gateway's Retry-After", async () => {
  engine.hold();
  const c = client();
  const accepted: Promise<unknown>[] = [];
  let error: unknown;
  for (let i = 0; i < 10 && error === undefined; i++) {
    const attempt = c.generate(input());
    error = await Promise.race([outcome(attempt), new Promise((r) => setTimeout(r, 200)).then(() => undefined)]);
    if (error === undefined) accepted.push(attempt);
  }
  expect(error).toBeInstanceOf(QueueFullError);
  expect((error as QueueFullError).retryAfterMs).toBeGreaterThanOrEqual(1000);
  expect(gw.app.jobs.scheduler.stats().waiting).toBe(1);
  engine.release();
  await Promise.all(accepted);
});

test("bad input comes back as the gateway's ValidationError naming the field", async () => {
  const error = await outcome(client().generate({ ...input(), image: new TextEncoder().encode("plain text") }));
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(/^image: /);
});

test("a failed job surfaces the engine's typed error", async () => {
  engine.failWith = new ServerError("ComfyUI ran out of VRAM: lower the size", 500);
  const error = await outcome(client().generate(input()));
  expect(error).toBeInstanceOf(ServerError);
  expect((error as Error).message).toBe("ComfyUI ran out of VRAM: lower the size");
});

test("a dropped progress stream is followed again and the job still completes", async () => {
  engine.hold();
  let eventCalls = 0;
  const cutting: typeof fetch = async (url, init) => {
    const response = await fetch(url, init);
    if (!String(url).endsWith("/events") || ++eventCalls > 1) return response;
    const reader = response.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return new Response(new ReadableStream({ start: (c) => (c.enqueue(first.value), c.close()) }), { status: 200, headers: response.headers });
  };
  const running = client({ fetch: cutting }).generate(input());
  await until(() => eventCalls >= 2);
  engine.release();
  expect((await running).images).toHaveLength(1);
});

test("a stream that keeps dropping ends as NetworkError after the reconnect budget", async () => {
  engine.hold();
  let eventCalls = 0;
  const empty: typeof fetch = async (url, init) => {
    if (!String(url).endsWith("/events")) return fetch(url, init);
    eventCalls++;
    return new Response("", { status: 200, headers: { "content-type": "text/event-stream" } });
  };
  const error = await outcome(client({ fetch: empty, maxReconnects: 2 }).generate(input()));
  expect(error).toBeInstanceOf(NetworkError);
  expect(eventCalls).toBe(3);
  engine.release();
});

test("a gateway that is not running → BackendUnavailableError telling how to start it", async () => {
  const url = gw.url;
  await gw.close();
  const error = await outcome(createGatewayBackend({ baseUrl: url, token: TEST_TOKEN }).generate(input()));
  expect(error).toBeInstanceOf(BackendUnavailableError);
  expect((error as Error).message).toMatch(/npx depth-restyle serve/);
  gw = await startTestGateway({ engines: [engine] });
});

test("a server that is not a gateway → BadResponseError", async () => {
  const html: typeof fetch = async () => new Response("<html>Not Found</html>", { status: 404, headers: { "content-type": "text/html" } });
  const error = await outcome(client({ fetch: html }).testConnection());
  expect(error).toBeInstanceOf(BadResponseError);
});

test("testConnection summarises the workers", async () => {
  expect(await client().testConnection()).toEqual({ ok: true, summary: "Gateway: 1 ComfyUI worker ready." });
});

describe("summarizeEngines", () => {
  const ready = { id: "a", kind: "comfyui" as const, url: "http://127.0.0.1:8188", reachable: true, missingNodes: [], missingModels: [] };
  test("counts ready workers and names the broken ones", () => {
    expect(summarizeEngines([ready, { ...ready, id: "b", url: "http://127.0.0.1:8189" }])).toBe("Gateway: 2 ComfyUI workers ready.");
    expect(summarizeEngines([ready, { ...ready, url: "http://10.0.0.2:8188", reachable: false, problem: "ECONNREFUSED" }])).toBe(
      "Gateway: 1 ComfyUI worker ready; not usable: http://10.0.0.2:8188: ECONNREFUSED.",
    );
  });
  test("no usable worker: ModelMissingError naming each missing file, or BackendUnavailableError", () => {
    expect(() => summarizeEngines([{ ...ready, missingModels: ["SSD-1B.safetensors"], missingNodes: ["DepthAnythingV2Preprocessor"] }])).toThrow(ModelMissingError);
    expect(() => summarizeEngines([{ ...ready, missingModels: ["SSD-1B.safetensors"] }])).toThrow(/missing SSD-1B\.safetensors/);
    expect(() => summarizeEngines([{ ...ready, reachable: false, problem: "Start ComfyUI" }])).toThrow(BackendUnavailableError);
    expect(() => summarizeEngines([])).toThrow(/--comfy/);
  });
  test("mentions the Segmind passthrough", () => {
    expect(summarizeEngines([ready, { id: "segmind", kind: "segmind", reachable: true, missingNodes: [], missingModels: [] }])).toBe(
      "Gateway: 1 ComfyUI worker ready; Segmind passthrough ready.",
    );
  });
});

test("the gateway's heartbeat keeps a quiet stream alive past the client's idle limit (no reconnect)", async () => {
  const quiet = await startTestGateway({ engines: [engine], heartbeatMs: 50 });
  try {
    engine.hold();
    let eventCalls = 0;
    const counting: typeof fetch = (url, init) => {
      if (String(url).endsWith("/events")) eventCalls++;
      return fetch(url, init);
    };
    const running = createGatewayBackend({ baseUrl: quiet.url, token: quiet.token, fetch: counting, idleMs: 250 }).generate(input());
    await until(() => engine.runs.length === 1);
    await new Promise((r) => setTimeout(r, 800));
    engine.release();
    expect((await running).images).toHaveLength(1);
    expect(eventCalls).toBe(1);
  } finally {
    await quiet.close();
  }
});
