#!/usr/bin/env node
// The only process set-up: the CLI ships as TypeScript, so register tsx's loader, then hand over
// to src/cli/main.ts. SIGINT (Ctrl+C) or SIGTERM (docker stop, a service manager) cancels the command cleanly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");

const controller = new AbortController();
process.once("SIGINT", () => {
  process.stderr.write("\nCancelling…\n");
  controller.abort();
});
process.once("SIGTERM", () => controller.abort());

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: controller.signal,
});
