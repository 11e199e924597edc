import * as core from '@actions/core';
import { CheckRun, checkRunName } from '../../shared/check-runs.js';
import { readPullRequestContext } from '../../shared/pull-request-context.js';
import { CHECK_RUN_DONE_STATE, CHECK_RUN_STATE } from './check-state.js';

/** Completes the check run main left in progress (a cancelled or killed job) as `cancelled`. */
export async function completeCancelledCheck(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const id = Number(core.getState(CHECK_RUN_STATE));
  if (!id || core.getState(CHECK_RUN_DONE_STATE) === 'true') return;
  const context = readPullRequestContext(env);
  const name = checkRunName('lint');
  const checkRun = CheckRun.attach(
    core,
    {
      token: core.getInput('github-token'),
      owner: context.owner,
      repo: context.repo,
      headSha: context.headSha,
      name,
      ...(context.runUrl ? { detailsUrl: context.runUrl } : {}),
    },
    id,
  );
  const done = await checkRun.complete({
    conclusion: 'cancelled',
    title: 'Cancelled before the check finished',
    summary: `## ${name}: cancelled\n\nThe job was cancelled (or its runner stopped) before the check finished; re-run the workflow for a verdict.\n`,
    annotations: [],
  });
  if (done) core.info(`${name}: check run ${id} completed as cancelled.`);
}
