/**
 * The blocked-or-down distinction in real Chromium (Local Network Access is enforced since 142).
 * The test pages get public names (--host-resolver-rules) that Chromium also treats as public
 * addresses (--ip-address-space-overrides), like a published add-on on https://…wxp.adobe-addons.com;
 * headless Chromium answers a permission prompt with "deny", and a cross-origin iframe without
 * delegation is denied without a prompt.
 */
import { createServer as createHttps, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Frame } from "playwright-core";
import { loadOrCreateLocalCertificate } from "../../src/server/local-cert";
import { bundleForBrowser } from "../harness/bundle";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../harness/chromium";
import { createEngineDouble } from "../server/helpers/engine-double";
import { closedPortUrl } from "../server/helpers/closed-port";
import { startTestGateway, type TestGateway } from "../server/helpers/gateway";

const root = fileURLToPath(new URL("../../", import.meta.url));

type Outcome = { ok: true } | { code: string; message: string };

/** An HTTPS origin serving the check page, or a page that frames another origin's check page. */
async function pageServer(tls: { key: string; cert: string }, host: string, script: Uint8Array, frameOf?: () => string): Promise<{ server: Server; origin: string; port: number }> {
  const server = createHttps(tls, (req, res) => {
    if (req.url === "/page.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    const body = frameOf ? `<iframe src="${frameOf()}/"></iframe>` : `<script type="module" src="/page.js"></script>`;
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html>${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `https://${host}:${port}`, port };
}

describe("Local Network Access in Chromium: blocked or down", () => {
  let dir = "";
  let browser: Browser;
  let gateway: TestGateway;
  const servers: Server[] = [];
  let published = ""; // a public page (the published add-on)
  let framed = ""; // a public page embedded by another public page, without allow= (as in Express)
  let top = "";
  let development = ""; // https://localhost-like page: not public

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-lna-"));
    const tls = await loadOrCreateLocalCertificate(dir);
    const script = (await bundleForBrowser(root, [{ in: "test/ui/local-network-page.ts", out: "page" }])).get("page.js")!;
    const publicPages = [await pageServer(tls, "abc123.wxp.test", script), await pageServer(tls, "def456.wxp.test", script), await pageServer(tls, "express.test", script, () => framed)];
    const local = await pageServer(tls, "localhost", script);
    [published, framed, top] = publicPages.map((p) => p.origin) as [string, string, string];
    development = local.origin;
    servers.push(...publicPages.map((p) => p.server), local.server);
    const overrides = publicPages.map((p) => `127.0.0.1:${p.port}=public`).join(",");
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP *.test 127.0.0.1", `--ip-address-space-overrides=${overrides}`],
    });
    gateway = await startTestGateway({ engines: [createEngineDouble("w1", { images: [] })] }, { allowedOrigins: [published, framed, development] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    for (const server of servers) server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function check(origin: string, target: string, options: { grant?: boolean; framedBy?: string } = {}): Promise<Outcome> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      if (options.grant) await context.grantPermissions(["local-network-access"]);
      const page = await context.newPage();
      await page.goto(`${options.framedBy ?? origin}/`);
      let frame: Frame | undefined;
      for (let i = 0; i < 100 && !frame; i++) {
        frame = page.frames().find((f) => f.url().startsWith(origin));
        if (!frame) await page.waitForTimeout(20);
      }
      await frame!.waitForFunction(() => "testGateway" in globalThis);
      return await frame!.evaluate(([url, token]) => (globalThis as unknown as { testGateway(u: string, t: string): Promise<Outcome> }).testGateway(url, token), [target, gateway.token] as const);
    } finally {
      await context.close();
    }
  }

  test("a published page whose request the browser refuses is told it was blocked, with how to allow it", async () => {
    const outcome = await check(published, gateway.url);
    expect(outcome).toMatchObject({ code: "local_network_blocked" });
    expect((outcome as { message: string }).message).toMatch(/Local network access → Allow/);
  }, 60_000);

  test("inside a frame the host did not delegate the permission to (as in Express), it is blocked without a prompt", async () => {
    expect(await check(framed, gateway.url, { framedBy: top })).toMatchObject({ code: "local_network_blocked" });
  }, 60_000);

  test("with the permission granted the gateway answers; if it is down the panel says to start it", async () => {
    expect(await check(published, gateway.url, { grant: true })).toEqual({ ok: true });
    const down = await check(published, await closedPortUrl(), { grant: true });
    expect(down).toMatchObject({ code: "backend_unavailable" });
    expect((down as { message: string }).message).not.toMatch(/blocking/);
  }, 60_000);

  test("a page on this computer (development) is not gated: a down gateway is just down", async () => {
    const down = await check(development, await closedPortUrl());
    expect(down).toMatchObject({ code: "backend_unavailable" });
    expect((down as { message: string }).message).not.toMatch(/blocking/);
  }, 60_000);
});
