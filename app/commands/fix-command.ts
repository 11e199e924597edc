import { comment } from '../github/repo-target.js';
import { loadForgePull } from '../repair/forge-pull.js';
import { grantRepairAttempt } from '../repair/steer-repair.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/** `/fix` on a Forge pull request: one more repair attempt (see grantRepairAttempt). */
export const fixCommand: ForgeCommand = {
  name: 'fix',
  synopsis: '/fix',
  summary: 'On a Forge pull request: one more repair attempt on its failing checks.',
  requirement: 'write',
  whenCancelled: 'refuse',
  parse: noArguments('fix'),
  run: async (context) => {
    const { target, config, deps } = context;
    const pull =
      context.pullNumber === undefined ? undefined : await loadForgePull(target, config, context.pullNumber);
    if (!pull) {
      await comment(
        target,
        context.threadNumber,
        '`/fix` works on an open pull request Odoo Forge opened: comment it there.',
      );
      return;
    }
    await grantRepairAttempt(
      {
        target,
        config,
        deps: deps.repair ?? { repairer: undefined, checkAddon: undefined },
        generate: deps.generate,
      },
      pull,
      context.sender,
    );
  },
};
