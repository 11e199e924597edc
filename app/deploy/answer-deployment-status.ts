import type { Context, ProbotOctokit } from 'probot';
import { parseDeploymentPayload, type DeploymentPayload } from '../../core/config/deployment-payload.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { RepoTarget } from '../github/repo-target.js';
import { answerOnce } from './answer-once.js';

/** What a deployment status tells the thread of its command; undefined: nothing to say. */
export function deploymentStatusAnswer(
  payload: DeploymentPayload,
  deployment: { id: number; sha: string },
  status: {
    state: string;
    description: string | null;
    environment_url?: string | null;
    log_url?: string | null;
    target_url: string;
  },
): string | undefined {
  const what =
    payload.task === 'rollback'
      ? `The rollback of **${payload.environment}**`
      : payload.task === 'copy'
        ? `The copy of **${payload.copy_from ?? '?'}** into **${payload.environment}**`
        : `The deploy of ${deployment.sha.slice(0, 7)}${payload.pull_request ? ` (#${payload.pull_request})` : ''} to **${payload.environment}**`;
  const log = status.log_url || status.target_url;
  const logLine = log ? `\n\n[The deploy log](${log})` : '';
  const reason = status.description?.trim();
  if (status.state === 'success') {
    const url = status.environment_url ? `: ${status.environment_url}` : '';
    return `✅ ${what} succeeded${url}${reason ? `\n\n> ${reason}` : ''}${logLine}\n\n@${payload.requester}`;
  }
  if (status.state === 'failure' || status.state === 'error')
    return `❌ ${what} ${status.state === 'error' ? 'could not run' : 'failed'}: ${reason || 'the job gave no reason'}.${logLine}\n\n@${payload.requester}: ${payload.task === 'deploy' ? 'the environment was restored from the backup taken before it; fix the cause and deploy again.' : 'the environment is as it was; see the log.'}`;
  return undefined;
}

/**
 * `deployment_status.created`: a Forge deployment that ended (success, failure, error) is told
 * on the issue or pull request where its command was given, once per status (a redelivery or a
 * second replica finds the marked comment). Deployments that are not Forge's are left alone.
 */
export async function answerDeploymentStatus(context: Context<'deployment_status.created'>): Promise<void> {
  const { deployment, deployment_status: status } = context.payload;
  let payload: DeploymentPayload | undefined;
  try {
    payload = parseDeploymentPayload(
      deployment.payload,
      deployment.task,
      `deployment ${deployment.id}'s payload`,
    );
  } catch (thrown) {
    if (!(thrown instanceof ForgeError)) throw thrown;
    context.log.warn({ deployment: deployment.id, code: thrown.code, hint: thrown.hint }, thrown.message);
    return;
  }
  if (!payload) return;
  const body = deploymentStatusAnswer(payload, deployment, status);
  if (!body) return;
  const { owner, repo } = context.repo();
  const target: RepoTarget = {
    octokit: context.octokit as ProbotOctokit,
    owner,
    repo,
    installationId: context.payload.installation?.id ?? 0,
  };
  await answerOnce(target, payload.thread, `deployment-status id=${status.id}`, body);
}
