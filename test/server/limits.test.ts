import { Writable } from "node:stream";
import { createLogger } from "../../src/server/logger";
import { createEngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage, toBase64 } from "./helpers/images";

let gw: TestGateway;
let png: Uint8Array;
let logs: string[];
beforeAll(async () => {
  png = await solidImage("png");
  logs = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  gw = await startTestGateway(
    { engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })], logger: createLogger("debug", sink) },
    { allowedOrigins: ["https://panel.example.com"], bodyLimitMb: 1 },
  );
});
afterAll(() => gw.close());

const jobBody = () => JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(png) }, settings: { prompt: "oil painting" } });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("limits and bad input", () => {
  test("a body over the limit → 413 with a fix-it message", async () => {
    const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: JSON.stringify({ image: { mimeType: "image/png", base64: "A".repeat(1_200_000) } }) });
    expect(res.status).toBe(413);
    const error = await errorOf(res);
    expect(error.code).toBe("validation");
    expect(error.message).toMatch(/limit of 1 MB.*--body-limit-mb/);
  });

  test("a bad field → 400 ValidationError naming the field and its range", async () => {
    const body = JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(png) }, settings: { prompt: "x", steps: 500 } });
    const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation");
    expect(error.message).toMatch(/settings\.steps: steps must be a whole number from 20 to 100/);
  });

  test("bytes that are not an image → 400 naming image.base64", async () => {
    const body = JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(new TextEncoder().encode("hello, not a png")) }, settings: { prompt: "x" } });
    const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^image\.base64: .*not a JPEG, PNG or WebP/);
  });

  test("broken JSON → 400, a wrong content type → 415", async () => {
    const broken = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: "{" });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe("validation");
    const text = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "text/plain" }, body: jobBody() });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe("content_type");
  });

  test("an unknown job → 404 saying it may have expired", async () => {
    const res = await fetch(`${gw.url}/v1/jobs/nope/result`, { headers: authHeaders() });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toMatch(/never existed or its result expired/);
  });
});

test("logs never contain the token", async () => {
  await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: jobBody() });
  await fetch(`${gw.url}/v1/ssd-depth`, { method: "POST", headers: { "x-api-key": TEST_TOKEN, "content-type": "application/json" }, body: "{}" });
  await fetch(`${gw.url}/v1/engines`, { headers: { authorization: "Bearer another-secret-value-xyz" } });
  const text = logs.join("");
  expect(text).toContain("/v1/ssd-depth");
  expect(text).not.toContain(TEST_TOKEN);
  expect(text).not.toContain("another-secret-value-xyz");
});

test("a client that stops sending its body is cut off after --request-timeout (408), and the gateway keeps serving", async () => {
  const { connect } = await import("node:net");
  const slow = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })] }, { requestTimeoutSec: 1 });
  try {
    const port = Number(new URL(slow.url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(`POST /v1/jobs HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${TEST_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"image":`);
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      setTimeout(() => reject(new Error("no timeout within 10 s")), 10_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${slow.url}/health`)).status).toBe(200);
  } finally {
    await slow.close();
  }
});

test("closing the gateway does not wait for a client stuck mid-upload", async () => {
  const { connect } = await import("node:net");
  const other = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })] }, { requestTimeoutSec: 600 });
  const socket = connect(Number(new URL(other.url).port), "127.0.0.1");
  const closed = new Promise((resolve) => socket.on("close", resolve));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`POST /v1/jobs HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${TEST_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"image":`);
  await new Promise((r) => setTimeout(r, 100));
  await other.close();
  await closed;
  expect(socket.destroyed).toBe(true);
});
