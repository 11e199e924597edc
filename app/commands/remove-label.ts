import { isStatus, type RepoTarget } from '../github/repo-target.js';

/** Removes a label; one the issue does not carry is not an error. */
export async function removeLabel(target: RepoTarget, issueNumber: number, name: string): Promise<void> {
  try {
    await target.octokit.rest.issues.removeLabel({
      owner: target.owner,
      repo: target.repo,
      issue_number: issueNumber,
      name,
    });
  } catch (thrown) {
    if (!isStatus(thrown, 404)) throw thrown;
  }
}
