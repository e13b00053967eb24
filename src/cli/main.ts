import { DepthRestyleError } from "../core/errors";
import { EXIT, type CliCommand, type CliIo } from "./io";

const USAGE = `Usage: depth-restyle <command> [options]

Commands:
  generate   Restyle one image with Segmind SSD-1B Depth (depth-guided image-to-image)
  serve      Run the local GPU gateway in front of ComfyUI
  depth      Write an image's depth map (white = near) with an ONNX depth model
  slices     Split an image into transparent layers by depth (slice-1.png = nearest)

Run "depth-restyle <command> --help" for the options of a command.
`;

/** Loads a command lazily, so `generate` never pays for the server's imports and vice versa. */
const COMMANDS: Record<string, () => Promise<{ run: CliCommand }>> = {
  generate: () => import("./generate"),
  serve: () => import("./serve"),
  depth: async () => ({ run: (await import("./depth")).runDepth }),
  slices: async () => ({ run: (await import("./depth")).runSlices }),
};

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
  const { run } = await load();
  try {
    return await run(rest, io);
  } catch (error) {
    // Expected failures carry a fix-it message; only real bugs deserve a stack trace.
    if (error instanceof DepthRestyleError) io.stderr(`Error: ${error.message}\n`);
    else io.stderr(`Unexpected failure — please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
