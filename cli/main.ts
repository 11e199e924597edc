import { Command, CommanderError } from 'commander';
import { ForgeError, toError } from '../core/errors/forge-error.js';
import { ExitCode, processIo, type CliIo, type ExitCodeValue } from './cli-io.js';
import { commands } from './commands/index.js';

/** Builds the program from the command registry. */
export function buildProgram(io: CliIo, setExit: (code: ExitCodeValue) => void): Command {
  const program = new Command('odoo-forge')
    .description('Odoo Forge: module specs to OCA-style Odoo addons, checked and tested on a real Odoo')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const command of commands) command.register(program, io, setExit);
  return program;
}

/** Runs the CLI and returns the exit code. Errors are reported once, here, without a stack trace. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exit: ExitCodeValue = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.exitCode === 0) return ExitCode.ok;
      return ExitCode.badInput;
    }
    const error = toError(thrown);
    if (error instanceof ForgeError) {
      io.err(`odoo-forge: ${error.message}\n`);
      if (error.hint) io.err(`hint: ${error.hint}\n`);
      return error.code.startsWith('input.') ? ExitCode.badInput : ExitCode.failed;
    }
    io.err(`odoo-forge: internal error: ${error.stack ?? error.message}\n`);
    return ExitCode.internal;
  }
}
