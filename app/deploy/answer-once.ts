import { comment, type RepoTarget } from '../github/repo-target.js';

/**
 * Comments `body` on `thread` unless a comment carrying the hidden `key` marker is already
 * there: work redone after a crash or a redelivery answers once. The marker is prepended.
 */
export async function answerOnce(
  target: RepoTarget,
  thread: number,
  key: string,
  body: string,
): Promise<void> {
  const marker = `<!-- odoo-forge:${key} -->`;
  const comments = await target.octokit.paginate(target.octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: thread,
    per_page: 100,
  });
  if (comments.some((c) => c.body?.includes(marker))) return;
  await comment(target, thread, `${marker}\n${body}`);
}

/** The web page of the repository's deployments to `environment`. */
export async function deploymentsPage(target: RepoTarget, environment: string): Promise<string> {
  const { data } = await target.octokit.rest.repos.get({ owner: target.owner, repo: target.repo });
  return `${data.html_url}/deployments/${encodeURIComponent(environment)}`;
}
