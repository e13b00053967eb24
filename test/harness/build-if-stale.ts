/**
 * Rebuilds dist/ when its sources changed. Run under `flock` by ensureDist() so parallel jest
 * workers build once: the second one finds dist/ fresh.
 */
import { execFileSync } from "node:child_process";
import { distStaleReason } from "./dist-freshness";
import { REPO_ROOT } from "./paths";

const reason = await distStaleReason(REPO_ROOT);
if (reason) {
  process.stderr.write(`building dist/ (${reason})\n`);
  execFileSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
}
