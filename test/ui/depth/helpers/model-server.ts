/**
 * A static HTTP server on 127.0.0.1 for model files (and, in the browser test, the page, its
 * bundles and onnxruntime-web's runtime files). Counts requests per path so tests can prove
 * a cache hit made no second download.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Route {
  status?: number;
  body: Uint8Array | string;
  type?: string;
}

export interface ModelServer {
  origin: string;
  url(path: string): string;
  set(path: string, route: Route): void;
  /** Requests seen for `path` since the server started. */
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startModelServer(routes: Record<string, Route> = {}, fallback?: (path: string) => Promise<Route | undefined>): Promise<ModelServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const found = table.get(path);
    void (found ? Promise.resolve(found) : (fallback?.(path) ?? Promise.resolve(undefined))).then((route) => {
      const r = route ?? { status: 404, body: `not found: ${path}`, type: "text/plain" };
      const body = typeof r.body === "string" ? Buffer.from(r.body) : r.body;
      res.writeHead(r.status ?? 200, { "content-type": r.type ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-store", "access-control-allow-origin": "*" });
      res.end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    set: (path, route) => void table.set(path, route),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : ok()));
      }),
  };
}
