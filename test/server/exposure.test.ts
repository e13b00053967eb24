import { connect } from "node:net";
import { Writable } from "node:stream";
import { createLogger } from "../../src/server/logger";
import { createEngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage } from "./helpers/images";

let png: Uint8Array;
let logs: string[];
const gateways: TestGateway[] = [];
beforeAll(async () => {
  png = await solidImage("png");
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

async function gateway(config: Parameters<typeof startTestGateway>[1] = {}): Promise<TestGateway> {
  logs = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const gw = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })], logger: createLogger("info", sink) }, config);
  gateways.push(gw);
  return gw;
}

/** Sends raw bytes on one socket; resolves with everything the server answered once it closes the connection. */
function rawExchange(url: string, request: string, keepSending?: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(request);
      keepSending?.(socket);
    });
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", (error) => ((error as { code?: string }).code === "ECONNRESET" || (error as { code?: string }).code === "EPIPE" ? resolve(text) : reject(error)));
  });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("Host header (DNS rebinding)", () => {
  test("a request addressed to another name is refused with a typed 403 naming --allow-host; IPs and localhost pass", async () => {
    const gw = await gateway();
    const port = new URL(gw.url).port;
    const evil = await rawExchange(gw.url, `GET /health HTTP/1.1\r\nhost: rebind.attacker.example:${port}\r\nconnection: close\r\n\r\n`);
    expect(evil).toMatch(/^HTTP\/1\.1 403/);
    expect(evil).toMatch(/"code":"forbidden".*--allow-host rebind\.attacker\.example/);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "192.168.1.20"])
      expect(await rawExchange(gw.url, `GET /health HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
  });

  test("--allow-host admits a tunnel's name (and one subdomain level with *.)", async () => {
    const gw = await gateway({ allowedHosts: ["gpu.example.com", "*.tunnel.example"] });
    for (const host of ["gpu.example.com", "abc.tunnel.example"])
      expect(await rawExchange(gw.url, `GET /health HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await rawExchange(gw.url, `GET /health HTTP/1.1\r\nhost: a.b.tunnel.example\r\nconnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
  });
});

describe("authentication under attack", () => {
  test("wrong tokens are throttled per client after 20 a minute, logged once without the token; the right token still works", async () => {
    const gw = await gateway();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await fetch(`${gw.url}/v1/engines`, { headers: { authorization: `Bearer wrong-token-number-${i}` } })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    const limited = await fetch(`${gw.url}/v1/engines`, { headers: { authorization: "Bearer wrong-again-0123456789" } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect((await fetch(`${gw.url}/v1/engines`, { headers: authHeaders() })).status).toBe(200);
    const warnings = logs.filter((line) => line.includes("too many failed authentications"));
    expect(warnings).toHaveLength(1);
    expect(logs.join("")).not.toMatch(/wrong-token-number|wrong-again/);
  });

  test("a 401 closes the connection even while the client is still sending a large body", async () => {
    const gw = await gateway({ requestTimeoutSec: 600 });
    let timer: NodeJS.Timeout | undefined;
    const answer = await rawExchange(
      gw.url,
      `POST /v1/jobs HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer not-the-token-0123456789\r\ncontent-type: application/json\r\ncontent-length: 10000000\r\n\r\n{"image":`,
      (socket) => {
        timer = setInterval(() => socket.writable && socket.write("A".repeat(100)), 50);
      },
    );
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  test("a token sent in the query string never reaches the log", async () => {
    const gw = await gateway();
    await fetch(`${gw.url}/v1/engines?token=${TEST_TOKEN}&x=1`, { headers: authHeaders() });
    await fetch(`${gw.url}/health?api_key=${TEST_TOKEN}`);
    const text = logs.join("");
    expect(text).toContain("/v1/engines?[redacted]");
    expect(text).not.toContain(TEST_TOKEN);
  });
});

describe("connections", () => {
  test("beyond --max-connections new sockets are refused at once, and the gateway serves again when they close", async () => {
    const gw = await gateway({ maxConnections: 3 });
    const { port } = new URL(gw.url);
    const idle = await Promise.all(
      Array.from({ length: 3 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1", () => resolve(socket));
      })),
    );
    await new Promise((r) => setTimeout(r, 100));
    const refused = await rawExchange(gw.url, "GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n");
    expect(refused).toBe("");
    await Promise.all(idle.map((socket) => new Promise<void>((resolve) => socket.end(() => resolve()))));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });
});

describe("router errors keep the gateway's error shape", () => {
  test("a malformed %-escape → 400, an overlong path parameter → 414, both typed and without the URL echoed", async () => {
    const gw = await gateway();
    const bad = await fetch(`${gw.url}/v1/jobs/%E0%A4%A/result`, { headers: authHeaders() });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: "validation", message: expect.stringMatching(/not valid/) });
    const long = await fetch(`${gw.url}/v1/jobs/${"x".repeat(5000)}/result`, { headers: authHeaders() });
    expect(long.status).toBe(414);
    const error = await errorOf(long);
    expect(error.code).toBe("validation");
    expect(error.message).not.toContain("xxxx");
  });
});
