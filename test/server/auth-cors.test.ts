import { createEngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, TEST_TOKEN, type TestGateway } from "./helpers/gateway";
import { solidImage } from "./helpers/images";

let gw: TestGateway;
beforeAll(async () => {
  const png = await solidImage("png");
  gw = await startTestGateway({ engines: [createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] })] }, { allowedOrigins: ["https://panel.example.com"] });
});
afterAll(() => gw.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("auth", () => {
  test("/health answers without a token", async () => {
    const res = await fetch(`${gw.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: "depth-restyle-gateway", version: expect.any(String) });
  });

  test.each([
    ["GET", "/v1/engines"],
    ["POST", "/v1/jobs"],
    ["GET", "/v1/jobs/x/events"],
    ["GET", "/v1/jobs/x/result"],
    ["DELETE", "/v1/jobs/x"],
    ["GET", "/docs/json"],
    ["GET", "/no/such/route"],
  ])("%s %s without a token → 401 with a typed error body", async (method, path) => {
    const res = await fetch(`${gw.url}${path}`, { method });
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe("auth");
    expect(error.message).toMatch(/Authorization: Bearer/);
  });

  test("a wrong token → 401 that does not echo it", async () => {
    const res = await fetch(`${gw.url}/v1/engines`, { headers: { authorization: "Bearer wrong-token-123456" } });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toMatch(/token is wrong/);
    expect(text).not.toContain("wrong-token-123456");
  });

  test("x-api-key is not accepted on the job API (only on the Segmind-compatible route)", async () => {
    const res = await fetch(`${gw.url}/v1/engines`, { headers: { "x-api-key": TEST_TOKEN } });
    expect(res.status).toBe(401);
  });

  test("the right token passes", async () => {
    const res = await fetch(`${gw.url}/v1/engines`, { headers: authHeaders() });
    expect(res.status).toBe(200);
  });
});

describe("CORS and Private Network Access", () => {
  const preflight = (origin: string, pna = true) =>
    fetch(`${gw.url}/v1/jobs`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
        ...(pna ? { "access-control-request-private-network": "true" } : {}),
      },
    });

  test.each(["https://localhost:5241", "https://w4e1fmrlu.wxp.adobe-addons.com", "https://panel.example.com"])("preflight from %s is allowed, with PNA", async (origin) => {
    const res = await preflight(origin);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-private-network")).toBe("true");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect(res.headers.get("access-control-allow-methods")).toMatch(/DELETE/);
  });

  test("no PNA header when the browser did not ask for it", async () => {
    const res = await preflight("https://localhost:5241", false);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-private-network")).toBeNull();
  });

  test.each(["https://evil.example", "https://a.b.wxp.adobe-addons.com", "http://localhost:5241", "https://wxp.adobe-addons.com.evil.example", "null"])(
    "origin %s is refused with a typed 403 and no CORS headers",
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(403);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-private-network")).toBeNull();
      const error = await errorOf(res);
      expect(error.code).toBe("forbidden");
      expect(error.message).toContain("--allow-origin");
    },
  );

  test("an allowed origin's real request gets its CORS headers and exposed Retry-After", async () => {
    const res = await fetch(`${gw.url}/v1/engines`, { headers: { ...authHeaders(), origin: "https://localhost:5241" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://localhost:5241");
    expect(res.headers.get("access-control-expose-headers")).toMatch(/retry-after/);
  });
});
