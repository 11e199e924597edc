import { addLabel, comment } from '../github/repo-target.js';
import { findOpenPullRequest } from '../git/upsert-pull-request.js';
import { cancelMarker, cancelledAnswer } from '../spec-comment/cancel-marker.js';
import { findSpecComments, latestSpec } from '../spec-comment/find-spec-comments.js';
import { validateSpecComment } from '../spec-comment/load-latest-spec.js';
import { answerOnIssue } from './answer-on-issue.js';
import { noArguments, type ForgeCommand } from './forge-command.js';
import { removeLabel } from './remove-label.js';

/**
 * `/cancel`: stops the request. Closes Forge's open pull request for it (the branch is kept),
 * labels the issue cancelled and records the cancel in its answer, which every later command,
 * spec edit and queued piece of work reads; `/reopen` undoes it.
 */
export const cancelCommand: ForgeCommand = {
  name: 'cancel',
  synopsis: '/cancel',
  summary:
    'Stop this request: close its pull request (the branch is kept); later commands and edits wait for `/reopen`.',
  requirement: 'write',
  whenCancelled: 'run',
  parse: noArguments('cancel'),
  run: async (context) => {
    const { target, config, issueNumber } = context;
    const comments = await findSpecComments(target, issueNumber);
    if (comments.cancelled) {
      await comment(target, context.threadNumber, cancelledAnswer('Nothing to cancel', comments.cancelled));
      return;
    }
    const latest = latestSpec(comments);
    const checked = latest ? validateSpecComment(latest) : undefined;
    const module = checked?.kind === 'valid' ? checked.spec.module.name : undefined;
    const pull = module ? await findOpenPullRequest(target, `${config.branch_prefix}${module}`) : undefined;
    if (pull)
      await target.octokit.rest.pulls.update({
        owner: target.owner,
        repo: target.repo,
        pull_number: pull.number,
        state: 'closed',
      });
    await addLabel(target, issueNumber, config.labels.cancelled);
    await removeLabel(target, issueNumber, config.labels.spec);
    const closed = pull ? ` Closed #${pull.number}; its branch is kept.` : '';
    await answerOnIssue(
      context,
      cancelMarker(pull?.number),
      `🛑 Cancelled by @${context.sender}.${closed} Until someone with write access comments \`/reopen\`, I answer \`/approve\`, \`/revise\` and spec edits here with how to reopen it.`,
    );
  },
};
