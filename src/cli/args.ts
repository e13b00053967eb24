/** What every command shares: its flag helpers and the runner from parsed flags to an exit code. */
import { ValidationError } from "../core/errors";
import { EXIT, type CliCommand, type CliIo } from "./io";

/** Numbers stay strings when they do not parse, so the schema names the field and its range. */
export const num = (text: string | undefined): number | string | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
};

/** By code, not class: node:util's TypeError may come from another realm (e.g. under jest). */
export const isArgsError = (error: unknown): error is Error =>
  typeof error === "object" && error !== null && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");

type Help = { help: true };
const isHelp = (args: object): args is Help => (args as { help?: unknown }).help === true;

/** One command: parse its flags (a wrong command line prints why and exits 2), print its help, or do the work (exit 0). */
export function command<A extends object>(
  name: string,
  help: string,
  parse: (argv: string[], env: CliIo["env"]) => A | Help,
  work: (args: Exclude<A, Help>, io: CliIo) => Promise<void>,
): CliCommand {
  return async (argv, io) => {
    let args: A | Help;
    try {
      args = parse(argv, io.env);
    } catch (error) {
      if (!(error instanceof ValidationError) && !isArgsError(error)) throw error;
      io.stderr(`${error.message}\nRun "depth-restyle ${name} --help" for every option.\n`);
      return EXIT.usage;
    }
    if (isHelp(args)) {
      io.stdout(help);
      return EXIT.ok;
    }
    await work(args as Exclude<A, Help>, io);
    return EXIT.ok;
  };
}
