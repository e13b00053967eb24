/** What a CLI command may touch of its process, passed in so tests and other commands can run it in-process. */
export interface CliIo {
  /** Writes to standard output (text as given; add your own newlines). */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C, so a command can cancel its requests cleanly. */
  signal?: AbortSignal;
}

/** A subcommand module: `run` returns the process exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
