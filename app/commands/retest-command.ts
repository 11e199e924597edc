import { comment } from '../github/repo-target.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/**
 * `/retest` on a pull request: re-runs the failed jobs of the workflow runs of its head commit
 * (needs the `actions: write` permission). On an issue it explains where it applies.
 */
export const retestCommand: ForgeCommand = {
  name: 'retest',
  synopsis: '/retest',
  summary: 'On a pull request: re-run the failed CI jobs of its head commit.',
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
    const { data } = await target.octokit.rest.actions.listWorkflowRunsForRepo({
      owner: target.owner,
      repo: target.repo,
      head_sha: pull.head.sha,
      per_page: 50,
    });
    const failed = data.workflow_runs.filter(
      (run) =>
        run.status === 'completed' && ['failure', 'cancelled', 'timed_out'].includes(run.conclusion ?? ''),
    );
    for (const run of failed) {
      await target.octokit.rest.actions.reRunWorkflowFailedJobs({
        owner: target.owner,
        repo: target.repo,
        run_id: run.id,
      });
    }
    const answer =
      failed.length > 0
        ? `🔁 Re-running the failed jobs of ${failed.map((r) => `[${r.name ?? r.id}](${r.html_url})`).join(', ')}.`
        : `Nothing to re-run: no failed workflow run on ${pull.head.sha.slice(0, 7)}.`;
    await comment(target, context.threadNumber, answer);
  },
};
