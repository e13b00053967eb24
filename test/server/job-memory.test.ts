import { prepareInputImage } from "../../src/server/jobs/input-image";
import { createEngineDouble, type EngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, type TestGateway } from "./helpers/gateway";
import { noiseImage, solidImage, toBase64 } from "./helpers/images";

let gw: TestGateway;
let engine: EngineDouble;
let input: Uint8Array;
let output: Uint8Array;
beforeAll(async () => {
  input = await solidImage("png", 400, 300);
  // Noise does not compress: a result of about 360 KB.
  output = await noiseImage("png", 400, 300);
});
afterEach(() => gw.close());

async function start(config: Parameters<typeof startTestGateway>[1] = {}, stepMs = 1): Promise<void> {
  engine = createEngineDouble("w1", { images: [{ bytes: output, mimeType: "image/png" }] }, { steps: 3, stepMs });
  gw = await startTestGateway({ engines: [engine] }, config);
}

const submit = async (): Promise<Response> =>
  fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(input) }, settings: { prompt: "p" } }) });
const submitted = async (): Promise<string> => {
  const res = await submit();
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

test("a job's input image is released as soon as it ends: done, failed or cancelled", async () => {
  await start();
  engine.hold();
  const running = await submitted();
  const queued = await submitted();
  // A queued job holds its input as prepared for the engine (upright, at the render size).
  const prepared = await prepareInputImage({ bytes: input, mimeType: "image/png" }, "image.base64");
  expect(gw.app.jobs.get(queued).heldBytes).toBe(prepared.bytes.byteLength);
  expect((await fetch(`${gw.url}/v1/jobs/${queued}`, { method: "DELETE", headers: authHeaders() })).status).toBe(200);
  expect(gw.app.jobs.get(queued).heldBytes).toBe(0);
  expect((await fetch(`${gw.url}/v1/jobs/${running}`, { method: "DELETE", headers: authHeaders() })).status).toBe(200);
  expect(gw.app.jobs.get(running).heldBytes).toBe(0);
  engine.release();
  const done = await submitted();
  await gw.app.jobs.get(done).settled;
  expect(gw.app.jobs.get(done).state).toBe("done");
  expect(gw.app.jobs.get(done).heldBytes).toBe(output.byteLength);
});

test("stored results stay under --result-store-mb: the oldest are forgotten first, with the usual 404", async () => {
  const budget = 1024 * 1024;
  await start({ resultStoreMb: 1 });
  const perResult = output.byteLength;
  const count = Math.ceil(budget / perResult) + 3;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await submitted();
    await gw.app.jobs.get(id).settled;
    ids.push(id);
  }
  const kept = gw.app.jobs.store.all().filter((job) => job.finished);
  expect(kept.reduce((sum, job) => sum + job.heldBytes, 0)).toBeLessThanOrEqual(budget);
  const oldest = await fetch(`${gw.url}/v1/jobs/${ids[0]}/result`, { headers: authHeaders() });
  expect(oldest.status).toBe(404);
  expect((await fetch(`${gw.url}/v1/jobs/${ids.at(-1)}/result`, { headers: authHeaders() })).status).toBe(200);
});

test("Retry-After of a full queue comes from the measured run time, not a pessimistic constant", async () => {
  await start({ queueLimit: 2 }, 40);
  for (let i = 0; i < 3; i++) await gw.app.jobs.get(await submitted()).settled;
  engine.hold();
  await submitted();
  await submitted();
  await submitted();
  const full = await submit();
  expect(full.status).toBe(429);
  // Jobs here take about 0.1–0.3 s: the first place frees within a second or two.
  expect(Number(full.headers.get("retry-after"))).toBeLessThanOrEqual(2);
  // A full queue refuses before it decodes anything: even bytes that are no image get the 429.
  const garbage = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(new Uint8Array(64)) }, settings: { prompt: "p" } }) });
  expect(garbage.status).toBe(429);
  engine.release();
});
