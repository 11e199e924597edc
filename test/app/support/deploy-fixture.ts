import type { FakeComment, FakePull, FakeUser } from '../../fakes/github/github-state.js';
import { pullAsIssue } from './conversation.js';
import { ProbotOctokit } from 'probot';
import {
  deploymentsOf,
  type FakeDeployment,
  type FakeDeploymentStatus,
} from '../../fakes/github/deployment-routes.js';
import type { Harness } from './forge-harness.js';

/** The fake and the repository a fixture writes to (a Harness, or a served fake). */
export type FakeRepoHandle = Pick<Harness, 'fake' | 'repo'>;

export const contributor: FakeUser = { login: 'carla', id: 601, type: 'User' };

/** A config with a staging (approver rob) and a production (no self-approval) environment. */
export const environmentsConfig = `addons_path: addons
environments:
  staging:
    branch: staging
    runner_labels: [self-hosted, odoo-staging]
    odoo: '18.0'
    url: https://staging.example.com
    backup:
      bucket: acme-backups
    approvers: [rob]
  production:
    branch: main
    runner_labels: [self-hosted, odoo-production]
    odoo: '18.0'
    url: https://erp.example.com
    backup:
      bucket: acme-backups
    allow_self_approval: false
`;

/** The default branch's files: the config and one addon. */
export function repoFiles(config = environmentsConfig): Record<string, string> {
  return {
    'README.md': '# addons\n',
    '.github/odoo-forge.yml': config,
    'addons/library/__manifest__.py': "{'name': 'Library', 'version': '18.0.1.0.0'}\n",
    'addons/library/models.py': 'class Book: pass\n',
  };
}

/** A commit on top of `parent` that sets (string) or removes (null) files; answers its sha. */
export function commitOn(
  harness: FakeRepoHandle,
  parent: string,
  changes: Record<string, string | null>,
): string {
  const { state } = harness.fake;
  const tree = harness.repo.trees.get(harness.repo.commits.get(parent)?.tree ?? '') ?? [];
  const files = new Map(tree.map((e) => [e.path, e]));
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) files.delete(path);
    else files.set(path, { path, mode: '100644', type: 'blob', sha: state.putBlob(harness.repo, content) });
  }
  const treeSha = state.putTree(harness.repo, [...files.values()]);
  return state.putCommit(harness.repo, { message: 'change', tree: treeSha, parents: [parent] });
}

/** A contributor's pull request from `branch`: one commit with `changes` on top of main. */
export function openPull(
  harness: FakeRepoHandle,
  branch: string,
  changes: Record<string, string | null>,
): FakePull {
  const base = harness.repo.refs.get('heads/main') ?? '';
  harness.repo.refs.set(`heads/${branch}`, commitOn(harness, base, changes));
  const number = harness.repo.issues.size + harness.repo.pulls.size + 1;
  const pull: FakePull = {
    number,
    title: branch,
    body: 'A change.',
    head: branch,
    base: 'main',
    state: 'open',
    user: contributor,
  };
  harness.repo.pulls.set(number, pull);
  return pull;
}

/**
 * What the deploy workflow does when it ends: a deployment status posted through the API (as
 * actions/deploy posts it, validated against the OpenAPI description); answers the status.
 */
export async function postStatus(
  harness: Harness,
  deployment: FakeDeployment,
  state: 'success' | 'failure' | 'error' | 'in_progress',
  details: { description?: string; environmentUrl?: string; logUrl?: string } = {},
): Promise<FakeDeploymentStatus> {
  const octokit = new ProbotOctokit({
    retry: { enabled: false },
    throttle: { enabled: false },
    auth: { token: `ghs_installation_${harness.repo.installationId}` },
    request: { fetch: harness.fake.fetch },
  });
  await octokit.rest.repos.createDeploymentStatus({
    owner: harness.repo.owner,
    repo: harness.repo.name,
    deployment_id: deployment.id,
    state,
    description: details.description ?? '',
    ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
    ...(details.logUrl ? { log_url: details.logUrl } : {}),
  });
  const status = deployment.statuses.at(-1);
  if (!status) throw new Error(`the fake kept no status for deployment ${deployment.id}`);
  return status;
}

export const deployments = (harness: FakeRepoHandle): FakeDeployment[] => deploymentsOf(harness.repo);

/** The `issue_comment.created` payload of an existing comment on `pull` (to deliver it again). */
export function commentCreatedAgain(
  harness: Harness,
  pull: FakePull,
  comment: FakeComment,
): Record<string, unknown> {
  return harness.payloads.commentCreated(harness.repo, pullAsIssue(pull), comment, pull.body);
}
