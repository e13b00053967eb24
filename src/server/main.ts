/**
 * Process entry of the gateway (`npm run gateway`, same as `depth-restyle serve`): the
 * configuration is parsed once from flags and DEPTH_RESTYLE_* variables; SIGINT/SIGTERM stop it cleanly.
 */
import { main } from "../cli/main";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());

process.exitCode = await main(["serve", ...process.argv.slice(2)], {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: controller.signal,
});
