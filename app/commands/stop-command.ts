import { comment } from '../github/repo-target.js';
import { loadForgePull } from '../repair/forge-pull.js';
import { summaryComment } from '../repair/repair-comments.js';
import { endMarker, readRepairHistory } from '../repair/repair-markers.js';
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
    const { target, config } = context;
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
    const { history, attemptLinks } = await readRepairHistory(target, pull.number);
    if (history.ended) {
      await comment(
        target,
        pull.number,
        `The repair loop has already ended (${history.ended.reason}); \`/fix\` asks for one more attempt.`,
      );
      return;
    }
    await comment(
      target,
      pull.number,
      summaryComment({
        marker: endMarker('stopped', 0),
        reason: 'stopped',
        attempts: history.attempts,
        attemptLinks,
        failures: [],
        links: undefined,
        by: context.sender,
      }),
    );
  },
};
