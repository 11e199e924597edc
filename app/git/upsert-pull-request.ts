import type { RepoTarget } from '../github/repo-target.js';
import { isStatus } from '../github/repo-target.js';

export interface PullRequestDraft {
  branch: string;
  baseBranch: string;
  title: string;
  body: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
  created: boolean;
}

/** The open pull request from `branch`, if any. */
export async function findOpenPullRequest(
  target: RepoTarget,
  branch: string,
): Promise<{ number: number; url: string; body: string } | undefined> {
  const { data } = await target.octokit.rest.pulls.list({
    owner: target.owner,
    repo: target.repo,
    head: `${target.owner}:${branch}`,
    state: 'open',
    per_page: 10,
  });
  const pull = data[0];
  return pull ? { number: pull.number, url: pull.html_url, body: pull.body ?? '' } : undefined;
}

/** Opens the pull request from `branch`, or updates the open one: never a second one. */
export async function upsertPullRequest(
  target: RepoTarget,
  draft: PullRequestDraft,
): Promise<PullRequestRef> {
  const { octokit, owner, repo } = target;
  const existing = await findOpenPullRequest(target, draft.branch);
  if (existing) {
    if (existing.body !== draft.body)
      await octokit.rest.pulls.update({
        owner,
        repo,
        pull_number: existing.number,
        title: draft.title,
        body: draft.body,
      });
    return { number: existing.number, url: existing.url, created: false };
  }
  try {
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: draft.branch,
      base: draft.baseBranch,
      title: draft.title,
      body: draft.body,
      maintainer_can_modify: true,
    });
    return { number: data.number, url: data.html_url, created: true };
  } catch (thrown) {
    const raced = isStatus(thrown, 422) ? await findOpenPullRequest(target, draft.branch) : undefined;
    if (raced) return { number: raced.number, url: raced.url, created: false };
    throw thrown;
  }
}
