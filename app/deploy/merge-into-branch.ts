import { isStatus, type RepoTarget } from '../github/repo-target.js';

export type MergeOutcome =
  | { kind: 'merged'; sha: string; createdBranch: boolean }
  | { kind: 'up-to-date'; createdBranch: boolean }
  | { kind: 'conflict'; files: string[] };

/**
 * Merges `headSha` into `branch` through GitHub's merges API (a merge commit made by GitHub;
 * the app never pushes). A branch that does not exist yet is created at the default branch's
 * head first. A conflict is answered with the files changed on both sides since the merge base
 * (two compares), where the conflict lies.
 */
export async function mergeIntoBranch(
  target: RepoTarget,
  branch: string,
  headSha: string,
  defaultBranch: string,
  message: string,
): Promise<MergeOutcome> {
  const createdBranch = await ensureBranch(target, branch, defaultBranch);
  try {
    const { data, status } = await target.octokit.rest.repos.merge({
      owner: target.owner,
      repo: target.repo,
      base: branch,
      head: headSha,
      commit_message: message,
    });
    return (status as number) === 204 || !data
      ? { kind: 'up-to-date', createdBranch }
      : { kind: 'merged', sha: data.sha, createdBranch };
  } catch (thrown) {
    if (!isStatus(thrown, 409)) throw thrown;
    return { kind: 'conflict', files: await filesChangedOnBothSides(target, branch, headSha) };
  }
}

async function ensureBranch(target: RepoTarget, branch: string, defaultBranch: string): Promise<boolean> {
  const { owner, repo } = target;
  try {
    await target.octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    return false;
  } catch (thrown) {
    if (!isStatus(thrown, 404)) throw thrown;
  }
  const { data: base } = await target.octokit.rest.git.getRef({ owner, repo, ref: `heads/${defaultBranch}` });
  try {
    await target.octokit.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha: base.object.sha,
    });
  } catch (thrown) {
    // Another replica created it in the meantime: that is the branch to merge into.
    if (!isStatus(thrown, 422)) throw thrown;
  }
  return true;
}

async function filesChangedOnBothSides(
  target: RepoTarget,
  branch: string,
  headSha: string,
): Promise<string[]> {
  const changed = async (basehead: string): Promise<Set<string>> => {
    const { data } = await target.octokit.rest.repos.compareCommitsWithBasehead({
      owner: target.owner,
      repo: target.repo,
      basehead,
      per_page: 100,
    });
    return new Set((data.files ?? []).map((f) => f.filename));
  };
  const [onPull, onBranch] = await Promise.all([
    changed(`${branch}...${headSha}`),
    changed(`${headSha}...${branch}`),
  ]);
  return [...onPull].filter((file) => onBranch.has(file)).sort();
}
