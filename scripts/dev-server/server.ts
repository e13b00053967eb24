/**
 * The HTTPS + WebSocket server behind `npm start`: answers Express's developer protocol
 * (./routes, ./protocol) from dist/ and tells connected Express tabs to reload after a rebuild,
 * on the same port, as Adobe's `ccweb-add-on-scripts start` does (config/inversify.config.js
 * attaches its WebSocketServer to the HTTPS server).
 */
import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { WebSocketServer } from "ws";
import { listDistFiles, readDistManifest } from "./dist-files";
import { addOnListing, baseUrlOf, resourceListing, type ListingFallback } from "./protocol";
import { DEV_HEADERS, preflightHeaders, routeOf } from "./routes";

/** The types `send` (behind express.static) gives these extensions. */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=UTF-8",
  ".js": "application/javascript; charset=UTF-8",
  ".mjs": "application/javascript; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
};

export interface DevServerOptions {
  dist: string;
  /** The add-on read at start: its testId is the mount path for the whole session. */
  addOn: ListingFallback;
  port: number;
  host: string;
  key: string | Buffer;
  cert: string | Buffer;
}

export interface DevServer {
  server: Server;
  port: number;
  /** Sends a text message to every connected Express (see protocol.sourceChangedMessage). */
  broadcast(message: string): void;
  close(): Promise<void>;
}

function json(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { ...DEV_HEADERS, "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) }).end(text);
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  const text = `Cannot ${req.method} ${req.url}\n`;
  res.writeHead(404, { ...DEV_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) }).end(text);
}

async function fileStats(file: string): Promise<Stats | undefined> {
  return stat(file).catch(() => undefined);
}

async function serveFile(req: IncomingMessage, res: ServerResponse, dist: string, file: string, directory: boolean): Promise<void> {
  let absolute = path.join(dist, file);
  let info = await fileStats(absolute);
  // serve-static: a folder without its slash is redirected; with it, its index.html is served.
  if (info?.isDirectory() && !directory) return void res.writeHead(301, { ...DEV_HEADERS, Location: `${(req.url ?? "").split("?")[0]}/` }).end();
  if (info?.isDirectory()) {
    absolute = path.join(absolute, "index.html");
    info = await fileStats(absolute);
  }
  if (!info?.isFile()) return notFound(req, res);
  res.writeHead(200, {
    ...DEV_HEADERS,
    "Content-Type": TYPES[path.extname(absolute)] ?? "application/octet-stream",
    "Content-Length": info.size,
    "Cache-Control": "public, max-age=0",
    "Last-Modified": info.mtime.toUTCString(),
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(absolute).pipe(res);
}

export function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const dist = path.resolve(options.dist);
  const { testId } = options.addOn;
  const server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
    const route = routeOf(req.method ?? "GET", req.url ?? "/", testId);
    const baseUrl = baseUrlOf(req.headers.host, `${options.host}:${options.port}`);
    switch (route.kind) {
      case "preflight":
        return void res.writeHead(204, preflightHeaders(req.headers["access-control-request-headers"])).end();
      case "listing": {
        const read = readDistManifest(dist);
        return json(res, addOnListing(read.ok ? read.manifest : undefined, options.addOn, baseUrl));
      }
      case "resources": {
        // AddOnResourceUtils.getResources throws without a valid manifest; ExpressServer.js then answers [].
        const read = readDistManifest(dist);
        return json(res, read.ok ? resourceListing(listDistFiles(dist), read.manifest.testId, baseUrl) : { resources: [] });
      }
      case "file":
        return void serveFile(req, res, dist, route.file, route.directory).catch(() => notFound(req, res));
      case "not-found":
        return notFound(req, res);
    }
  });
  const sockets = new WebSocketServer({ server });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : options.port,
        broadcast: (message) => sockets.clients.forEach((client) => client.send(message)),
        close: () =>
          new Promise((done) => {
            sockets.clients.forEach((client) => client.terminate());
            sockets.close(() => server.close(() => done()));
          }),
      });
    });
  });
}
