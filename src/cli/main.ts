import { DepthRestyleError } from "../core/errors";
import { EXIT, type CliCommand, type CliIo } from "./io";

const USAGE = `Usage: depth-restyle <command> [options]

Commands:
  generate   Restyle one image with Segmind SSD-1B Depth (depth-guided image-to-image)
  serve      Run the local GPU gateway in front of ComfyUI

Run "depth-restyle <command> --help" for the options of a command.
`;

/** Loads a command lazily, so `generate` never pays for the server's imports and vice versa. */
const COMMANDS: Record<string, () => Promise<unknown>> = {
  generate: () => import("./generate"),
  // Through a variable: serve.ts is written separately and may not be in this checkout yet.
  serve: () => {
    const specifier = "./serve";
    return import(specifier);
  },
};

function commandOf(mod: unknown): CliCommand | undefined {
  const run = typeof mod === "object" && mod !== null ? (mod as { run?: unknown }).run : undefined;
  return typeof run === "function" ? (run as CliCommand) : undefined;
}

const isMissingModule = (error: unknown): boolean =>
  typeof error === "object" && error !== null && ["ERR_MODULE_NOT_FOUND", "MODULE_NOT_FOUND"].includes(String((error as { code?: unknown }).code));

/** Entry of the `depth-restyle` binary; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  let mod: unknown;
  try {
    mod = await load();
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    io.stderr(`The "${name}" command is not available in this build (src/cli/${name}.ts is missing). Update depth-restyle.\n`);
    return EXIT.failed;
  }
  const run = commandOf(mod);
  if (!run) {
    io.stderr(`The "${name}" command is broken in this build (it exports no run function). Please report it.\n`);
    return EXIT.failed;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    // Expected failures carry a fix-it message; only real bugs deserve a stack trace.
    if (error instanceof DepthRestyleError) io.stderr(`Error: ${error.message}\n`);
    else io.stderr(`Unexpected failure — please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
