import { createParser } from "eventsource-parser";
import { JobEventSchema, JobResultSchema, type JobEvent } from "../../src/shared/gateway-api";
import { createEngineDouble, type EngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, type TestGateway } from "./helpers/gateway";
import { solidImage, toBase64 } from "./helpers/images";

let gw: TestGateway;
let engine: EngineDouble;
let png: Uint8Array;
let now = 1_000_000;
beforeAll(async () => {
  png = await solidImage("png", 24, 24);
});
beforeEach(async () => {
  engine = createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }], depthMap: { bytes: png, mimeType: "image/png" } }, { steps: 4 });
  let id = 0;
  gw = await startTestGateway({ engines: [engine], now: () => now, newId: () => `job-${++id}`, random: () => 0.5 }, { resultTtlSec: 60 });
});
afterEach(() => gw.close());

const submit = async (settings: Record<string, unknown> = {}) => {
  const res = await fetch(`${gw.url}/v1/jobs`, {
    method: "POST",
    headers: authHeaders(),
    body: JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(png) }, settings: { prompt: "p", ...settings }, wantDepth: true }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { id: string; position: number };
};

/** Reads a whole SSE answer into JobEvents, checking each against the schema and its `event:` name. */
async function events(id: string): Promise<JobEvent[]> {
  const res = await fetch(`${gw.url}/v1/jobs/${id}/events`, { headers: { ...authHeaders(), accept: "text/event-stream" } });
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const out: JobEvent[] = [];
  const parser = createParser({
    onEvent: (message) => {
      const event = JobEventSchema.parse(JSON.parse(message.data));
      expect(message.event).toBe(event.type);
      out.push(event);
    },
  });
  parser.feed(await res.text());
  return out;
}

test("ids and seeds come from the injected generators; a random seed is resolved once and reported", async () => {
  const { id, position } = await submit({ seed: "random" });
  expect([id, position]).toEqual(["job-1", 0]);
  const all = await events(id);
  expect(all.at(-1)).toEqual({ type: "done", seed: 2 ** 52, images: 1 });
  const result = JobResultSchema.parse(await (await fetch(`${gw.url}/v1/jobs/${id}/result`, { headers: authHeaders() })).json());
  expect(result.seed).toBe(2 ** 52);
  expect(engine.runs[0]!.settings.seed).toBe(2 ** 52);
  expect(result.depthMap?.mimeType).toBe("image/png");
});

test("several subscribers get the same events in the same order; a late one gets the state replayed", async () => {
  engine.hold();
  const { id } = await submit();
  const early = [events(id), events(id)];
  const job = gw.app.jobs.get(id);
  for (let i = 0; i < 400 && job.subscriberCount < 2; i++) await new Promise((r) => setTimeout(r, 5));
  expect(job.subscriberCount).toBe(2);
  engine.release();
  const [a = [], b = []] = await Promise.all(early);
  expect(a).toEqual(b);
  expect(a.map((e) => e.type)).toEqual(["queued", "started", "progress", "progress", "progress", "progress", "depth", "done"]);
  const late = await events(id);
  expect(late).toEqual([{ type: "queued", position: 0 }, { type: "started", engine: "w1" }, { type: "progress", step: 4, max: 4 }, { type: "depth" }, a.at(-1)]);
});

test("a waiting job's subscribers see its position go down as the queue moves", async () => {
  engine.hold();
  await submit();
  await submit();
  const third = await submit();
  expect(third.position).toBe(1);
  const stream = events(third.id);
  const job = gw.app.jobs.get(third.id);
  for (let i = 0; i < 400 && job.subscriberCount < 1; i++) await new Promise((r) => setTimeout(r, 5));
  engine.release();
  const seen = await stream;
  expect(seen.filter((e) => e.type === "queued").map((e) => (e as { position: number }).position)).toEqual([1, 0]);
  expect(seen.at(-1)?.type).toBe("done");
});

test("cancel: idempotent for a cancelled job, 409 for a finished one, 404 for an unknown one", async () => {
  engine.hold();
  const { id } = await submit();
  const cancel = () => fetch(`${gw.url}/v1/jobs/${id}`, { method: "DELETE", headers: authHeaders() });
  expect(await (await cancel()).json()).toEqual({ id, state: "cancelled" });
  expect((await cancel()).status).toBe(200);
  const seen = await events(id);
  expect(seen.at(-1)).toEqual({ type: "error", error: { code: "cancelled", message: "Cancelled by the user." } });
  const result = await fetch(`${gw.url}/v1/jobs/${id}/result`, { headers: authHeaders() });
  expect(result.status).toBe(409);
  engine.release();
  const done = await submit();
  await events(done.id);
  const late = await fetch(`${gw.url}/v1/jobs/${done.id}`, { method: "DELETE", headers: authHeaders() });
  expect(late.status).toBe(409);
  expect(((await late.json()) as { error: { message: string } }).error.message).toMatch(/already finished/);
  expect((await fetch(`${gw.url}/v1/jobs/nope`, { method: "DELETE", headers: authHeaders() })).status).toBe(404);
});

test("asking for the result too early is a 409 that says to wait for done", async () => {
  engine.hold();
  const { id } = await submit();
  const res = await fetch(`${gw.url}/v1/jobs/${id}/result`, { headers: authHeaders() });
  expect(res.status).toBe(409);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Wait for its "done" event/);
  engine.release();
  await events(id);
});

test("a result expires after --result-ttl (injected clock)", async () => {
  const { id } = await submit();
  await events(id);
  const result = () => fetch(`${gw.url}/v1/jobs/${id}/result`, { headers: authHeaders() });
  now += 59_000;
  expect((await result()).status).toBe(200);
  now += 1_000;
  const gone = await result();
  expect(gone.status).toBe(404);
  expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/expired 60 s after it finished/);
});

test("OpenAPI at /docs/json describes every route with the zod-derived schemas", async () => {
  const doc = (await (await fetch(`${gw.url}/docs/json`, { headers: authHeaders() })).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
    components: { securitySchemes: Record<string, unknown> };
  };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths).sort()).toEqual(["/health", "/v1/engines", "/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/events", "/v1/jobs/{id}/result", "/v1/ssd-depth"]);
  const jobBody = doc.paths["/v1/jobs"]!.post!.requestBody!.content["application/json"]!.schema;
  expect(Object.keys(jobBody.properties!)).toEqual(expect.arrayContaining(["image", "settings", "wantDepth", "engine"]));
  const segmindBody = doc.paths["/v1/ssd-depth"]!.post!.requestBody!.content["application/json"]!.schema;
  expect(Object.keys(segmindBody.properties!)).toEqual(expect.arrayContaining(["image", "prompt", "num_inference_steps", "controlnet_scale", "base64"]));
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "bearer"]);
});

test("events of an unknown job: typed 404 whatever the Accept header", async () => {
  for (const accept of ["text/event-stream", "application/json"]) {
    const res = await fetch(`${gw.url}/v1/jobs/nope/events`, { headers: { ...authHeaders(), accept } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation");
  }
});

test("a full queue → 429 with Retry-After (seconds) and the same wait in the typed body", async () => {
  engine.hold();
  const body = JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(png) }, settings: { prompt: "p" } });
  const post = () => fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body });
  const statuses: number[] = [];
  let refused: Response | undefined;
  for (let i = 0; i < 20 && !refused; i++) {
    const res = await post();
    statuses.push(res.status);
    if (res.status === 429) refused = res;
    else await res.arrayBuffer();
  }
  expect(statuses).toEqual([...Array(9).fill(202), 429]);
  const seconds = Number(refused!.headers.get("retry-after"));
  const { error } = (await refused!.json()) as { error: { code: string; retryAfterMs: number } };
  expect(error.code).toBe("queue_full");
  expect(seconds).toBe(Math.ceil(error.retryAfterMs / 1000));
  engine.release();
});
