import { comment } from '../github/repo-target.js';
import { isForgeRun } from '../retest/rerun-forge-workflow.js';
import type { ForgePull } from './forge-pull.js';
import { summaryComment } from './repair-comments.js';
import { endMarker, FIX_MARKER, readRepairHistory } from './repair-markers.js';
import { runRepair, type RepairContext, type RepairOutcome } from './run-repair.js';

/**
 * `/fix` or the check run's _Fix_ button: grants one more repair attempt (past
 * `repair.max_attempts`, a repeated or grown failure set, or a stop) and makes it at once on
 * the head's latest Forge run when that run failed; otherwise the next failed run gets it.
 */
export async function grantRepairAttempt(
  context: RepairContext,
  pull: ForgePull,
  sender: string,
): Promise<RepairOutcome | undefined> {
  const { target } = context;
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
    `${FIX_MARKER}\n🔧 @${sender} asked for one more repair attempt${failed ? `: answering [run ${failed.id}](${failed.html_url}) now.` : '; no failed Odoo Forge run on the head yet, so the next failed run gets it.'}`,
  );
  if (!failed) return undefined;
  return runRepair(
    context,
    pull,
    { id: failed.id, conclusion: failed.conclusion, headSha: failed.head_sha, url: failed.html_url },
    { again: true },
  );
}

/** `/stop` or the check run's _Stop repair_ button: ends the loop with the summary. */
export async function stopRepair(context: RepairContext, pull: ForgePull, sender: string): Promise<boolean> {
  const { target } = context;
  const { history, attemptLinks } = await readRepairHistory(target, pull.number);
  if (history.ended) {
    await comment(
      target,
      pull.number,
      `The repair loop has already ended (${history.ended.reason}); \`/fix\` asks for one more attempt.`,
    );
    return false;
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
      by: sender,
    }),
  );
  return true;
}
