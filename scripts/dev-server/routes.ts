/**
 * Routing and headers of Adobe's developer server, as its express app answers them
 * (node_modules/@adobe/ccweb-add-on-scripts/dist): config/inversify.config.js sets the headers,
 * app/ExpressServer.js declares the routes, express 4 matches them case-insensitively with an
 * optional trailing slash, and serve-static (fallthrough) turns every file error into a 404.
 */
import path from "node:path";

/** Headers on every answer (inversify.config.js: PNA first, then cors(), then CORP/COEP). */
export const DEV_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Private-Network": "true",
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Cross-Origin-Embedder-Policy": "credentialless",
};

/**
 * A preflight ends inside cors() (defaults of cors 2.8.5), before the middleware that adds
 * CORP/COEP: only the PNA header runs ahead of it.
 */
export function preflightHeaders(requestedHeaders: string | undefined): Record<string, string> {
  return {
    "Access-Control-Allow-Private-Network": "true",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
    Vary: "Access-Control-Request-Headers",
    ...(requestedHeaders ? { "Access-Control-Allow-Headers": requestedHeaders } : {}),
    "Content-Length": "0",
  };
}

export type Route =
  | { kind: "preflight" }
  | { kind: "listing" }
  | { kind: "resources" }
  /** A path inside dist/ (posix, normalised, never leaving dist/); `directory` when it ended in "/". */
  | { kind: "file"; file: string; directory: boolean }
  | { kind: "not-found" };

function decoded(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

export function routeOf(method: string, url: string, testId: string): Route {
  if (method === "OPTIONS") return { kind: "preflight" };
  if (method !== "GET" && method !== "HEAD") return { kind: "not-found" };
  const pathname = url.split("?")[0] ?? "/";
  if (pathname === "/") return { kind: "listing" };
  const mount = `/${testId}`.toLowerCase();
  const lower = pathname.toLowerCase();
  if (lower === mount || lower === `${mount}/`) return { kind: "resources" };
  if (!lower.startsWith(`${mount}/`)) return { kind: "not-found" };
  const inside = decoded(pathname.slice(mount.length));
  if (inside === undefined || inside.includes("\0")) return { kind: "not-found" };
  const file = path.posix.normalize(`.${inside}`);
  // send's UP_PATH_REGEXP and its legacy dotfile rule (only the last segment counts).
  if (file.split(/[\\/]/).includes("..") || path.posix.basename(file).startsWith(".")) return { kind: "not-found" };
  return { kind: "file", file, directory: inside.endsWith("/") };
}
