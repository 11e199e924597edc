import type { EnvironmentConfig } from '../../core/config/environments.js';
import type { CommandContext } from '../commands/forge-command.js';
import { comment, type RepoTarget } from '../github/repo-target.js';
import { branchHead } from '../git/commit-files.js';
import { advanceBranch } from './advance-branch.js';
import { answerOnce, deploymentsPage } from './answer-once.js';
import { changedAddons } from './changed-addons.js';
import { ensureDeployment } from './ensure-deployment.js';
import { selfApprovalNote } from './self-approval-note.js';

export interface Promotion {
  name: string;
  environment: EnvironmentConfig;
  /** The environment whose branch head is promoted (`staging`). */
  fromName: string;
  from: EnvironmentConfig;
}

/**
 * `/deploy production`: deploys only what is on staging. The staging branch's head must have a
 * successful staging deployment; on a pull request, its head must be contained in that sha.
 * Then the production branch (`main`) is brought to the staging head (created, fast-forwarded,
 * or merged; a conflict is answered with its files and nothing is created) and the deployment is
 * made of that branch, so GitHub's deployment-branch rules of the environment see `main`. The job
 * itself runs under the workflow's `environment: production`, so GitHub's protection rules
 * (required reviewers, wait timers) hold it.
 */
export async function promoteEnvironment(context: CommandContext, promotion: Promotion): Promise<void> {
  const { target } = context;
  const { name, environment, fromName, from } = promotion;
  const refuse = (why: string): Promise<unknown> =>
    comment(target, context.threadNumber, `❌ \`/deploy ${name}\` did nothing: ${why}`);
  const stagingHead = await branchHead(target, from.branch);
  if (!stagingHead)
    return void (await refuse(
      `the ${fromName} branch \`${from.branch}\` does not exist. Deploy to ${fromName} first (\`/deploy ${fromName}\` on a pull request).`,
    ));
  const short = stagingHead.slice(0, 7);
  const verdict = await lastDeploymentState(target, fromName, stagingHead);
  if (verdict !== 'success')
    return void (await refuse(
      `${name} only takes what runs on ${fromName}, and the head of \`${from.branch}\` (${short}) ${verdict === undefined ? `was never deployed to ${fromName}` : `has no successful ${fromName} deployment (its last one: ${verdict})`}. Comment \`/deploy ${fromName}\` and wait for it to succeed.`,
    ));
  let pullNumber: number | undefined;
  if (context.pullNumber !== undefined) {
    const { data: pull } = await target.octokit.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: context.pullNumber,
    });
    const { data: compare } = await target.octokit.rest.repos.compareCommitsWithBasehead({
      owner: target.owner,
      repo: target.repo,
      basehead: `${pull.head.sha}...${stagingHead}`,
      per_page: 1,
    });
    if (compare.status !== 'identical' && compare.status !== 'ahead')
      return void (await refuse(
        `this pull request's head (${pull.head.sha.slice(0, 7)}) is not on ${fromName} (\`${from.branch}\` is at ${short}). Comment \`/deploy ${fromName}\` here first, wait for it to succeed, then \`/deploy ${name}\`.`,
      ));
    pullNumber = pull.number;
  }
  const productionHead = await branchHead(target, environment.branch);
  const addons = productionHead
    ? await changedAddons(target, productionHead, stagingHead, context.config.addons_path)
    : [];
  const moved = await advanceBranch(
    target,
    environment.branch,
    stagingHead,
    `Promote ${fromName} ${short} to ${name}\n\nRequested by @${context.sender} with /deploy ${name}.`,
  );
  if (moved.kind === 'conflict') {
    const files = moved.files.length
      ? moved.files.map((f) => `- \`${f}\``).join('\n')
      : '- (GitHub reported a conflict but no file changed on both sides: check renames)';
    return void (await refuse(
      `the head of \`${from.branch}\` (${short}) does not merge into \`${environment.branch}\`, the branch ${name} runs. These files changed on both sides:\n\n${files}\n\nMerge \`${environment.branch}\` into \`${from.branch}\` (a pull request into \`${from.branch}\` with the resolution), deploy it to ${fromName} (\`/deploy ${fromName}\`), wait for it to succeed, then \`/deploy ${name}\` again.`,
    ));
  }
  const deployment = await ensureDeployment(target, {
    task: 'deploy',
    ref: environment.branch,
    description: `${fromName} ${short} by @${context.sender}`,
    payload: {
      environment: name,
      addons,
      ...(pullNumber === undefined ? {} : { pull_request: pullNumber }),
      thread: context.threadNumber,
      requester: context.sender,
      command_comment_id: context.commentId,
      promoted_from: { environment: fromName, sha: stagingHead },
      allow_self_approval: environment.allow_self_approval !== false,
    },
  });
  const branch = `\`${environment.branch}\``;
  const how =
    moved.kind === 'created'
      ? `${branch} created at it`
      : moved.kind === 'fast-forward'
        ? `${branch} fast-forwarded from ${moved.from.slice(0, 7)} to it`
        : moved.kind === 'merged'
          ? `merged into ${branch} (${moved.sha.slice(0, 7)})`
          : `${branch} already holds it`;
  await answerOnce(
    target,
    context.threadNumber,
    `deploy comment=${context.commentId}`,
    [
      `🚀 [Deployment ${deployment.id}](${await deploymentsPage(target, name)}) of ${branch} (${deployment.sha.slice(0, 7)}) to **${name}** created: ${short}, the head of \`${from.branch}\` that ${fromName} runs, ${how}.`,
      '',
      `Addons to install or update: ${addons.length ? addons.map((a) => `\`${a}\``).join(', ') : 'none changed since ' + branch + ' (the deploy plans from the tree)'}. GitHub's protection rules of the \`${name}\` environment (required reviewers, wait timers) hold the job until they pass.`,
      ...selfApprovalNote(name, environment, context.sender),
    ].join('\n'),
  );
}

/** The latest status of the newest `deploy` deployment of `sha` to `environment`, if any. */
async function lastDeploymentState(
  target: RepoTarget,
  environment: string,
  sha: string,
): Promise<string | undefined> {
  const { owner, repo } = target;
  const { data: deployments } = await target.octokit.rest.repos.listDeployments({
    owner,
    repo,
    environment,
    sha,
    task: 'deploy',
    per_page: 10,
  });
  const newest = deployments[0];
  if (!newest) return undefined;
  const { data: statuses } = await target.octokit.rest.repos.listDeploymentStatuses({
    owner,
    repo,
    deployment_id: newest.id,
    per_page: 1,
  });
  return statuses[0]?.state ?? 'pending';
}
