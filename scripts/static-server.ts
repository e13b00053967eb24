import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".css": "text/css; charset=utf-8",
  ".onnx": "application/octet-stream",
};

/** Serves a folder over HTTPS with the CORS headers Express needs to fetch the add-on. */
export function startStaticServer(options: { root: string; port: number; host?: string; key: Buffer | string; cert: Buffer | string }): Promise<Server> {
  const base = path.resolve(options.root);
  const server = createServer({ key: options.key, cert: options.cert }, async (req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Cache-Control", "no-store");
    if (req.method === "OPTIONS") return void res.writeHead(204, { "Access-Control-Allow-Methods": "GET", "Access-Control-Allow-Headers": "*" }).end();
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "https://localhost").pathname);
    const file = path.resolve(base, `.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(base + path.sep)) return void res.writeHead(403).end();
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Content-Length": info.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found (is the build finished?)");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "localhost", () => resolve(server));
  });
}
