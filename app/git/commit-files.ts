import type { RepoTarget } from '../github/repo-target.js';
import { isStatus } from '../github/repo-target.js';

export interface CommitRequest {
  branch: string;
  baseBranch: string;
  files: Map<string, string>;
  message: string;
  /** A line the commit message carries; a branch whose head has it already holds this content. */
  trailer: string;
}

export type CommitOutcome = { kind: 'unchanged' | 'created' | 'updated'; sha: string };

/**
 * Writes `files` as one commit on `branch` through the Git Data API (blobs, tree, commit, ref).
 * The tree is the base branch's tree plus the files, so a new version replaces the previous
 * one. The commit's parent is the branch head when the branch exists (a fast-forward, never a
 * force push), else the base head. Idempotent: when the head already carries `trailer`,
 * nothing is written; a concurrent creation of the same branch is detected and resolved.
 */
export async function commitFiles(target: RepoTarget, request: CommitRequest): Promise<CommitOutcome> {
  const { octokit, owner, repo } = target;
  const head = await branchHead(target, request.branch);
  if (head && (await commitMessage(target, head)).includes(request.trailer))
    return { kind: 'unchanged', sha: head };
  const baseHead = await branchHead(target, request.baseBranch);
  if (!baseHead) throw new Error(`base branch ${request.baseBranch} of ${owner}/${repo} not found`);
  const { data: baseCommit } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseHead });
  const entries: Array<{ path: string; mode: '100644'; type: 'blob'; sha: string }> = [];
  const pending = [...request.files];
  while (pending.length > 0) {
    const batch = pending.splice(0, 8);
    const blobs = await Promise.all(
      batch.map(async ([path, content]) => {
        const { data } = await octokit.rest.git.createBlob({
          owner,
          repo,
          content: Buffer.from(content, 'utf8').toString('base64'),
          encoding: 'base64',
        });
        return { path, mode: '100644' as const, type: 'blob' as const, sha: data.sha };
      }),
    );
    entries.push(...blobs);
  }
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseCommit.tree.sha,
    tree: entries,
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${request.message}\n\n${request.trailer}`,
    tree: tree.sha,
    parents: [head ?? baseHead],
  });
  if (head) {
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${request.branch}`,
      sha: commit.sha,
      force: false,
    });
    return { kind: 'updated', sha: commit.sha };
  }
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${request.branch}`, sha: commit.sha });
  } catch (thrown) {
    // Another delivery created the branch meanwhile: keep its commit when it holds this content.
    const raced = isStatus(thrown, 422) ? await branchHead(target, request.branch) : undefined;
    if (raced && (await commitMessage(target, raced)).includes(request.trailer))
      return { kind: 'unchanged', sha: raced };
    throw thrown;
  }
  return { kind: 'created', sha: commit.sha };
}

export async function branchHead(target: RepoTarget, branch: string): Promise<string | undefined> {
  try {
    const { data } = await target.octokit.rest.git.getRef({
      owner: target.owner,
      repo: target.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (thrown) {
    if (isStatus(thrown, 404)) return undefined;
    throw thrown;
  }
}

async function commitMessage(target: RepoTarget, sha: string): Promise<string> {
  const { data } = await target.octokit.rest.git.getCommit({
    owner: target.owner,
    repo: target.repo,
    commit_sha: sha,
  });
  return data.message;
}
