/**
 * `npm run package`: production build, manifest check with Adobe's validator, then the zip to
 * upload (dist/ contents at the archive root, no source maps), refusing anything over 50 MB.
 */
import { spawnSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AddOnManifest } from "@adobe/ccweb-add-on-manifest";
import { zip, type ZipEntry } from "./zip";

export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

export async function collect(dir: string, prefix = ""): Promise<ZipEntry[]> {
  const out: ZipEntry[] = [];
  for (const item of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, item.name);
    const name = prefix ? `${prefix}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...(await collect(full, name)));
    else if (!item.name.endsWith(".map") && item.name !== ".DS_Store") out.push({ name, data: await readFile(full) });
  }
  return out;
}

export async function packageDist(distDir: string, zipPath: string): Promise<{ bytes: number; files: number }> {
  const manifest = JSON.parse(await readFile(path.join(distDir, "manifest.json"), "utf8"));
  const { manifestValidationResult } = AddOnManifest.createManifest({ manifest, additionalInfo: { sourceId: "package", privileged: false, isDeveloperAddOn: false } });
  if (!manifestValidationResult.success) throw new Error(`dist/manifest.json is not publishable: ${JSON.stringify(manifestValidationResult.errorDetails)}`);
  const entries = await collect(distDir);
  const archive = zip(entries);
  if (archive.length > MAX_PACKAGE_BYTES) throw new Error(`The package is ${(archive.length / 1e6).toFixed(1)} MB; Express accepts at most 50 MB.`);
  await writeFile(zipPath, archive);
  return { bytes: archive.length, files: entries.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const experimental = process.argv.includes("--experimental");
  const env = { ...process.env, NODE_ENV: "production", ...(experimental ? { DEPTH_RESTYLE_EXPERIMENTAL: "1" } : {}) };
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/webpack/bin/webpack.js")], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const dist = path.join(root, experimental ? "dist-experimental" : "dist");
  const version = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")).version as string;
  const zipPath = path.join(root, `depth-restyle-${version}${experimental ? "-experimental" : ""}.zip`);
  try {
    const { bytes, files } = await packageDist(dist, zipPath);
    console.log(`${path.relative(root, zipPath)}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB (limit 50 MB)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
