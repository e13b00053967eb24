/**
 * `npm start`'s server against Adobe's own: both run over real HTTPS on the same dist/, Adobe's
 * assembled from its installed code (node_modules/@adobe/ccweb-add-on-scripts/dist), and every
 * route, header and reload message is compared. Comments name the Adobe file an expectation is from.
 */
import { request, type Server } from "node:https";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { sourceChangedMessage } from "../../scripts/dev-server/protocol";
import { startDevServer, type DevServer } from "../../scripts/dev-server/server";
import { loadOrCreateLocalCertificate, type LocalCertificate } from "../../src/server/local-cert";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ADOBE = path.join(root, "node_modules/@adobe/ccweb-add-on-scripts/dist");

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request the way a browser on this computer sends it: to localhost, verifying the certificate.
 * One connection each: Adobe's server drops the connection after a listing that threw (ExpressServer.js `finally`).
 */
function ask(port: number, ca: string, method: string, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", servername: "localhost", port, method, path: pathname, ca, agent: false, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Adobe's `start` server: its express app (config/inversify.config.js) with ExpressServer.js routes, on our certificate. */
async function startAdobeServer(cert: LocalCertificate): Promise<{ server: Server; port: number }> {
  const { IContainer } = await import(path.join(ADOBE, "config/inversify.config.js"));
  const { ITypes } = await import(path.join(ADOBE, "config/inversify.types.js"));
  const { ExpressServer } = await import(path.join(ADOBE, "app/ExpressServer.js"));
  const { AddOnManifestReader } = await import(path.join(ADOBE, "utilities/AddOnManifestReader.js"));
  const { AddOnDirectory } = await import(path.join(ADOBE, "models/AddOnDirectory.js"));
  const { createServer } = await import("node:https");
  const app = IContainer.get(ITypes.ExpressApp);
  const reader = new AddOnManifestReader();
  const server = createServer({ key: cert.key, cert: cert.cert }, app);
  new ExpressServer(reader, { success: () => {} }).start(new AddOnDirectory("src", reader.getManifest()), server, app, { hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe("dev server (npm start) speaks Adobe's developer protocol", () => {
  const cwd = process.cwd();
  let dir = "";
  let dist = "";
  let cert: LocalCertificate;
  let ours: DevServer;
  let adobe: { server: Server; port: number };
  let testId = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-dev-"));
    dist = path.join(dir, "dist");
    await mkdir(path.join(dist, "ort"), { recursive: true });
    await mkdir(path.join(dist, "icons"), { recursive: true });
    await copyFile(path.join(root, "manifest.json"), path.join(dist, "manifest.json"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>panel</title>");
    await writeFile(path.join(dist, "code.js"), "export {};");
    await writeFile(path.join(dist, "ort/x.wasm"), new Uint8Array([0, 97, 115, 109]));
    await writeFile(path.join(dist, "icons/icon-24.png"), new Uint8Array([137, 80, 78, 71]));
    await writeFile(path.join(dist, ".hidden"), "dotfile");
    await writeFile(path.join(dir, "secret.txt"), "outside dist");
    testId = JSON.parse(await readFile(path.join(dist, "manifest.json"), "utf8")).testId;
    cert = await loadOrCreateLocalCertificate(path.join(dir, "cert"));
    // Adobe's server reads ./dist relative to the working directory on every request.
    process.chdir(dir);
    adobe = await startAdobeServer(cert);
    ours = await startDevServer({ dist, addOn: { testId, version: "0.1.0" }, port: 0, host: "127.0.0.1", key: cert.key, cert: cert.cert });
  }, 60_000);
  afterAll(async () => {
    process.chdir(cwd);
    await ours?.close();
    await new Promise((done) => (adobe ? adobe.server.close(done) : done(undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  /** The same request to both servers; JSON bodies with each server's own base URL made comparable. */
  async function both(method: string, pathname: string, headers: Record<string, string> = {}) {
    const [a, o] = await Promise.all([ask(adobe.port, cert.cert, method, pathname, headers), ask(ours.port, cert.cert, method, pathname, headers)]);
    const text = (answer: Answer, port: number) => answer.body.toString("utf8").replaceAll(`https://localhost:${port}`, "<base>");
    return { adobe: a, ours: o, adobeText: text(a, adobe.port), oursText: text(o, ours.port) };
  }

  const CONTRACT_HEADERS = ["access-control-allow-private-network", "access-control-allow-origin", "cross-origin-resource-policy", "cross-origin-embedder-policy"];
  const pick = (answer: Answer, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, answer.headers[n]]));

  it("GET / lists the add-on from dist/manifest.json, as Adobe's does", async () => {
    const { adobe: a, ours: o, adobeText, oursText } = await both("GET", "/");
    expect(o.status).toBe(200);
    expect(JSON.parse(oursText)).toEqual(JSON.parse(adobeText));
    // utilities/AddOnResourceUtils.js getAddOnListingData: one add-on, downloadUrl on the Host the request named.
    expect(JSON.parse(oursText)).toEqual({
      addOns: [
        {
          addonId: testId,
          versionString: "0.1.0",
          supportedLanguages: ["en-US"],
          supportedApps: ["Express"],
          downloadUrl: `<base>/${testId}/manifest.json`,
          addon: { localizedMetadata: { name: "Depth Restyle" } },
          entryPoints: [{ type: "panel", id: "depth-restyle-panel", main: "index.html", documentSandbox: "code.js", discoverable: true }],
        },
      ],
    });
    expect(o.headers["content-type"]).toBe(a.headers["content-type"]);
  });

  it("GET /<testId> lists every built file except dotfiles, with or without the slash, in any case", async () => {
    for (const route of [`/${testId}`, `/${testId}/`, `/${testId.toUpperCase()}`]) {
      const { ours: o, adobeText, oursText } = await both("GET", route);
      expect(o.status).toBe(200);
      expect(JSON.parse(oursText)).toEqual(JSON.parse(adobeText));
    }
    // utilities/AddOnResourceUtils.js getResources: <base>/<testId>/<path under dist>, dotfiles skipped.
    const listed = JSON.parse((await both("GET", `/${testId}`)).oursText).resources;
    expect([...listed].sort()).toEqual(["code.js", "icons/icon-24.png", "index.html", "manifest.json", "ort/x.wasm"].map((f) => `<base>/${testId}/${f}`));
  });

  it("serves the built files under /<testId>/ with the types and statuses of express.static", async () => {
    // app/ExpressServer.js: express.static(dist) mounted at /<testId>; misses fall through to a 404.
    const routes = [
      "manifest.json", "index.html", "code.js", "ort/x.wasm", "icons/icon-24.png", // files
      "icons", // a folder without its slash: redirected
      "icons/", "missing.js", ".hidden", "%2e%2e/secret.txt", "ort/..%2f..%2fsecret.txt", "%E0%A4%A.js", // misses
    ].map((f) => `/${testId}/${f}`);
    for (const route of [...routes, "/nope", "/secret.txt", `/${testId}x/code.js`]) {
      const { adobe: a, ours: o } = await both("GET", route);
      expect({ route, status: o.status }).toEqual({ route, status: a.status });
      if (a.status === 200) {
        expect({ route, type: o.headers["content-type"] }).toEqual({ route, type: a.headers["content-type"] });
        expect(o.body.equals(a.body)).toBe(true);
      }
      if (a.status === 301) expect(o.headers.location).toBe(a.headers.location);
      expect(o.body.toString()).not.toContain("outside dist");
    }
    const head = await both("HEAD", `/${testId}/ort/x.wasm`);
    expect([head.ours.status, head.ours.headers["content-length"], head.ours.body.length]).toEqual([head.adobe.status, head.adobe.headers["content-length"], 0]);
  });

  it("puts Private Network Access, CORS, CORP cross-origin and COEP credentialless on every answer", async () => {
    // config/inversify.config.js: PNA, cors(), then CORP/COEP, for every route and every miss.
    for (const route of ["/", `/${testId}`, `/${testId}/index.html`, `/${testId}/missing.js`, "/nope"]) {
      const { adobe: a, ours: o } = await both("GET", route);
      expect(pick(o, CONTRACT_HEADERS)).toEqual(pick(a, CONTRACT_HEADERS));
      expect(pick(o, CONTRACT_HEADERS)).toEqual({
        "access-control-allow-private-network": "true",
        "access-control-allow-origin": "*",
        "cross-origin-resource-policy": "cross-origin",
        "cross-origin-embedder-policy": "credentialless",
      });
    }
  });

  it("answers a private-network preflight the way cors() does, before the CORP/COEP middleware", async () => {
    // config/inversify.config.js order + cors 2.8.5 defaults: 204, methods list, requested headers reflected.
    const { adobe: a, ours: o } = await both("OPTIONS", `/${testId}/index.html`, {
      origin: "https://new.express.adobe.com",
      "access-control-request-method": "GET",
      "access-control-request-headers": "x-custom",
      "access-control-request-private-network": "true",
    });
    const names = [...CONTRACT_HEADERS, "access-control-allow-methods", "access-control-allow-headers", "vary", "content-length"];
    expect(o.status).toBe(204);
    expect(a.status).toBe(204);
    expect(pick(o, names)).toEqual(pick(a, names));
    expect(o.headers["access-control-allow-private-network"]).toBe("true");
    expect(o.headers["cross-origin-embedder-policy"]).toBeUndefined();
  });

  it("falls back like Adobe's when dist/manifest.json fails Adobe's validator", async () => {
    const file = path.join(dist, "manifest.json");
    const good = await readFile(file, "utf8");
    try {
      const { testId: _dropped, ...withoutTestId } = JSON.parse(good);
      await writeFile(file, JSON.stringify(withoutTestId));
      // utilities/AddOnManifestReader.js (developer add-ons need a testId) → AddOnResourceUtils fallback.
      for (const route of ["/", `/${testId}`]) {
        const { ours: o, adobeText, oursText } = await both("GET", route);
        expect(o.status).toBe(200);
        expect(JSON.parse(oursText)).toEqual(JSON.parse(adobeText));
      }
      expect(JSON.parse((await both("GET", "/")).oursText).addOns[0]).toMatchObject({ addonId: testId, addon: { localizedMetadata: { name: "Missing Title" } }, entryPoints: [] });
      expect(JSON.parse((await both("GET", `/${testId}`)).oursText)).toEqual({ resources: [] });
    } finally {
      await writeFile(file, good);
    }
  });

  it("tells each connected Express to reload with Adobe's SourceCodeChanged message, over the same port", async () => {
    const { AddOnActionV1, AddOnSourceChangedPayloadV1, CLIScriptMessageV1 } = await import(path.join(ADOBE, "models/CLIScriptMessageV1.js"));
    const manifest = JSON.parse(await readFile(path.join(dist, "manifest.json"), "utf8"));
    const socket = new WebSocket(`wss://localhost:${ours.port}`, { ca: cert.cert });
    const received: string[] = [];
    socket.on("message", (data) => received.push(data.toString()));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const changes = [
      { testId, changedFiles: ["src/ui/App.tsx"], isBuildSuccessful: true, isManifestChanged: false },
      { testId, changedFiles: ["manifest.json"], isBuildSuccessful: true, isManifestChanged: true, manifest },
      { testId, changedFiles: ["manifest.json"], isBuildSuccessful: true, isManifestChanged: true },
      { testId, changedFiles: ["src/sandbox/code.ts"], isBuildSuccessful: false, isManifestChanged: false },
    ];
    for (const change of changes) ours.broadcast(sourceChangedMessage(change));
    await new Promise<void>((resolve) => {
      const poll = () => (received.length === changes.length ? resolve() : setTimeout(poll, 10));
      poll();
    });
    socket.close();
    // app/SocketServer.js _getMessage + models/CLIScriptMessageV1.js toJSON, byte for byte.
    expect(received).toEqual([
      new CLIScriptMessageV1(testId, AddOnActionV1.SourceCodeChanged, new AddOnSourceChangedPayloadV1(["src/ui/App.tsx"], true, false)).toJSON(),
      new CLIScriptMessageV1(testId, AddOnActionV1.SourceCodeChanged, new AddOnSourceChangedPayloadV1(["manifest.json"], true, true, manifest)).toJSON(),
      // A changed manifest that fails validation: flagged, without a manifest.
      new CLIScriptMessageV1(testId, AddOnActionV1.SourceCodeChanged, new AddOnSourceChangedPayloadV1(["manifest.json"], true, true, undefined)).toJSON(),
      new CLIScriptMessageV1(testId, AddOnActionV1.SourceCodeChanged, new AddOnSourceChangedPayloadV1(["src/sandbox/code.ts"], false, false)).toJSON(),
    ]);
  });
});
