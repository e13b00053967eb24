import { PASS_THROUGH_LIMITS } from "../../src/shared/settings";
import { createEngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage, toBase64 } from "./helpers/images";

let gw: TestGateway;
let base64: string;
beforeAll(async () => {
  const png = await solidImage("png");
  base64 = toBase64(png);
  gw = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })] }, { bodyLimitMb: 32 });
});
afterAll(() => gw.close());

const manyFields = (count: number, prefix = "f") => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 1]));
const job = (advanced: Record<string, unknown>) => JSON.stringify({ image: { mimeType: "image/png", base64 }, settings: { prompt: "p", advanced } });
const postJob = (body: string) => fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body });
const postCompat = (extra: Record<string, unknown>) =>
  fetch(`${gw.url}/v1/ssd-depth`, { method: "POST", headers: { "x-api-key": TEST_TOKEN, "content-type": "application/json" }, body: JSON.stringify({ image: base64, prompt: "p", ...extra }) });
const errorText = async (res: Response): Promise<string> => {
  const body = (await res.json()) as { error: string | { message: string } };
  return typeof body.error === "string" ? body.error : body.error.message;
};

describe("pass-through fields are bounded in count, key and value size", () => {
  test("the job API accepts the limit of advanced fields and refuses one more", async () => {
    expect((await postJob(job(manyFields(PASS_THROUGH_LIMITS.fields)))).status).toBe(202);
    const res = await postJob(job(manyFields(PASS_THROUGH_LIMITS.fields + 1)));
    expect(res.status).toBe(400);
    expect(await errorText(res)).toMatch(/settings\.advanced: at most 32 fields/);
  });

  test("two million advanced fields are refused without parsing them, with a short answer", async () => {
    const fields = Array.from({ length: 2_000_000 }, (_, i) => `"f${i}":1`).join(",");
    const res = await postJob(`{"image":{"mimeType":"image/png","base64":"${base64}"},"settings":{"prompt":"p","advanced":{${fields}}}}`);
    expect(res.status).toBe(400);
    const text = await errorText(res);
    expect(text.length).toBeLessThan(300);
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });

  test("an advanced key or value over its size limit is refused, and the answer does not echo it", async () => {
    const longKey = `k${"x".repeat(10_000)}`;
    const key = await postJob(job({ [longKey]: 1 }));
    expect(key.status).toBe(400);
    const keyText = await errorText(key);
    expect(keyText).toMatch(/at most 64 characters/);
    expect(keyText.length).toBeLessThan(400);
    const value = await postJob(job({ clip_skip: "v".repeat(PASS_THROUGH_LIMITS.valueLength + 1) }));
    expect(value.status).toBe(400);
    expect(await errorText(value)).toMatch(/advanced values are at most 2000 characters/);
  });

  test("the compatible route bounds unknown snake_case fields alike", async () => {
    const many = await postCompat(manyFields(1000, "extra_"));
    expect(many.status).toBe(422);
    expect(await errorText(many)).toMatch(/at most \d+ fields/);
    const long = await postCompat({ clip_skip: "v".repeat(PASS_THROUGH_LIMITS.valueLength + 1) });
    expect(long.status).toBe(422);
    expect(await errorText(long)).toMatch(/at most 2000 characters/);
  });

  test("an error description names at most a few problems, however many there are", async () => {
    const bad = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`Bad Key ${i}`, 1]));
    const res = await postJob(job(bad));
    expect(res.status).toBe(400);
    const text = await errorText(res);
    expect(text).toMatch(/and \d+ more/);
    expect(text.length).toBeLessThan(1000);
  });
});
