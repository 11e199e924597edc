import { ForgeError } from '../../core/errors/forge-error.js';
import { branchHead } from '../git/commit-files.js';
import { isStatus, type RepoTarget } from '../github/repo-target.js';
import { mergeIntoBranch } from './merge-into-branch.js';

export type AdvanceOutcome =
  | { kind: 'created'; sha: string }
  | { kind: 'fast-forward'; sha: string; from: string }
  | { kind: 'merged'; sha: string; from: string }
  | { kind: 'up-to-date'; sha: string }
  | { kind: 'conflict'; files: string[] };

/**
 * Brings `branch` (production's `main`) to `sha` (the staging head): created at `sha` when it does
 * not exist, fast-forwarded when `sha` descends from it (a ref update that GitHub refuses unless it
 * is a fast-forward), left alone when it already holds `sha`, and otherwise given a merge commit
 * through the merges API. A conflict is answered with the files changed on both sides, and the
 * branch is not touched. The app never force-pushes.
 */
export async function advanceBranch(
  target: RepoTarget,
  branch: string,
  sha: string,
  message: string,
  attempt = 0,
): Promise<AdvanceOutcome> {
  // A branch that another replica (or a person) moves between our reads: decide again, a few times.
  const again = (): Promise<AdvanceOutcome> => {
    if (attempt >= 2)
      throw new ForgeError(
        'github.branch-moving',
        `\`${branch}\` kept moving while it was brought to ${sha.slice(0, 7)}`,
        {
          hint: 'comment the command again once nobody pushes to it',
        },
      );
    return advanceBranch(target, branch, sha, message, attempt + 1);
  };
  const { owner, repo } = target;
  const current = await branchHead(target, branch);
  if (!current) {
    try {
      await target.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      return { kind: 'created', sha };
    } catch (thrown) {
      // Created in the meantime (another replica): advance that one.
      if (!isStatus(thrown, 422)) throw thrown;
      return again();
    }
  }
  if (current === sha) return { kind: 'up-to-date', sha };
  const { data: compare } = await target.octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${current}...${sha}`,
    per_page: 1,
  });
  if (compare.status === 'behind' || compare.status === 'identical')
    return { kind: 'up-to-date', sha: current };
  if (compare.status === 'ahead') {
    try {
      await target.octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
      return { kind: 'fast-forward', sha, from: current };
    } catch (thrown) {
      if (!isStatus(thrown, 422)) throw thrown;
      if ((await branchHead(target, branch)) === current)
        throw new ForgeError(
          'github.branch-update-refused',
          `GitHub refused to fast-forward \`${branch}\` from ${current.slice(0, 7)} to ${sha.slice(0, 7)}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
          {
            hint: `let the Odoo Forge app push to \`${branch}\` (its branch protection or ruleset must allow the app to bypass pull requests), or merge ${sha.slice(0, 7)} into \`${branch}\` yourself and comment again`,
            cause: thrown,
          },
        );
      // The branch moved under us: decide again from its new head.
      return again();
    }
  }
  const merge = await mergeIntoBranch(target, branch, sha, branch, message);
  if (merge.kind === 'conflict') return merge;
  if (merge.kind === 'up-to-date') return { kind: 'up-to-date', sha: current };
  return { kind: 'merged', sha: merge.sha, from: current };
}
