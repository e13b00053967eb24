import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DistVariant } from "./dist-freshness";
import { REPO_ROOT } from "./paths";

/** Builds dist/ (or dist-experimental/) once if missing or stale (serialised across jest workers with flock). */
export function ensureDist(variant: DistVariant = "published"): void {
  const lock = join(tmpdir(), `depth-restyle-dist-build-${variant}.lock`);
  try {
    execFileSync("flock", [lock, join(REPO_ROOT, "node_modules/.bin/tsx"), join(REPO_ROOT, "test/harness/build-if-stale.ts"), variant], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      // Waiting for another worker's build counts too; a production build takes minutes on a busy machine.
      timeout: 840_000,
    });
  } catch (error) {
    const out = error as { stdout?: Buffer; stderr?: Buffer; signal?: string };
    const why = out.signal ? `it was stopped (${out.signal}) after 14 minutes` : "it failed";
    throw new Error(`npm run build ${why}, so the panel cannot be tested:\n${out.stdout?.toString() ?? ""}${out.stderr?.toString() ?? ""}`);
  }
}
