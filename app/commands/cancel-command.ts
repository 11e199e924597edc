import { isStatus, addLabel, comment } from '../github/repo-target.js';
import { findOpenPullRequest } from '../git/upsert-pull-request.js';
import { loadLatestSpec } from '../spec-comment/load-latest-spec.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/** `/cancel`: closes Forge's open pull request for this request and labels the issue cancelled. */
export const cancelCommand: ForgeCommand = {
  name: 'cancel',
  synopsis: '/cancel',
  summary: 'Stop this request: close its pull request (the branch is kept) and label the issue.',
  requirement: 'write',
  parse: noArguments('cancel'),
  run: async (context) => {
    const { target, config, issueNumber } = context;
    const latest = await loadLatestSpec(target, issueNumber);
    const module = latest.kind === 'valid' ? latest.spec.module.name : undefined;
    const pull = module ? await findOpenPullRequest(target, `${config.branch_prefix}${module}`) : undefined;
    if (pull)
      await target.octokit.rest.pulls.update({
        owner: target.owner,
        repo: target.repo,
        pull_number: pull.number,
        state: 'closed',
      });
    await addLabel(target, issueNumber, config.labels.cancelled);
    try {
      await target.octokit.rest.issues.removeLabel({
        owner: target.owner,
        repo: target.repo,
        issue_number: issueNumber,
        name: config.labels.spec,
      });
    } catch (thrown) {
      if (!isStatus(thrown, 404)) throw thrown;
    }
    const closed = pull ? ` Closed #${pull.number}; its branch is kept.` : '';
    await comment(
      target,
      context.threadNumber,
      `🛑 Cancelled by @${context.sender}.${closed} Comment \`/approve\` to start again from the latest spec.`,
    );
  },
};
