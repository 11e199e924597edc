import type { Command } from 'commander';
import type { CliIo, ExitCodeValue } from './cli-io.js';

/**
 * A CLI subcommand. `register` declares it on the program; its action stores the exit code in
 * `setExit` rather than calling process.exit, so commands stay testable in-process.
 */
export interface CliCommand {
  name: string;
  register(program: Command, io: CliIo, setExit: (code: ExitCodeValue) => void): void;
}
