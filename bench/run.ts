/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after
 * another and prints each one's side-by-side ratios. Not part of `npm test`: timings are noisy here.
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BenchModuleSchema, formatReport } from "./report";

const dir = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  const mod = BenchModuleSchema.parse(await import(pathToFileURL(`${dir}/${file}`).href));
  process.stdout.write(`\n## ${file}\n`);
  try {
    process.stdout.write(formatReport(await mod.default()));
  } catch (error) {
    failed++;
    process.stdout.write(`FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
