import type { EnvironmentConfig } from '../../core/config/environments.js';
import type { CommandContext } from '../commands/forge-command.js';
import { comment } from '../github/repo-target.js';
import { answerOnce, deploymentsPage } from './answer-once.js';
import { changedAddons } from './changed-addons.js';
import { ensureDeployment } from './ensure-deployment.js';
import { forgeChecksOf, type ForgeCheck } from './forge-checks-of.js';
import { mergeIntoBranch } from './merge-into-branch.js';
import { selfApprovalNote } from './self-approval-note.js';

/**
 * `/deploy NAME` on a pull request whose Forge checks passed (failing or running ones are
 * answered with their names, and nothing is done): merge its head into the environment's branch
 * (a conflict is answered with the files in conflict, and nothing is created), then create the
 * deployment of that branch with the addons the pull request changes, and link it.
 */
export async function deployPullRequest(
  context: CommandContext,
  name: string,
  environment: EnvironmentConfig,
): Promise<void> {
  const { target } = context;
  if (context.pullNumber === undefined) {
    await comment(
      target,
      context.threadNumber,
      `\`/deploy ${name}\` works on pull requests: comment it on the pull request whose changes should go to ${name}.`,
    );
    return;
  }
  const { data: pull } = await target.octokit.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: context.pullNumber,
  });
  const head = pull.head.sha;
  const short = head.slice(0, 7);
  // Only a pull request whose Forge checks passed is deployed (none yet: nothing to wait for).
  const checks = await forgeChecksOf(target, head);
  const unready = checks.failing.length > 0 ? checks.failing : checks.pending;
  if (unready.length > 0) {
    const line = (c: ForgeCheck) => `- ${c.url ? `[${c.name}](${c.url})` : c.name}: ${c.state}`;
    await comment(
      target,
      context.threadNumber,
      checks.failing.length > 0
        ? `❌ \`/deploy ${name}\` did nothing: the Forge checks of #${pull.number} (${short}) failed:\n\n${unready.map(line).join('\n')}\n\nFix them, push, and comment \`/deploy ${name}\` again once they pass.`
        : `⏳ \`/deploy ${name}\` did nothing yet: the Forge checks of #${pull.number} (${short}) are still running:\n\n${unready.map(line).join('\n')}\n\nComment \`/deploy ${name}\` again once they pass.`,
    );
    return;
  }
  const merge = await mergeIntoBranch(
    target,
    environment.branch,
    head,
    context.defaultBranch,
    `Deploy #${pull.number} (${short}) to ${name}\n\nRequested by @${context.sender} with /deploy ${name}.`,
  );
  if (merge.kind === 'conflict') {
    const files = merge.files.length
      ? merge.files.map((f) => `- \`${f}\``).join('\n')
      : '- (GitHub reported a conflict but no file changed on both sides: check renames)';
    await comment(
      target,
      context.threadNumber,
      `❌ \`/deploy ${name}\` did nothing: #${pull.number} (${short}) does not merge into \`${environment.branch}\`. These files changed on both sides:\n\n${files}\n\nMerge \`${environment.branch}\` into this pull request's branch, resolve them, push, and comment \`/deploy ${name}\` again.`,
    );
    return;
  }
  const addons = await changedAddons(target, pull.base.sha, head, context.config.addons_path);
  const deployment = await ensureDeployment(target, {
    task: 'deploy',
    ref: environment.branch,
    description: `#${pull.number} (${short}) by @${context.sender}`,
    payload: {
      environment: name,
      addons,
      pull_request: pull.number,
      thread: context.threadNumber,
      requester: context.sender,
      command_comment_id: context.commentId,
      allow_self_approval: environment.allow_self_approval !== false,
    },
  });
  const merged =
    merge.kind === 'merged'
      ? `merged ${short} into \`${environment.branch}\`${merge.createdBranch ? ' (created from the default branch)' : ''}`
      : `\`${environment.branch}\` already holds ${short}`;
  const addonList = addons.length
    ? addons.map((a) => `\`${a}\``).join(', ')
    : 'none changed (the deploy plans from the tree)';
  await answerOnce(
    target,
    context.threadNumber,
    `deploy comment=${context.commentId}`,
    [
      `🚀 [Deployment ${deployment.id}](${await deploymentsPage(target, name)}) to **${name}** created: ${merged}.`,
      '',
      `Addons to install or update: ${addonList}. The Odoo Forge deploy workflow runs it on \`${environment.runner_labels.join(', ')}\` and I answer here when it ends.`,
      ...selfApprovalNote(name, environment, context.sender),
    ].join('\n'),
  );
}
