/**
 * The built add-on as Adobe's developer server reads it on every request
 * (utilities/AddOnManifestReader.js, core's traverseDirectory): dist/manifest.json validated as a
 * developer add-on, and the list of files under dist/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AddOnManifest } from "@adobe/ccweb-add-on-manifest";
import { DevManifestSchema, type DevManifest } from "./protocol";

/** @adobe/ccweb-add-on-core constants.js ADDITIONAL_ADD_ON_INFO: what `start` validates with. */
const DEVELOPER_ADD_ON = { sourceId: "developerSource", privileged: true, isDeveloperAddOn: true };

export type DistManifest = { ok: true; manifest: DevManifest } | { ok: false; problems: string[] };

export function readDistManifest(dist: string): DistManifest {
  const file = path.join(dist, "manifest.json");
  if (!existsSync(file)) return { ok: false, problems: [`Could not find manifest.json in ${dist} (is the first build finished?).`] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { ok: false, problems: ["JSON format error in manifest.json"] };
  }
  const { manifestValidationResult } = AddOnManifest.createManifest({ manifest: raw, additionalInfo: DEVELOPER_ADD_ON });
  if (!manifestValidationResult.success)
    return { ok: false, problems: (manifestValidationResult.errorDetails ?? []).map((e) => `${e.instancePath ? `${e.instancePath} - ` : ""}${e.message}`) };
  const manifest = DevManifestSchema.parse(raw);
  const missing = manifest.entryPoints
    .map((entry) => String(entry["main"]))
    .filter((main) => !existsSync(path.join(dist, main)) || !statSync(path.join(dist, main)).isFile());
  if (missing.length > 0) return { ok: false, problems: missing.map((main) => `Specified main ${main} does not exist in dist.`) };
  return { ok: true, manifest };
}

/** Every file under dist/ as a posix path relative to it, in a stable order. */
export function listDistFiles(dist: string, prefix = ""): string[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listDistFiles(path.join(dist, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}
