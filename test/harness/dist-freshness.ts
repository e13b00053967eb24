import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Inputs of `npm run build`: when any is newer than the oldest output, dist/ is stale. */
const INPUTS = ["src/ui", "src/shared", "src/core", "src/sandbox", "assets/icons", "manifest.json", "webpack.config.js", "tsconfig.panel.json", "package.json"];
const OUTPUTS = ["dist/index.html", "dist/code.js", "dist/manifest.json"];

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of await readdir(path)) max = Math.max(max, await newest(join(path, entry)));
  return max;
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
export async function distStaleReason(root: string): Promise<string | undefined> {
  let oldestOutput = Infinity;
  for (const out of OUTPUTS) {
    const info = await stat(join(root, out)).catch(() => undefined);
    if (!info) return `${out} is missing`;
    oldestOutput = Math.min(oldestOutput, info.mtimeMs);
  }
  for (const input of INPUTS) {
    if ((await newest(join(root, input))) > oldestOutput) return `${input} changed after the last build`;
  }
  return undefined;
}
