import { addLabel, comment, isStatus, type RepoTarget } from '../github/repo-target.js';
import { REOPEN_MARKER } from '../spec-comment/cancel-marker.js';
import { findSpecComments, latestSpec } from '../spec-comment/find-spec-comments.js';
import { answerOnIssue } from './answer-on-issue.js';
import { noArguments, type ForgeCommand } from './forge-command.js';
import { removeLabel } from './remove-label.js';

/**
 * `/reopen`: undoes `/cancel`. Removes the cancelled label, labels the issue as having a spec
 * again when it has one, reopens the pull request `/cancel` closed (when it is still closed and
 * not merged), and records the reopen so commands and spec edits are answered again.
 */
export const reopenCommand: ForgeCommand = {
  name: 'reopen',
  synopsis: '/reopen',
  summary: 'Restore a cancelled request (and the pull request `/cancel` closed).',
  requirement: 'write',
  whenCancelled: 'run',
  parse: noArguments('reopen'),
  run: async (context) => {
    const { target, config, issueNumber } = context;
    const comments = await findSpecComments(target, issueNumber);
    if (!comments.cancelled) {
      await comment(target, context.threadNumber, 'Nothing to reopen: this request is not cancelled.');
      return;
    }
    await removeLabel(target, issueNumber, config.labels.cancelled);
    if (latestSpec(comments)) await addLabel(target, issueNumber, config.labels.spec);
    const pull = comments.cancelled.pullNumber;
    const reopened = pull !== undefined ? await reopenPullRequest(target, pull) : '';
    await answerOnIssue(
      context,
      REOPEN_MARKER,
      `♻️ Reopened by @${context.sender}.${reopened} \`/approve\`, \`/revise\` and spec edits work again.`,
    );
  },
};

/** Reopens pull request `number` if it is closed and not merged; says what it did. */
async function reopenPullRequest(target: RepoTarget, number: number): Promise<string> {
  const { owner, repo } = target;
  const { data } = await target.octokit.rest.pulls.get({ owner, repo, pull_number: number });
  if (data.merged) return ` #${number} was merged meanwhile; \`/approve\` opens a new pull request.`;
  if (data.state === 'open') return ` #${number} is open.`;
  try {
    await target.octokit.rest.pulls.update({ owner, repo, pull_number: number, state: 'open' });
    return ` Reopened #${number}.`;
  } catch (thrown) {
    // GitHub refuses (422) when the branch is gone or another pull request uses it.
    if (!isStatus(thrown, 422)) throw thrown;
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return ` GitHub refused to reopen #${number} (${reason}); \`/approve\` opens a new pull request.`;
  }
}
