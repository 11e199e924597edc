import { createRequire } from 'node:module';
import type { FakeRepo } from '../../fakes/github/github-state.js';
import type { FakeDeployment, FakeDeploymentStatus } from '../../fakes/github/deployment-routes.js';

type Payload = Record<string, unknown>;
const require = createRequire(import.meta.url);

/**
 * The real `deployment_status.created` example of `@octokit/webhooks-examples`, with the
 * deployment, its status, the repository and the installation taken from the fake's state (what
 * GitHub sends when the deploy workflow posts a status).
 */
export function deploymentStatusPayload(
  repo: FakeRepo,
  deployment: FakeDeployment,
  status: FakeDeploymentStatus,
): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
    name: string;
    examples: Payload[];
  }>;
  const example = groups.find((g) => g.name === 'deployment_status')?.examples[0];
  if (!example) throw new Error('no example payload for deployment_status.created');
  const payload = structuredClone(example);
  const exampleRepo = payload.repository as Payload;
  return {
    ...payload,
    deployment_status: {
      ...(payload.deployment_status as Payload),
      id: status.id,
      state: status.state,
      description: status.description,
      environment: deployment.environment,
      environment_url: status.environmentUrl,
      log_url: status.logUrl,
      target_url: status.logUrl,
    },
    deployment: {
      ...(payload.deployment as Payload),
      id: deployment.id,
      sha: deployment.sha,
      ref: deployment.ref,
      task: deployment.task,
      payload: deployment.payload,
      environment: deployment.environment,
      original_environment: deployment.environment,
    },
    repository: {
      ...exampleRepo,
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      default_branch: repo.defaultBranch,
      owner: { ...(exampleRepo.owner as Payload), login: repo.owner },
    },
    installation: { id: repo.installationId, node_id: 'INST' },
  };
}
