import { approveCommand } from './approve-command.js';
import { cancelCommand } from './cancel-command.js';
import { CommandRegistry } from './command-registry.js';
import { helpCommand } from './help-command.js';
import { reopenCommand } from './reopen-command.js';
import { retestCommand } from './retest-command.js';
import { reviseCommand } from './revise-command.js';

/** The commands Odoo Forge answers to, in the order `/help` lists them. */
export function defaultCommands(): CommandRegistry {
  return new CommandRegistry([
    approveCommand,
    reviseCommand,
    retestCommand,
    cancelCommand,
    reopenCommand,
    helpCommand,
  ]);
}
