import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Layers import one way: shared <- core <- ui | sandbox | server | cli. Read from every source
 * file's import specifiers (static, re-exports, dynamic and `import type`), resolved to the
 * top folder of src/ they land in.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

const FORBIDDEN: Record<string, readonly string[]> = {
  shared: ["core", "ui", "server", "cli", "sandbox"],
  core: ["ui", "server", "cli", "sandbox"],
  server: ["cli", "ui", "sandbox"],
  sandbox: ["ui", "server", "cli"],
  ui: ["server", "cli", "sandbox"],
  cli: ["ui", "sandbox"],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/** Every module specifier a source text names. */
function specifiersOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]!);
}

/** The top folder under src/ a relative specifier from `file` lands in, or undefined for a package or a file outside src/. */
function layerOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(src, resolve(dirname(file), specifier));
  if (target.startsWith("..")) return undefined;
  return target.split(sep)[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** "src/shared/x.ts imports ../core/errors (core)" for each import against the direction. */
function violations(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const layer = relative(src, path).split(sep)[0]!;
    for (const specifier of specifiersOf(text)) {
      const target = layerOf(path, specifier);
      if (target && FORBIDDEN[layer]?.includes(target)) found.push(`${relative(root, path)} imports ${specifier} (${target})`);
    }
  }
  return found;
}

test("every import in src/ runs the layers' way: shared imports nothing above it, core no runtime, the gateway not the CLI", () => {
  const files = sourceFiles(src).map((path) => ({ path, text: readFileSync(path, "utf8") }));
  expect(files.length).toBeGreaterThan(50);
  expect(violations(files)).toEqual([]);
});

test("the check sees every form of import that breaks the direction", () => {
  const file = (name: string, text: string) => ({ path: join(src, name), text });
  const found = violations([
    file("shared/a.ts", 'import { X } from "../core/errors";'),
    file("shared/b.ts", 'import type { Y } from "../ui/host/express-host";'),
    file("shared/c.ts", 'export { Z } from "../server/config";'),
    file("core/d.ts", 'const m = await import("../cli/main");'),
    file("server/e.ts", 'import {\n  a,\n  b,\n} from "../cli/serve";'),
    file("server/f.ts", 'import "../cli/io";'),
    file("core/ok.ts", 'import { z } from "zod";\nimport { LIMITS } from "../shared/settings";\nimport { x } from "./errors";'),
  ]);
  expect(found).toEqual([
    "src/shared/a.ts imports ../core/errors (core)",
    "src/shared/b.ts imports ../ui/host/express-host (ui)",
    "src/shared/c.ts imports ../server/config (server)",
    "src/core/d.ts imports ../cli/main (cli)",
    "src/server/e.ts imports ../cli/serve (cli)",
    "src/server/f.ts imports ../cli/io (cli)",
  ]);
});
