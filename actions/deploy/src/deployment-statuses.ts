import type * as actionsCore from '@actions/core';
import { getOctokit } from '@actions/github';
import { toError } from '../../../core/errors/forge-error.js';

/** GitHub keeps at most 140 characters of a deployment status's description. */
export const STATUS_DESCRIPTION_LIMIT = 140;

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/** A description cut to GitHub's limit, on one line, with an ellipsis when cut. */
export function statusDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= STATUS_DESCRIPTION_LIMIT ? line : `${line.slice(0, STATUS_DESCRIPTION_LIMIT - 1)}…`;
}

export interface DeploymentTarget {
  token: string;
  owner: string;
  repo: string;
  deploymentId: number;
  /** The run's page: every status links to it (the summary has the details). */
  logUrl: string | undefined;
}

/**
 * Posts the statuses of one deployment. A status GitHub refuses (no `deployments: write`, a
 * deployment of another repository) is a warning, not a failure: the deploy still runs and its
 * outcome is in the job's log and summary; `refused` says why for the summary.
 */
export class DeploymentStatuses {
  refused: string | undefined;
  readonly #octokit: ReturnType<typeof getOctokit> | undefined;

  constructor(
    private readonly core: typeof actionsCore,
    private readonly target: DeploymentTarget,
  ) {
    this.#octokit = target.token ? getOctokit(target.token) : undefined;
    if (!this.#octokit) this.refused = 'no github-token was given';
  }

  /** Posts `state`; returns whether GitHub took it. */
  async post(state: DeploymentState, description: string, environmentUrl?: string): Promise<boolean> {
    if (!this.#octokit) return false;
    const { owner, repo, deploymentId, logUrl } = this.target;
    try {
      await this.#octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: deploymentId,
        state,
        description: statusDescription(description),
        ...(logUrl ? { log_url: logUrl } : {}),
        ...(environmentUrl ? { environment_url: environmentUrl } : {}),
      });
      return true;
    } catch (thrown) {
      const error = toError(thrown);
      const status = (thrown as { status?: number }).status;
      this.refused = `GitHub refused the "${state}" status of deployment ${deploymentId}${status ? ` (HTTP ${status})` : ''}: ${error.message}`;
      this.core.warning(
        `${this.refused}. Give the job \`permissions: deployments: write\` (or a token that has it) so the deployment shows its outcome.`,
      );
      return false;
    }
  }
}
