import { comment } from '../github/repo-target.js';
import { isForgeRun } from '../retest/rerun-forge-workflow.js';
import { loadForgePull } from '../repair/forge-pull.js';
import { FIX_MARKER } from '../repair/repair-markers.js';
import { runRepair } from '../repair/run-repair.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/**
 * `/fix` on a Forge pull request: grants one more repair attempt (past `repair.max_attempts`,
 * a repeated or grown failure set, or a `/stop`) and makes it at once on the head's failed
 * Forge run; without one, the next failed run gets it.
 */
export const fixCommand: ForgeCommand = {
  name: 'fix',
  synopsis: '/fix',
  summary: 'On a Forge pull request: one more repair attempt on its failing checks.',
  requirement: 'write',
  whenCancelled: 'refuse',
  parse: noArguments('fix'),
  run: async (context) => {
    const { target, config } = context;
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
    const { data } = await target.octokit.rest.actions.listWorkflowRunsForRepo({
      owner: target.owner,
      repo: target.repo,
      head_sha: pull.headSha,
      per_page: 100,
    });
    const latest = data.workflow_runs.filter(isForgeRun).sort((a, b) => b.id - a.id)[0];
    const failed = latest?.status === 'completed' && latest.conclusion === 'failure' ? latest : undefined;
    await comment(
      target,
      pull.number,
      `${FIX_MARKER}\n🔧 @${context.sender} asked for one more repair attempt${failed ? `: answering [run ${failed.id}](${failed.html_url}) now.` : '; no failed Odoo Forge run on the head yet, so the next failed run gets it.'}`,
    );
    if (!failed) return;
    await runRepair(
      {
        target,
        config,
        deps: context.deps.repair ?? { repairer: undefined, checkAddon: undefined },
        generate: context.deps.generate,
      },
      pull,
      { id: failed.id, conclusion: failed.conclusion, headSha: failed.head_sha, url: failed.html_url },
      { again: true },
    );
  },
};
