import {
  parseDeploymentPayload,
  payloadTaskOf,
  type DeploymentPayload,
  type DeploymentTask,
} from '../../core/config/deployment-payload.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { isStatus, type RepoTarget } from '../github/repo-target.js';

export interface DeploymentRequest {
  task: DeploymentTask;
  /** A branch name, or a sha (production: the staging head). */
  ref: string;
  payload: Omit<DeploymentPayload, 'forge' | 'task'>;
  description: string;
}

export interface ForgeDeployment {
  id: number;
  sha: string;
  /** False when a redelivered command found the deployment it had created before. */
  created: boolean;
}

/**
 * Creates the GitHub Deployment of a command, once: the deployments of the environment are
 * searched first for one whose payload carries the same command comment id, so a redelivered
 * webhook (or a second replica) finds it instead of deploying twice. `auto_merge: false` (the
 * app merged what it meant to), `required_contexts: []` (the merge commit has no checks yet;
 * the deploy job's own health check guards it).
 */
export async function ensureDeployment(
  target: RepoTarget,
  request: DeploymentRequest,
): Promise<ForgeDeployment> {
  const { owner, repo } = target;
  const environment = request.payload.environment;
  const existing = await target.octokit.rest.repos.listDeployments({
    owner,
    repo,
    environment,
    task: request.task,
    per_page: 100,
  });
  for (const deployment of existing.data) {
    const payload = safePayload(deployment.payload, deployment.task);
    if (payload?.command_comment_id === request.payload.command_comment_id)
      return { id: deployment.id, sha: deployment.sha, created: false };
  }
  const payload: DeploymentPayload = { forge: 1, task: payloadTaskOf[request.task], ...request.payload };
  try {
    const { data, status } = await target.octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: request.ref,
      task: request.task,
      environment,
      payload,
      description: request.description.slice(0, 140),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: environment === 'production',
    });
    if ((status as number) !== 201 || !('id' in data))
      throw new ForgeError(
        'github.deployment-not-created',
        `GitHub did not create the deployment of ${request.ref} to ${environment}: ${'message' in data ? data.message : `status ${status}`}`,
        {
          hint: 'run the command again; if it keeps failing, check the branch protection of the environment',
        },
      );
    return { id: data.id, sha: data.sha, created: true };
  } catch (thrown) {
    if (isStatus(thrown, 409) || isStatus(thrown, 422))
      throw new ForgeError(
        'github.deployment-refused',
        `GitHub refused the deployment of ${request.ref} to ${environment}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        {
          hint: `check that ${request.ref} exists and that the environment's protection rules allow it`,
          cause: thrown,
        },
      );
    throw thrown;
  }
}

function safePayload(raw: unknown, task: string): DeploymentPayload | undefined {
  try {
    return parseDeploymentPayload(raw, task);
  } catch {
    return undefined;
  }
}
