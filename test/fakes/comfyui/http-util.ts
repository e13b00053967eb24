import type { IncomingMessage, ServerResponse } from "node:http";

export const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

/** aiohttp's web.json_response. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** aiohttp's bare web.Response(status=…) / default error pages. */
export function text(res: ServerResponse, status: number, body = ""): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

/** Multipart bodies parsed by the platform's own FormData parser. */
export async function readForm(req: IncomingMessage): Promise<FormData> {
  const body = await readBody(req);
  return new Response(new Uint8Array(body), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData();
}

/** folder_paths.get_save_image_path: "sub/name" → output/sub/name_00001_.png */
export function savePath(prefix: string, counter: number): { subfolder: string; filename: string } {
  const slash = prefix.lastIndexOf("/");
  const subfolder = slash >= 0 ? prefix.slice(0, slash) : "";
  const name = slash >= 0 ? prefix.slice(slash + 1) : prefix;
  return { subfolder, filename: `${name}_${String(counter).padStart(5, "0")}_.png` };
}

/** server.py image_upload(): a different file under a taken name becomes "name (1).ext". */
export function uploadName(taken: (name: string) => Uint8Array | undefined, filename: string, bytes: Uint8Array, overwrite: boolean): string {
  if (overwrite) return filename;
  const dot = filename.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
  let name = filename;
  for (let i = 1; i <= 10_000; i++) {
    const existing = taken(name);
    if (!existing || Buffer.from(existing).equals(Buffer.from(bytes))) return name;
    name = `${stem} (${i})${ext}`;
  }
  throw new Error(`too many uploads named ${filename}`);
}

/**
 * server.py's origin_only_middleware: on a loopback Host, a request whose Origin names another
 * host:port is answered 403 (it stops web pages from queueing prompts through the browser).
 */
export function originRejected(req: IncomingMessage): boolean {
  const { host, origin } = req.headers;
  if (!host || !origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const hostname = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const loopback = hostname === "localhost" || hostname === "::1" || hostname.startsWith("127.");
  return loopback && originHost.toLowerCase() !== host.toLowerCase();
}
