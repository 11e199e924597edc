import { comment } from '../github/repo-target.js';
import { loadForgePull } from '../repair/forge-pull.js';
import { stopRepair } from '../repair/steer-repair.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/** `/stop` on a Forge pull request: ends its repair loop with a summary for a human. */
export const stopCommand: ForgeCommand = {
  name: 'stop',
  synopsis: '/stop',
  summary: 'On a Forge pull request: end the repair loop (no more automatic fixes).',
  requirement: 'write',
  whenCancelled: 'run',
  parse: noArguments('stop'),
  run: async (context) => {
    const { target, config, deps } = context;
    const pull =
      context.pullNumber === undefined ? undefined : await loadForgePull(target, config, context.pullNumber);
    if (!pull) {
      await comment(
        target,
        context.threadNumber,
        '`/stop` works on an open pull request Odoo Forge opened: comment it there.',
      );
      return;
    }
    await stopRepair(
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
