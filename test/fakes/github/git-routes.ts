import type { FakeTreeEntry } from './github-state.js';
import { notFound, requireRepo, unprocessable, type RouteHandler } from './route-handler.js';

/** The Git Data API: blobs, trees (flat), commits, refs. */
export const gitRoutes: Record<string, RouteHandler> = {
  'git/create-blob': (request) => {
    const repo = requireRepo(request);
    const encoding = request.body.encoding === 'base64' ? 'base64' : 'utf-8';
    const raw = String(request.body.content);
    const content = encoding === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    const sha = request.state.putBlob(repo, content);
    return {
      status: 201,
      body: { sha, url: `https://api.github.com/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` },
    };
  },
  'git/create-tree': (request) => {
    const repo = requireRepo(request);
    const entries = new Map<string, FakeTreeEntry>();
    const baseTree = request.body.base_tree as string | undefined;
    if (baseTree) {
      const existing = repo.trees.get(baseTree);
      if (!existing) return unprocessable(`base_tree ${baseTree} does not exist`);
      for (const entry of existing) entries.set(entry.path, entry);
    }
    for (const item of request.body.tree as Array<Record<string, unknown>>) {
      const path = String(item.path);
      if (path.startsWith('/') || path.split('/').includes('..'))
        return unprocessable(`tree.path ${path} is invalid`);
      let sha = item.sha as string | null | undefined;
      if (sha === null) {
        entries.delete(path);
        continue;
      }
      if (typeof item.content === 'string') sha = request.state.putBlob(repo, item.content);
      if (!sha || !repo.blobs.has(sha))
        return unprocessable(`tree.sha ${String(sha)} is not a blob of this repository`);
      entries.set(path, { path, mode: String(item.mode), type: 'blob', sha });
    }
    const sha = request.state.putTree(repo, [...entries.values()]);
    return { status: 201, body: { sha, url: '', truncated: false, tree: repo.trees.get(sha) } };
  },
  'git/get-tree': (request) => {
    const repo = requireRepo(request);
    const tree = repo.trees.get(request.params.tree_sha ?? '');
    return tree
      ? { status: 200, body: { sha: request.params.tree_sha, url: '', truncated: false, tree } }
      : notFound();
  },
  'git/create-commit': (request) => {
    const repo = requireRepo(request);
    const tree = String(request.body.tree);
    const parents = (request.body.parents as string[] | undefined) ?? [];
    if (!repo.trees.has(tree)) return unprocessable(`tree ${tree} does not exist`);
    if (parents.some((p) => !repo.commits.has(p))) return unprocessable('a parent commit does not exist');
    const sha = request.state.putCommit(repo, { message: String(request.body.message), tree, parents });
    return { status: 201, body: renderCommit(sha, String(request.body.message), tree, parents) };
  },
  'git/get-commit': (request) => {
    const repo = requireRepo(request);
    const commit = repo.commits.get(request.params.commit_sha ?? '');
    return commit
      ? { status: 200, body: renderCommit(commit.sha, commit.message, commit.tree, commit.parents) }
      : notFound();
  },
  'git/get-ref': (request) => {
    const repo = requireRepo(request);
    const ref = request.params.ref ?? '';
    const sha = repo.refs.get(ref);
    return sha ? { status: 200, body: renderRef(ref, sha) } : notFound();
  },
  'git/create-ref': (request) => {
    const repo = requireRepo(request);
    const ref = String(request.body.ref).replace(/^refs\//, '');
    const sha = String(request.body.sha);
    if (repo.refs.has(ref)) return unprocessable('Reference already exists');
    if (!repo.commits.has(sha)) return unprocessable('Object does not exist');
    repo.refs.set(ref, sha);
    return { status: 201, body: renderRef(ref, sha) };
  },
  'git/update-ref': (request) => {
    const repo = requireRepo(request);
    const ref = request.params.ref ?? '';
    const current = repo.refs.get(ref);
    const sha = String(request.body.sha);
    if (!current) return unprocessable('Reference does not exist');
    if (!repo.commits.has(sha)) return unprocessable('Object does not exist');
    if (request.body.force !== true && !isAncestor(repo.commits, current, sha))
      return unprocessable('Update is not a fast forward');
    repo.refs.set(ref, sha);
    return { status: 200, body: renderRef(ref, sha) };
  },
};

function isAncestor(
  commits: Map<string, { parents: string[] }>,
  ancestor: string,
  descendant: string,
): boolean {
  const queue = [descendant];
  while (queue.length > 0) {
    const sha = queue.shift() as string;
    if (sha === ancestor) return true;
    queue.push(...(commits.get(sha)?.parents ?? []));
  }
  return false;
}

function renderRef(ref: string, sha: string): Record<string, unknown> {
  return { ref: `refs/${ref}`, node_id: `REF_${sha}`, url: '', object: { type: 'commit', sha, url: '' } };
}

function renderCommit(
  sha: string,
  message: string,
  tree: string,
  parents: string[],
): Record<string, unknown> {
  const person = { name: 'odoo-forge[bot]', email: 'bot@example.com', date: new Date().toISOString() };
  return {
    sha,
    node_id: `C_${sha}`,
    url: '',
    html_url: '',
    message,
    author: person,
    committer: person,
    tree: { sha: tree, url: '' },
    parents: parents.map((p) => ({ sha: p, url: '', html_url: '' })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}
