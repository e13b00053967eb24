import fc from "fast-check";
import { z } from "zod";
import { GatewayErrorBodySchema, JobAcceptedSchema } from "../../src/shared/gateway-api";
import { createEngineDouble } from "./helpers/engine-double";
import { startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage, toBase64 } from "./helpers/images";

/**
 * Request bodies from fast-check, sent over real HTTP: arbitrary JSON, valid bodies with one field replaced or removed,
 * broken JSON text and odd content types. Every answer must be a typed 4xx (or the success it
 * deserves); a 5xx or a crash fails the property.
 */
let gw: TestGateway;
let imageB64: string;
beforeAll(async () => {
  const png = await solidImage("png", 16, 16);
  imageB64 = toBase64(png);
  gw = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] }, { steps: 1, stepMs: 0 })] }, { queueLimit: 64 });
});
afterAll(() => gw.close());

const validJob = () => ({ image: { mimeType: "image/png", base64: imageB64 }, settings: { prompt: "fuzz", steps: 25, seed: 3, scheduler: "DDIM" }, wantDepth: true });
const validSegmind = () => ({ image: imageB64, prompt: "fuzz", num_inference_steps: 20, seed: 1, scheduler: "UniPC", base64: true });

/** Replaces (or deletes, when the value is undefined) the value at a path of `base`. */
function mutate(base: Record<string, unknown>, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const jobPaths = fc.constantFrom(["image"], ["image", "mimeType"], ["image", "base64"], ["settings"], ["settings", "prompt"], ["settings", "steps"], ["settings", "seed"], ["settings", "scheduler"], ["settings", "samples"], ["settings", "advanced"], ["settings", "depthLayer", "opacity"], ["wantDepth"], ["engine"], ["extra"]);
const segmindPaths = fc.constantFrom(["image"], ["prompt"], ["samples"], ["scheduler"], ["num_inference_steps"], ["guidance_scale"], ["controlnet_scale"], ["strength"], ["seed"], ["base64"], ["Weird Key"], ["__proto__"]);
const oddValue = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constantFrom("", "random", -1, 1e309, 2 ** 32, "data:image/png;base64,", "iVBORw0KGgo=", "https://x/y.png"));

type Case = { body: string; contentType: string };
const bodies = (valid: () => Record<string, unknown>, paths: fc.Arbitrary<readonly string[]>): fc.Arbitrary<Case> =>
  fc.oneof(
    fc.record({ body: fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"), contentType: fc.constant("application/json") }),
    fc.record({ body: fc.tuple(paths, oddValue).map(([p, v]) => JSON.stringify(mutate(valid(), p, v))), contentType: fc.constant("application/json") }),
    fc.record({ body: fc.string({ maxLength: 200 }), contentType: fc.constant("application/json") }),
    fc.record({ body: fc.jsonValue().map((v) => JSON.stringify(v) ?? ""), contentType: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "image/png", "application/json; charset=latin1", "") }),
  );

/** Over real HTTP on 127.0.0.1 (fastify's inject needs a CommonJS-only path that ESM jest cannot load). */
async function send(path: string, headers: Record<string, string>, body: string): Promise<{ statusCode: number; json(): unknown }> {
  const res = await fetch(`${gw.url}${path}`, { method: "POST", headers, body });
  const text = await res.text();
  return { statusCode: res.status, json: () => JSON.parse(text) as unknown };
}

const ALLOWED = new Set([200, 202, 400, 404, 406, 413, 415, 422, 429]);

test("POST /v1/jobs: 1000 fuzzed bodies, every answer a typed 4xx or 202, never 5xx", async () => {
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies(validJob, jobPaths), async ({ body, contentType }) => {
      const headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}` };
      if (contentType) headers["content-type"] = contentType;
      const res = await send("/v1/jobs", headers, body);
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      expect(ALLOWED.has(res.statusCode)).toBe(true);
      const json: unknown = res.json();
      if (res.statusCode === 202) expect(JobAcceptedSchema.safeParse(json).success).toBe(true);
      else expect(GatewayErrorBodySchema.safeParse(json).success).toBe(true);
    }),
    { numRuns: 1000 },
  );
  // The generator really reaches both sides of the boundary.
  expect(seen.get(400)).toBeGreaterThan(100);
  expect(seen.get(202)).toBeGreaterThan(10);
}, 180_000);

test("POST /v1/ssd-depth: 1000 fuzzed bodies, every answer Segmind-shaped 4xx or 200, never 5xx", async () => {
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies(validSegmind, segmindPaths), async ({ body, contentType }) => {
      const headers: Record<string, string> = { "x-api-key": TEST_TOKEN };
      if (contentType) headers["content-type"] = contentType;
      const res = await send("/v1/ssd-depth", headers, body);
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      expect(ALLOWED.has(res.statusCode)).toBe(true);
      if (res.statusCode >= 400) expect(z.object({ error: z.string().min(1) }).safeParse(res.json()).success).toBe(true);
    }),
    { numRuns: 1000 },
  );
  expect(seen.get(422)).toBeGreaterThan(100);
  expect(seen.get(200)).toBeGreaterThan(10);
}, 180_000);
