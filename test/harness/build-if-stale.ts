/**
 * Rebuilds dist/ when its sources changed. Run under `flock` by ensureDist() so parallel jest
 * workers build once: the second one finds dist/ fresh.
 */
import { execFileSync } from "node:child_process";
import { distDirOf, distStaleReason } from "./dist-freshness";
import { REPO_ROOT } from "./paths";

const variant = process.argv[2] === "experimental" ? "experimental" : "published";
const reason = await distStaleReason(REPO_ROOT, variant);
if (reason) {
  process.stderr.write(`building ${distDirOf(variant)}/ (${reason})\n`);
  execFileSync("npm", ["run", variant === "experimental" ? "build:experimental" : "build"], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
}
