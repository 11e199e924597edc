import type { ProbotOctokit } from 'probot';

/** The repository a piece of work acts on, with an installation-authenticated client. */
export interface RepoTarget {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  installationId: number;
}

export async function comment(
  target: RepoTarget,
  issueNumber: number,
  body: string,
): Promise<{ id: number; url: string }> {
  const { data } = await target.octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: issueNumber,
    body,
  });
  return { id: data.id, url: data.html_url };
}

export async function addLabel(target: RepoTarget, issueNumber: number, label: string): Promise<void> {
  await target.octokit.rest.issues.addLabels({
    owner: target.owner,
    repo: target.repo,
    issue_number: issueNumber,
    labels: [label],
  });
}

/** True for a GitHub 404 (or the given status) thrown by Octokit. */
export function isStatus(thrown: unknown, status: number): boolean {
  return (
    typeof thrown === 'object' &&
    thrown !== null &&
    'status' in thrown &&
    (thrown as { status: unknown }).status === status
  );
}
