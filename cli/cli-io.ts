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
