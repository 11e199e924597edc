import type { EnvironmentConfig } from '../../core/config/environments.js';
import type { CommandContext } from '../commands/forge-command.js';
import { comment, isStatus, type RepoTarget } from '../github/repo-target.js';
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
 * `/deploy production`: deploys only what is on staging. The deployment's ref is the staging
 * branch's head sha, and that sha must have a successful staging deployment; on a pull request,
 * its head must be contained in that sha. Anything else is refused with the reason. The job
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
  const deployment = await ensureDeployment(target, {
    task: 'deploy',
    ref: stagingHead,
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
  await answerOnce(
    target,
    context.threadNumber,
    `deploy comment=${context.commentId}`,
    [
      `🚀 [Deployment ${deployment.id}](${await deploymentsPage(target, name)}) to **${name}** created: ${short}, the head of \`${from.branch}\` that ${fromName} runs.`,
      '',
      `Addons to install or update: ${addons.length ? addons.map((a) => `\`${a}\``).join(', ') : 'none changed since `' + environment.branch + '` (the deploy plans from the tree)'}. GitHub's protection rules of the \`${name}\` environment (required reviewers, wait timers) hold the job until they pass.`,
      ...selfApprovalNote(name, environment, context.sender),
    ].join('\n'),
  );
}

async function branchHead(target: RepoTarget, branch: string): Promise<string | undefined> {
  try {
    const { data } = await target.octokit.rest.git.getRef({
      owner: target.owner,
      repo: target.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (thrown) {
    if (isStatus(thrown, 404)) return undefined;
    throw thrown;
  }
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
