import { comment } from '../github/repo-target.js';
import { describeRerun, rerunForgeWorkflow } from '../retest/rerun-forge-workflow.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/**
 * `/retest` on a pull request: re-runs the Odoo Forge workflow of its head commit (the failed
 * jobs of a run that failed, every job of a run that passed; needs the `actions: write`
 * permission). On an issue it explains where it applies.
 */
export const retestCommand: ForgeCommand = {
  name: 'retest',
  synopsis: '/retest',
  summary: 'On a pull request: re-run the Odoo Forge workflow of its head commit.',
  requirement: 'write',
  whenCancelled: 'refuse',
  parse: noArguments('retest'),
  run: async (context) => {
    const { target } = context;
    if (context.pullNumber === undefined) {
      await comment(
        target,
        context.threadNumber,
        '`/retest` works on pull requests: comment it on the pull request whose checks you want to run again.',
      );
      return;
    }
    const { data: pull } = await target.octokit.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: context.pullNumber,
    });
    const outcome = await rerunForgeWorkflow(target, pull.head.sha);
    await comment(target, context.threadNumber, describeRerun(outcome, pull.head.sha));
  },
};
