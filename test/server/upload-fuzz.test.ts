import fc from "fast-check";
import { GatewayErrorBodySchema, JobAcceptedSchema } from "../../src/shared/gateway-api";
import { createEngineDouble } from "./helpers/engine-double";
import { startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage } from "./helpers/images";
import { BOUNDARY, multipartBody, type Part } from "./helpers/multipart";

/**
 * The binary upload route under fast-check, over real HTTP: valid forms with one thing broken
 * (the job JSON, the image bytes cut or flipped, part names, headers, boundaries, raw garbage).
 * Every answer must be a typed 4xx, or a 202 when the form is still valid; never a 5xx or a crash.
 */
let gw: TestGateway;
let png: Uint8Array;
let jpeg: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 16, 16);
  jpeg = await solidImage("jpeg", 24, 16);
  gw = await startTestGateway(
    { engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] }, { steps: 1, stepMs: 0 })] },
    { queueLimit: 10_000, bodyLimitMb: 1 },
  );
});
afterAll(() => gw.close());

const validJob = { settings: { prompt: "fuzz", steps: 25, seed: 3 }, wantDepth: false };

/** Mostly valid choices, so that one broken thing at a time is what the property explores. */
const usually = <T>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: broken, weight: 1 });

const image = usually(
  fc.constantFrom("png", "jpeg").chain((kind) => {
    const bytes = () => (kind === "png" ? png : jpeg);
    return fc.oneof(
      { arbitrary: fc.constant(bytes), weight: 3 },
      fc.nat().map((n) => () => bytes().subarray(0, n % bytes().length)),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => () => {
        const copy = new Uint8Array(bytes());
        copy[at % copy.length]! ^= xor;
        return copy;
      }),
    );
  }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => () => bytes),
);

const jobValue = usually(
  fc.constant(JSON.stringify(validJob)),
  fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ settings: fc.record({ prompt: fc.string(), steps: fc.oneof(fc.integer(), fc.double(), fc.string()), seed: fc.oneof(fc.integer(), fc.constant("random")), advanced: fc.dictionary(fc.string({ maxLength: 80 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.object())) }, { requiredKeys: [] }), wantDepth: fc.anything(), engine: fc.string() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  ),
);

const partName = (valid: string) => usually(fc.constant(valid), fc.string({ maxLength: 20 }).filter((s) => !/["\r\n]/.test(s)));

const form = fc.record({
  jobName: partName("job"),
  job: jobValue,
  jobType: fc.constantFrom(undefined, "application/json", "text/plain"),
  imageName: partName("image"),
  image,
  imageType: fc.constantFrom("image/png", "image/jpeg", "application/octet-stream", undefined),
  order: usually(fc.constantFrom("job-first", "image-first"), fc.constantFrom("image-only", "job-only", "twice")),
  cut: fc.option(fc.nat(), { nil: undefined, freq: 6 }),
  contentType: usually(fc.constant(`multipart/form-data; boundary=${BOUNDARY}`), fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=other", `multipart/mixed; boundary=${BOUNDARY}`)),
  garbage: fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined, freq: 10 }),
});

type Form = typeof form extends fc.Arbitrary<infer T> ? T : never;

function bodyOf(f: Form): Buffer {
  if (f.garbage) return Buffer.from(f.garbage);
  const job: Part = { name: f.jobName, value: f.job, ...(f.jobType ? { contentType: f.jobType } : {}) };
  const file: Part = { name: f.imageName, value: f.image(), filename: "input", ...(f.imageType ? { contentType: f.imageType } : {}) };
  const parts = { "job-first": [job, file], "image-first": [file, job], "image-only": [file], "job-only": [job], twice: [job, file, file] }[f.order];
  const body = multipartBody(parts);
  return f.cut === undefined ? body : body.subarray(0, f.cut % body.length);
}

test("1000 fuzzed uploads: every answer is a typed 4xx or a 202, never a 5xx, and the gateway stays up", async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(form, async (f) => {
      const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": f.contentType }, body: bodyOf(f) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const json: unknown = await res.json();
      if (res.status === 202) return JobAcceptedSchema.safeParse(json).success;
      return res.status >= 400 && res.status < 500 && GatewayErrorBodySchema.safeParse(json).success;
    }),
    {
      numRuns: 1000,
      // One untouched form among the generated ones, so the run always sees the accepted outcome
      // too (a generated form is fully valid only a few times in a thousand).
      examples: [[{ jobName: "job", job: JSON.stringify(validJob), jobType: undefined, imageName: "image", image: () => png, imageType: "image/png", order: "job-first", cut: undefined, contentType: `multipart/form-data; boundary=${BOUNDARY}`, garbage: undefined }]],
    },
  );
  expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  // The run covered both outcomes, and several kinds of refusal.
  expect(statuses.get(202)).toBeGreaterThan(0);
  expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(2);
}, 120_000);
