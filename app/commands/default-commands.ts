import { approveCommand } from './approve-command.js';
import { cancelCommand } from './cancel-command.js';
import { CommandRegistry } from './command-registry.js';
import { copyCommand } from './copy-command.js';
import { deployCommand } from './deploy-command.js';
import { fixCommand } from './fix-command.js';
import { helpCommand } from './help-command.js';
import { reopenCommand } from './reopen-command.js';
import { retestCommand } from './retest-command.js';
import { rollbackCommand } from './rollback-command.js';
import { reviseCommand } from './revise-command.js';
import { stopCommand } from './stop-command.js';

/** The commands Odoo Forge answers to, in the order `/help` lists them. */
export function defaultCommands(): CommandRegistry {
  return new CommandRegistry([
    approveCommand,
    reviseCommand,
    retestCommand,
    cancelCommand,
    reopenCommand,
    deployCommand,
    rollbackCommand,
    copyCommand,
    fixCommand,
    stopCommand,
    helpCommand,
  ]);
}
