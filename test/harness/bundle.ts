import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/** Browser entry points of the harness, bundled in memory (esbuild) whenever a harness server starts. */
export const BROWSER_ENTRIES = {
  "host.js": "browser/host.ts",
  "ui-sdk.js": "browser/ui-sdk.ts",
  "express-document-sdk.js": "browser/document-sdk-module.ts",
  "add-on-sdk-document-sandbox.js": "browser/sandbox-sdk-module.ts",
} as const;
export type BrowserBundleName = keyof typeof BROWSER_ENTRIES;

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Bundles browser entry points in memory as ES modules (esbuild); the map is keyed by output
 * file name ("host.js"). Shared by the harness, the depth browser tests and the panel bench.
 */
export async function bundleForBrowser(
  absWorkingDir: string,
  entries: { in: string; out: string }[],
  options: { sourcemap?: boolean } = {},
): Promise<Map<string, Uint8Array>> {
  const result = await build({
    absWorkingDir,
    entryPoints: entries,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    outdir: "/virtual",
    write: false,
    sourcemap: options.sourcemap ? "inline" : false,
    logLevel: "silent",
  });
  return new Map(result.outputFiles.map((file) => [file.path.replace(/^\/virtual\//, ""), file.contents]));
}

export function bundleBrowserCode(): Promise<Map<string, Uint8Array>> {
  const entries = Object.entries(BROWSER_ENTRIES).map(([out, input]) => ({ in: input, out: out.replace(/\.js$/, "") }));
  return bundleForBrowser(here, entries, { sourcemap: true });
}
