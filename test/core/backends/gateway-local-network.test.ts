import { createGatewayBackend } from "../../../src/core/backends/gateway";
import { addressSpaceOf, type LocalAccess, type PageNetwork } from "../../../src/core/backends/local-network";
import { BackendUnavailableError, LocalNetworkBlockedError } from "../../../src/core/errors";
import { GenerationSettingsSchema } from "../../../src/shared/settings";
import { errorView } from "../../../src/ui/logic/error-messages";
import { createEngineDouble, type EngineDouble } from "../../server/helpers/engine-double";
import { closedPortUrl } from "../../server/helpers/closed-port";
import { startTestGateway, type TestGateway } from "../../server/helpers/gateway";
import { solidImage } from "../../server/helpers/images";

const PUBLISHED = "https://abc123.wxp.adobe-addons.com";
const DEVELOPMENT = "https://localhost:5241";

/**
 * Chrome's fetch as the panel meets it: from a page more public than the target it refuses
 * unless Local Network Access is granted, and every failure — refused by the browser or by a closed
 * port — is the same bare TypeError("Failed to fetch"), with no cause to read.
 */
function chromeFetch(page: { origin: string; state: LocalAccess }): typeof fetch {
  const rank = { public: 0, local: 1, loopback: 2 } as const;
  return async (input, init) => {
    const target = addressSpaceOf(new URL(String(input)).hostname);
    if (rank[target] > rank[addressSpaceOf(new URL(page.origin).hostname)] && page.state !== "granted") throw new TypeError("Failed to fetch");
    try {
      return await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: page.origin } });
    } catch {
      throw new TypeError("Failed to fetch");
    }
  };
}

function pageOf(origin: string, state: LocalAccess, asked: string[] = []): PageNetwork {
  return { origin, access: async (space) => (asked.push(space), state) };
}

const outcome = (p: Promise<unknown>) => p.then(() => undefined, (error: unknown) => error);

let gw: TestGateway;
let engine: EngineDouble;
let image: Uint8Array;
beforeAll(async () => {
  image = await solidImage("png", 16, 16, [1, 2, 3]);
});
beforeEach(async () => {
  engine = createEngineDouble("w1", { images: [{ bytes: image, mimeType: "image/png" }] });
  gw = await startTestGateway({ engines: [engine] });
});
afterEach(() => gw.close());

function client(baseUrl: string, origin: string, state: LocalAccess, asked: string[] = []) {
  return createGatewayBackend({ baseUrl, token: gw.token, fetch: chromeFetch({ origin, state }), page: pageOf(origin, state, asked) });
}

test("published add-on, permission denied, gateway running: says the browser blocked it and how to allow it or use https", async () => {
  const asked: string[] = [];
  const error = await outcome(client(gw.url, PUBLISHED, "denied", asked).testConnection());
  expect(error).toBeInstanceOf(LocalNetworkBlockedError);
  expect((error as Error).message).toContain(gw.url);
  expect((error as Error).message).toMatch(/Local network access → Allow/);
  expect((error as Error).message).toMatch(/https:\/\/ address/);
  expect(asked).toEqual(["loopback"]);
  const view = errorView(error);
  expect(view).toMatchObject({ code: "local_network_blocked", action: "open-backend" });
  expect(view.title).toMatch(/browser blocked/i);
});

test("the same block stops a restyle before anything is sent", async () => {
  const settings = { ...GenerationSettingsSchema.parse({ prompt: "ink" }), seed: 1 };
  const error = await outcome(client(gw.url, PUBLISHED, "denied").generate({ image, mimeType: "image/png", settings, wantDepth: false }));
  expect(error).toBeInstanceOf(LocalNetworkBlockedError);
  expect(engine.runs).toEqual([]);
});

test("published add-on, permission granted, gateway down: says to start the gateway, not to change browser settings", async () => {
  const error = await outcome(client(await closedPortUrl(), PUBLISHED, "granted").testConnection());
  expect(error).toBeInstanceOf(BackendUnavailableError);
  expect((error as Error).message).toMatch(/npx depth-restyle serve/);
  expect((error as Error).message).not.toMatch(/blocking/);
});

test("published add-on in a browser that cannot say (no permission API): gateway down names both causes", async () => {
  const error = await outcome(client(await closedPortUrl(), PUBLISHED, "unknown").testConnection());
  expect(error).toBeInstanceOf(BackendUnavailableError);
  expect((error as Error).message).toMatch(/npx depth-restyle serve[\s\S]*may be blocking this add-on[\s\S]*Local network access/);
});

test("published add-on with access granted reaches the gateway", async () => {
  expect(await client(gw.url, PUBLISHED, "granted").testConnection()).toMatchObject({ ok: true });
});

test("in development (panel on https://localhost:5241) a down gateway is just down; the permission is not asked", async () => {
  const asked: string[] = [];
  const error = await outcome(client(await closedPortUrl(), DEVELOPMENT, "denied", asked).testConnection());
  expect(error).toBeInstanceOf(BackendUnavailableError);
  expect((error as Error).message).not.toMatch(/blocking/);
  expect(asked).toEqual([]);
});
