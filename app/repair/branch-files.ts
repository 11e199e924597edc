import type { RepoTarget } from '../github/repo-target.js';

/** The files under `root/` of commit `sha`, relative to `root` (Git Data API: tree, then blobs). */
export async function readFolderAt(
  target: RepoTarget,
  sha: string,
  root: string,
): Promise<Map<string, string>> {
  const { octokit, owner, repo } = target;
  const { data: commit } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
  const { data: tree } = await octokit.rest.git.getTree({
    owner,
    repo,
    tree_sha: commit.tree.sha,
    recursive: '1',
  });
  const prefix = `${root}/`;
  const files = new Map<string, string>();
  for (const entry of tree.tree) {
    if (entry.type !== 'blob' || !entry.path?.startsWith(prefix) || !entry.sha) continue;
    const { data: blob } = await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
    files.set(entry.path.slice(prefix.length), Buffer.from(blob.content, 'base64').toString('utf8'));
  }
  return files;
}

/**
 * One commit on `branch` on top of `head` that changes `edits` (repository path → contents)
 * and nothing else (the tree is based on the head's tree), then a fast-forward of the branch.
 * With the installation's token, so the push starts the workflow again. Idempotent through
 * `trailer`: when the head already carries it, nothing is written.
 */
export async function pushRepairCommit(
  target: RepoTarget,
  request: { branch: string; head: string; edits: Map<string, string>; message: string; trailer: string },
): Promise<{ sha: string; created: boolean }> {
  const { octokit, owner, repo } = target;
  const { data: headCommit } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: request.head });
  if (headCommit.message.includes(request.trailer)) return { sha: request.head, created: false };
  const entries = [];
  for (const [path, content] of request.edits) {
    const { data } = await octokit.rest.git.createBlob({
      owner,
      repo,
      content: Buffer.from(content, 'utf8').toString('base64'),
      encoding: 'base64',
    });
    entries.push({ path, mode: '100644' as const, type: 'blob' as const, sha: data.sha });
  }
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: headCommit.tree.sha,
    tree: entries,
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${request.message}\n\n${request.trailer}`,
    tree: tree.sha,
    parents: [request.head],
  });
  await octokit.rest.git.updateRef({
    owner,
    repo,
    ref: `heads/${request.branch}`,
    sha: commit.sha,
    force: false,
  });
  return { sha: commit.sha, created: true };
}
