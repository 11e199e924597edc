import { Command, CommanderError } from 'commander';
import { ForgeError, toError } from '../core/errors/forge-error.js';
import { ExitCode, processIo, reportError, wantsJson, type CliIo, type ExitCodeValue } from './cli-io.js';
import { commands } from './commands/index.js';

/** Builds the program from the command registry. */
export function buildProgram(
  io: CliIo,
  setExit: (code: ExitCodeValue) => void,
  options: { json?: boolean } = {},
): Command {
  const program = new Command('odoo-forge')
    .description('Odoo Forge: module specs to OCA-style Odoo addons, checked and tested on a real Odoo')
    .exitOverride()
    // Under --json, commander's own usage errors become the JSON error object (printed by main).
    .configureOutput({ writeOut: io.out, writeErr: options.json ? () => undefined : io.err });
  for (const command of commands) command.register(program, io, setExit);
  return program;
}

/**
 * Runs the CLI and returns the exit code. Errors are reported once, here, without a stack trace;
 * under `--json` (or `--format json`) as a JSON error object on stdout, with the same exit code.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exit: ExitCodeValue = ExitCode.ok;
  const json = wantsJson(argv);
  const program = buildProgram(
    io,
    (code) => {
      exit = code;
    },
    { json },
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.exitCode === 0) return ExitCode.ok;
      if (json)
        reportError(io, true, { code: 'input.usage', message: thrown.message.replace(/^error: /, '') });
      return ExitCode.badInput;
    }
    const error = toError(thrown);
    if (error instanceof ForgeError) {
      reportError(io, json, { code: error.code, message: error.message, hint: error.hint });
      return error.code.startsWith('input.') ? ExitCode.badInput : ExitCode.failed;
    }
    if (json) reportError(io, true, { code: 'internal', message: error.message });
    else io.err(`odoo-forge: internal error: ${error.stack ?? error.message}\n`);
    return ExitCode.internal;
  }
}
