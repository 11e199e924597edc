import { comment } from '../github/repo-target.js';
import type { ForgeCommand } from './forge-command.js';

export const helpCommand: ForgeCommand = {
  name: 'help',
  synopsis: '/help',
  summary: 'Show this list.',
  requirement: 'anyone',
  whenCancelled: 'run',
  parse: () => ({ ok: true, args: '' }),
  run: async (context) => {
    await comment(context.target, context.threadNumber, `**Odoo Forge commands**\n\n${context.usage}`);
  },
};
