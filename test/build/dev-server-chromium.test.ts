/**
 * `npm start`'s server as a browser host uses it, in real Chromium: a public page that isolates
 * itself (COEP credentialless, COOP same-origin) reads the listing and the resources cross-origin,
 * frames the panel from https://localhost and keeps the reload socket open. What Express itself
 * sends and checks beyond this can only be seen inside Express.
 */
import { createServer as createHttps, type Server } from "node:https";
import { mkdir, mkdtemp, copyFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { sourceChangedMessage } from "../../scripts/dev-server/protocol";
import { startDevServer, type DevServer } from "../../scripts/dev-server/server";
import { loadOrCreateLocalCertificate } from "../../src/server/local-cert";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../harness/chromium";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The host page: isolated like an app that embeds cross-origin frames with COEP. */
const hostPage = (devOrigin: string) => `<!doctype html><script type="module">
  const listing = await (await fetch("${devOrigin}/")).json();
  const id = listing.addOns[0].addonId;
  const { resources } = await (await fetch("${devOrigin}/" + id)).json();
  const socket = new WebSocket("${devOrigin.replace("https:", "wss:")}");
  socket.onmessage = (event) => (window.reload = JSON.parse(event.data));
  await new Promise((resolve) => (socket.onopen = resolve));
  const frame = document.createElement("iframe");
  frame.sandbox = "allow-scripts allow-same-origin";
  frame.allow = "local-network-access";
  frame.src = "${devOrigin}/" + id + "/index.html";
  document.body.append(frame);
  window.state = { id, resources, isolated: crossOriginIsolated };
</script>`;

describe("dev server in Chromium, framed by an isolated public page", () => {
  let dir = "";
  let dev: DevServer;
  let host: Server;
  let browser: Browser;
  let hostOrigin = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-devchrome-"));
    const dist = path.join(dir, "dist");
    await mkdir(dist, { recursive: true });
    await copyFile(path.join(root, "manifest.json"), path.join(dist, "manifest.json"));
    await writeFile(path.join(dist, "index.html"), `<!doctype html><title>panel</title><script type="module" src="index.js"></script>`);
    await writeFile(path.join(dist, "index.js"), `document.title = "panel loaded";`);
    await writeFile(path.join(dist, "code.js"), "export {};");
    const tls = await loadOrCreateLocalCertificate(path.join(dir, "cert"));
    dev = await startDevServer({ dist, addOn: { testId: "depth-restyle", version: "0.1.0" }, port: 0, host: "127.0.0.1", key: tls.key, cert: tls.cert });
    host = createHttps(tls, (_req, res) =>
      res.writeHead(200, { "content-type": "text/html", "cross-origin-embedder-policy": "credentialless", "cross-origin-opener-policy": "same-origin" }).end(hostPage(`https://localhost:${dev.port}`)),
    );
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const hostPort = (host.address() as AddressInfo).port;
    hostOrigin = `https://express.test:${hostPort}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP express.test 127.0.0.1", `--ip-address-space-overrides=127.0.0.1:${hostPort}=public`],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("the listing and resources pass CORS, the panel loads in the isolated page's frame, and a rebuild reaches the page", async () => {
    // The user allows Local Network Access for Express once (Adobe's guide); the certificate is trusted.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      await context.grantPermissions(["local-network-access"]);
      const page = await context.newPage();
      await page.goto(`${hostOrigin}/`);
      await page.waitForFunction(() => "state" in globalThis, undefined, { timeout: 20_000 });
      const state = await page.evaluate(() => (globalThis as unknown as { state: { id: string; resources: string[]; isolated: boolean } }).state);
      expect(state.isolated).toBe(true);
      expect(state.id).toBe("depth-restyle");
      expect(state.resources).toContain(`https://localhost:${dev.port}/depth-restyle/index.html`);
      // COEP: a frame inside an isolated page loads only if it answers with COEP itself (and CORP for its files).
      const panel = async () => page.frames().find((f) => f.url().endsWith("/depth-restyle/index.html"))?.title();
      for (let i = 0; i < 200 && (await panel()) !== "panel loaded"; i++) await page.waitForTimeout(50);
      expect(await panel()).toBe("panel loaded");

      dev.broadcast(sourceChangedMessage({ testId: "depth-restyle", changedFiles: ["src/ui/App.tsx"], isBuildSuccessful: true, isManifestChanged: false }));
      await page.waitForFunction(() => "reload" in globalThis, undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => (globalThis as unknown as { reload: unknown }).reload)).toMatchObject({ id: "depth-restyle", action: "SourceCodeChanged" });
    } finally {
      await context.close();
    }
  }, 60_000);
});
