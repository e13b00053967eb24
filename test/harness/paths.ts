import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const ARTIFACTS = resolve(REPO_ROOT, "test-artifacts");
