import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** The published build (`npm run build` → dist/) or the developer one (`npm run build:experimental` → dist-experimental/). */
export type DistVariant = "published" | "experimental";

export const distDirOf = (variant: DistVariant): string => (variant === "experimental" ? "dist-experimental" : "dist");

/** Inputs of the build: when any is newer than the oldest output, the build is stale. */
const INPUTS = ["src/ui", "src/shared", "src/core", "src/sandbox", "assets/icons", "webpack.config.js", "tsconfig.panel.json", "package.json"];
const MANIFEST: Record<DistVariant, string> = { published: "manifest.json", experimental: "manifest.experimental.json" };

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of await readdir(path)) max = Math.max(max, await newest(join(path, entry)));
  return max;
}

/** Why the build must be redone, or undefined when it is up to date. */
export async function distStaleReason(root: string, variant: DistVariant = "published"): Promise<string | undefined> {
  let oldestOutput = Infinity;
  for (const out of ["index.html", "code.js", "manifest.json"].map((f) => `${distDirOf(variant)}/${f}`)) {
    const info = await stat(join(root, out)).catch(() => undefined);
    if (!info) return `${out} is missing`;
    oldestOutput = Math.min(oldestOutput, info.mtimeMs);
  }
  for (const input of [...INPUTS, MANIFEST[variant]]) {
    if ((await newest(join(root, input))) > oldestOutput) return `${input} changed after the last build`;
  }
  return undefined;
}
