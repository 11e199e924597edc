import type { CliCommand } from '../command.js';

/** Every subcommand of odoo-forge. Add one line per command. */
export const commands: CliCommand[] = [];
