/** What a CLI command may touch: its output streams and whether they are terminals. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** The thing ran and found a problem (findings with errors, failed tests). */
  failed: 1,
  /** The input was wrong (bad spec, bad flag, missing file): nothing was done. */
  badInput: 2,
  /** Forge itself broke. */
  internal: 70,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The error a command prints under `--json`: one object on stdout, `{"error": {code, message, hint}}`. */
export interface JsonError {
  error: { code: string; message: string; hint?: string };
}

/**
 * Whether the command line asks for JSON output (`--json`, `--format json`, `--format=json`):
 * its errors are then printed as a {@link JsonError} on stdout, for scripts that parse stdout.
 * Arguments after `--` are operands, not flags.
 */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  return flags.some(
    (arg, index) =>
      arg === '--json' || arg === '--format=json' || (arg === '--format' && flags[index + 1] === 'json'),
  );
}

/** Prints an error as people read it (stderr, with its hint) or, under `--json`, as a JSON object on stdout. */
export function reportError(
  io: CliIo,
  json: boolean,
  error: { code: string; message: string; hint?: string },
): void {
  if (json) {
    const body: JsonError = { error: { code: error.code, message: error.message } };
    if (error.hint) body.error.hint = error.hint;
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  io.err(`odoo-forge: ${error.message}\n`);
  if (error.hint) io.err(`hint: ${error.hint}\n`);
}

export function processIo(): CliIo {
  // A closed pipe (`odoo-forge … | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}
