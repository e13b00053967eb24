import { prepareInputImage } from "../../src/server/jobs/input-image";
import { JobResultSchema } from "../../src/shared/gateway-api";
import { createEngineDouble, type EngineDouble } from "./helpers/engine-double";
import { startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { noiseImage, solidImage, toBase64 } from "./helpers/images";
import { BOUNDARY, multipartBody, uploadParts, type Part } from "./helpers/multipart";

let gw: TestGateway;
let engine: EngineDouble;
let png: Uint8Array;
let jpeg: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 48, 32);
  jpeg = await noiseImage("jpeg", 320, 240);
  engine = createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] }, { steps: 2 });
  gw = await startTestGateway({ engines: [engine] }, { bodyLimitMb: 1 });
});
afterAll(() => gw.close());

const upload = (parts: Part[] | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${gw.url}/v1/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body: Buffer.isBuffer(parts) ? parts : multipartBody(parts),
  });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const truncated = () => jpeg.subarray(0, Math.floor(jpeg.length * 0.6));

test("a multipart upload (job JSON + image file) is queued and runs with the uploaded image, prepared like every route's", async () => {
  const res = await upload(uploadParts({ settings: { prompt: "ink", seed: 5 }, wantDepth: false }, jpeg, "image/jpeg"));
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await gw.app.jobs.get(id).settled;
  const run = engine.runs.at(-1)!;
  expect(run.image.mimeType).toBe("image/jpeg");
  const prepared = await prepareInputImage({ bytes: jpeg, mimeType: "image/jpeg" }, "image");
  expect(Buffer.from(run.image.bytes).equals(Buffer.from(prepared.bytes))).toBe(true);
  expect(run.settings).toMatchObject({ prompt: "ink", seed: 5 });
  const result = JobResultSchema.parse(await (await fetch(`${gw.url}/v1/jobs/${id}/result`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json());
  expect(result.seed).toBe(5);
});

test("the parts may come in either order; the type is read from the bytes", async () => {
  const [job, image] = uploadParts({ settings: { prompt: "p" } }, png, "application/octet-stream");
  expect((await upload([image!, job!])).status).toBe(202);
});

test.each([
  ["no image part", [{ name: "job", value: JSON.stringify({ settings: { prompt: "p" } }) }], /file part "image" is missing/],
  ["no job field", [{ name: "image", value: new Uint8Array([1]), filename: "x" }], /field "job" is missing/],
  ["job that is not JSON", [{ name: "job", value: "{" }], /job: must be JSON/],
  ["bad settings", uploadParts({ settings: { prompt: "p", steps: 500 } }, new Uint8Array([0xff])), /job — settings\.steps: steps must be a whole number from 20 to 100/],
  ["an extra part", [...uploadParts({ settings: { prompt: "p" } }, new Uint8Array([0x89])), { name: "more", value: "x" }], /(Unexpected part "more"|parts limit|fields limit)/],
  ["a part of another name", [{ name: "picture", value: new Uint8Array([0x89]), filename: "x" }], /Unexpected part "picture"/],
  ["bytes that are not an image", uploadParts({ settings: { prompt: "p" } }, new TextEncoder().encode("hello")), /^image: .*not a JPEG, PNG or WebP/],
] as [string, Part[], RegExp][])("%s → 400 naming what to send", async (_name, parts, message) => {
  const res = await upload(parts);
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("validation");
  expect(error.message).toMatch(message);
});

test("an image over --body-limit-mb → 413 with the fix-it message", async () => {
  const big = new Uint8Array(1_200_000);
  big.set(png);
  const res = await upload(uploadParts({ settings: { prompt: "p" } }, big));
  expect(res.status).toBe(413);
  expect((await errorOf(res)).message).toMatch(/limit of 1 MB.*--body-limit-mb/);
});

test("a form cut off in the middle → 400, not a server error", async () => {
  const body = multipartBody(uploadParts({ settings: { prompt: "p" } }, jpeg, "image/jpeg"));
  const res = await upload(body.subarray(0, body.length - 500), { "content-length": String(body.length - 500) });
  expect(res.status).toBe(400);
  expect((await errorOf(res)).code).toBe("validation");
});

describe("a truncated JPEG is decoded before it is accepted, on every route", () => {
  test("binary upload → 400", async () => {
    const res = await upload(uploadParts({ settings: { prompt: "p" } }, truncated(), "image/jpeg"));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^image: the image cannot be decoded \(it is truncated or corrupt/);
  });

  test("JSON job API → 400", async () => {
    const res = await fetch(`${gw.url}/v1/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ image: { mimeType: "image/jpeg", base64: toBase64(truncated()) }, settings: { prompt: "p" } }),
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^image\.base64: the image cannot be decoded/);
  });

  test("Segmind-compatible route → 422 (Segmind's status for a bad field), never 500", async () => {
    const res = await fetch(`${gw.url}/v1/ssd-depth`, {
      method: "POST",
      headers: { "x-api-key": TEST_TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ image: toBase64(truncated()), prompt: "p" }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/^image: the image cannot be decoded/);
  });
});
