import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** The parts of the built add-on's manifest (v2) the harness needs to load it like Express. */
const ManifestSchema = z.object({
  id: z.string().optional(),
  manifestVersion: z.literal(2),
  entryPoints: z
    .array(z.object({ type: z.string(), id: z.string(), main: z.string(), documentSandbox: z.string().optional() }))
    .min(1),
});

export interface AddOnEntry {
  id: string;
  main: string;
  documentSandbox: string;
  raw: Record<string, unknown>;
}

export async function readAddOnManifest(distDir: string): Promise<AddOnEntry> {
  const path = join(distDir, "manifest.json");
  const text = await readFile(path, "utf8").catch(() => {
    throw new Error(`no ${path}: build the add-on first (npm run build)`);
  });
  const raw = z.record(z.string(), z.unknown()).parse(JSON.parse(text));
  const manifest = ManifestSchema.parse(raw);
  const panel = manifest.entryPoints.find((e) => e.type === "panel");
  if (!panel) throw new Error(`${path} has no panel entry point`);
  if (!panel.documentSandbox) throw new Error(`${path}: the panel entry point names no documentSandbox`);
  return { id: manifest.id ?? panel.id, main: panel.main, documentSandbox: panel.documentSandbox, raw };
}
