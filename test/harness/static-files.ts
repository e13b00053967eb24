import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};

export const contentType = (path: string): string => TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";

/** Reads `urlPath` under `root`, refusing anything that escapes it; undefined when there is no such file. */
export async function readUnder(root: string, urlPath: string): Promise<Buffer | undefined> {
  const base = resolve(root);
  const file = resolve(base, `.${decodeURIComponent(urlPath)}`);
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return readFile(file);
}
