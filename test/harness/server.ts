/**
 * The host harness over real HTTP on 127.0.0.1: two servers, so the panel runs on its own
 * origin inside the host page's iframe exactly as in Express (cross-origin, postMessage only).
 *
 *   host origin   /                       host page (document canvas + panel iframe)
 *                 /__harness/*.js         harness bundles (host, document-SDK modules)
 *                 /__harness/scene.json   the document to build
 *                 /__sandbox/<file>       the add-on's document sandbox bundle (dist/code.js)
 *                 /__assets/*             repo assets (sample images)
 *   panel origin  /<main>                 the add-on's panel page (dist/index.html) + import map
 *                 /*                      the rest of dist/
 *                 /__harness/ui-sdk.js    the fake UI SDK module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { bundleBrowserCode } from "./bundle";
import { injectImportMap, UI_SDK_URL } from "./import-map";
import { readAddOnManifest } from "./manifest";
import { SceneSchema, type Scene } from "./scene";
import { contentType, readUnder } from "./static-files";
import type { HostConfig } from "./browser/host-config";

import { REPO_ROOT } from "./paths";

export interface HarnessOptions {
  distDir?: string;
  scene: Scene;
  hostPort?: number;
  panelPort?: number;
  theme?: HostConfig["theme"];
  locale?: string;
  /** Extra lines shown above the canvas (playground hints). */
  banner?: string;
  /** Extra files served on the panel's origin (e.g. a test depth model), by absolute path. */
  panelFiles?: Record<string, { body: Uint8Array; type: string }>;
}

export interface HarnessServer {
  /** Open this page: the host with the add-on's panel in it. */
  hostUrl: string;
  panelOrigin: string;
  close(): Promise<void>;
}

const HARNESS = fileURLToPath(new URL(".", import.meta.url));

async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(res: ServerResponse, status: number, body: Uint8Array | string, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...extra }).end(body);
}

type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

function serve(handler: Handler): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    handler(req, res, path)
      .then((handled) => handled || send(res, 404, `not found: ${path}`, "text/plain"))
      .catch((error: unknown) => send(res, 500, String(error instanceof Error ? error.stack : error), "text/plain"));
  });
}

export async function startHarness(options: HarnessOptions): Promise<HarnessServer> {
  const distDir = resolve(options.distDir ?? join(REPO_ROOT, "dist"));
  const manifest = await readAddOnManifest(distDir);
  const scene = SceneSchema.parse(options.scene);
  const bundles = await bundleBrowserCode();
  const hostTemplate = await readFile(join(HARNESS, "browser/host.html"), "utf8");

  const hostServer = serve(async (_req, res, path) => {
    if (path === "/" || path === "/index.html") {
      send(res, 200, hostPage(hostTemplate, config), "text/html; charset=utf-8");
      return true;
    }
    if (path === "/__harness/scene.json") {
      send(res, 200, JSON.stringify(scene), "application/json");
      return true;
    }
    const bundle = path.startsWith("/__harness/") ? bundles.get(path.slice("/__harness/".length)) : undefined;
    if (bundle) {
      send(res, 200, bundle, contentType(path));
      return true;
    }
    const file = path.startsWith("/__sandbox/")
      ? await readUnder(distDir, path.slice("/__sandbox".length))
      : path.startsWith("/__assets/")
        ? await readUnder(join(REPO_ROOT, "assets"), path.slice("/__assets".length))
        : undefined;
    if (!file) return false;
    send(res, 200, file, contentType(path));
    return true;
  });

  const panelServer = serve(async (_req, res, path) => {
    // Express serves add-ons cross-origin isolated-friendly: every response may be embedded.
    const headers = { "cross-origin-resource-policy": "cross-origin" };
    if (path === "/__harness/ui-sdk.js") {
      send(res, 200, bundles.get("ui-sdk.js") ?? "", contentType(path), headers);
      return true;
    }
    const extra = options.panelFiles?.[path];
    if (extra) {
      send(res, 200, extra.body, extra.type, headers);
      return true;
    }
    const file = await readUnder(distDir, path === "/" ? `/${manifest.main}` : path);
    if (!file) return false;
    if (path === "/" || path === `/${manifest.main}`) {
      const html = injectImportMap(file.toString("utf8"), { imports: { [UI_SDK_URL]: "/__harness/ui-sdk.js" } });
      send(res, 200, html, "text/html; charset=utf-8", headers);
      return true;
    }
    send(res, 200, file, contentType(path), headers);
    return true;
  });

  const hostUrl = await listen(hostServer, options.hostPort ?? 0);
  const panelOrigin = await listen(panelServer, options.panelPort ?? 0);
  const config: HostConfig = {
    panelUrl: `${panelOrigin}/${manifest.main}`,
    panelOrigin,
    sandboxUrl: `/__sandbox/${manifest.documentSandbox}`,
    addOnId: manifest.id,
    manifest: manifest.raw,
    theme: options.theme ?? "light",
    locale: options.locale ?? "en-US",
    banner: options.banner ?? "",
  };

  return {
    hostUrl: `${hostUrl}/`,
    panelOrigin,
    close: async () => {
      for (const server of [hostServer, panelServer]) {
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
      }
    },
  };
}

function hostPage(template: string, config: HostConfig): string {
  const json = JSON.stringify(config).replaceAll("</", "<\\/");
  return template.replace("<!--HARNESS_CONFIG-->", `<script type="application/json" id="harness-config">${json}</script>`);
}
