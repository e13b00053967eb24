/**
 * Bundles the depth module for the browser test with esbuild: the public API (src/ui/depth/index.ts)
 * and its worker. The API creates the worker with `new URL("./depth.worker.ts", import.meta.url)`,
 * which esbuild leaves alone, so the worker bundle is served under that name next to depth.js,
 * and onnxruntime-web's runtime files under /ort/ — the layout webpack gives dist/.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { bundleForBrowser } from "../../../harness/bundle";
import type { Route } from "./model-server";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

export async function depthBrowserRoutes(): Promise<{ routes: Record<string, Route>; ort: (path: string) => Promise<Route | undefined> }> {
  const files = await bundleForBrowser(root, [
    { in: "src/ui/depth/index.ts", out: "depth" },
    { in: "src/ui/depth/depth.worker.ts", out: "depth.worker" },
  ]);
  const js = (name: string): Route => {
    const body = files.get(name);
    if (!body) throw new Error(`esbuild produced no ${name}`);
    return { body, type: "text/javascript; charset=utf-8" };
  };
  const page = await readFile(new URL("../browser/depth-page.html", import.meta.url));
  const ortDir = `${root}node_modules/onnxruntime-web/dist/`;
  return {
    routes: { "/": { body: page, type: "text/html; charset=utf-8" }, "/depth.js": js("depth.js"), "/depth.worker.ts": js("depth.worker.js") },
    ort: async (path) => {
      const name = /^\/ort\/(ort-wasm-simd-threaded[\w.]*\.(?:wasm|mjs))$/.exec(path)?.[1];
      if (!name) return undefined;
      const body = await readFile(ortDir + name);
      return { body, type: name.endsWith(".wasm") ? "application/wasm" : "text/javascript; charset=utf-8" };
    },
  };
}
