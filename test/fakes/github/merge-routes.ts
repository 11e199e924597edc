import type { FakeRepo } from './github-state.js';
import {
  notFound,
  requireRepo,
  type FakeRequest,
  type FakeResponse,
  type RouteHandler,
} from './route-handler.js';

/** A merge made through `POST /merges` (what tests assert on). */
export interface FakeMerge {
  base: string;
  head: string;
  sha: string;
  message: string;
}

// The merges made per repository, kept beside FakeRepo so github-state.ts needs no change.
const merges = new WeakMap<FakeRepo, FakeMerge[]>();

/** The merges made in `repo` through the merges API, oldest first. */
export function mergesOf(repo: FakeRepo): FakeMerge[] {
  let list = merges.get(repo);
  if (!list) {
    list = [];
    merges.set(repo, list);
  }
  return list;
}

/** A commit sha, or the head of branch `ref` (`refs/heads/x` or `x`), or undefined. */
export function resolveRef(repo: FakeRepo, ref: string): string | undefined {
  if (repo.commits.has(ref)) return ref;
  return repo.refs.get(`heads/${ref.replace(/^refs\/heads\//, '')}`);
}

/** Every ancestor of `sha` including itself, nearest first (breadth first). */
export function ancestors(repo: FakeRepo, sha: string): string[] {
  const seen: string[] = [];
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.includes(next)) continue;
    seen.push(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return seen;
}

function filesOf(repo: FakeRepo, sha: string): Map<string, string> {
  const tree = repo.trees.get(repo.commits.get(sha)?.tree ?? '') ?? [];
  return new Map(tree.map((e) => [e.path, e.sha]));
}

/** Paths whose blob differs between two commits (added, removed or modified). */
function changedPaths(repo: FakeRepo, from: string | undefined, to: string): Map<string, string> {
  const before = from ? filesOf(repo, from) : new Map<string, string>();
  const after = filesOf(repo, to);
  const changed = new Map<string, string>();
  for (const [path, sha] of after)
    if (before.get(path) !== sha) changed.set(path, before.has(path) ? 'modified' : 'added');
  for (const path of before.keys()) if (!after.has(path)) changed.set(path, 'removed');
  return changed;
}

/** The best common ancestor: a common ancestor that no other common ancestor descends from. */
function mergeBase(repo: FakeRepo, base: string, head: string): string | undefined {
  const baseAncestors = new Set(ancestors(repo, base));
  const common = ancestors(repo, head).filter((sha) => baseAncestors.has(sha));
  return common.find((sha) => !common.some((other) => other !== sha && ancestors(repo, other).includes(sha)));
}

function renderCommitSummary(repo: FakeRepo, sha: string): Record<string, unknown> {
  const commit = repo.commits.get(sha);
  return {
    sha,
    node_id: `C_${sha}`,
    url: `https://api.github.com/repos/${repo.owner}/${repo.name}/commits/${sha}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
    commit: { message: commit?.message ?? '', tree: { sha: commit?.tree ?? '' } },
    parents: (commit?.parents ?? []).map((p) => ({ sha: p })),
  };
}

/** `POST /merges` (a merge commit, 204 when already merged, 409 on a conflict) and the compares. */
export const mergeRoutes: Record<string, RouteHandler> = {
  'repos/merge': (request) => {
    const repo = requireRepo(request);
    const baseName = String(request.body.base);
    const base = repo.refs.get(`heads/${baseName}`);
    const head = resolveRef(repo, String(request.body.head));
    if (!base || !head)
      return { status: 404, body: { message: base ? 'Head does not exist' : 'Base does not exist' } };
    if (ancestors(repo, base).includes(head)) return { status: 204 };
    const common = mergeBase(repo, base, head);
    const ours = changedPaths(repo, common, base);
    const theirs = changedPaths(repo, common, head);
    const baseFiles = filesOf(repo, base);
    const headFiles = filesOf(repo, head);
    if ([...theirs.keys()].some((path) => ours.has(path) && baseFiles.get(path) !== headFiles.get(path)))
      return { status: 409, body: { message: 'Merge conflict' } };
    const merged = new Map(baseFiles);
    for (const [path, change] of theirs) {
      const sha = headFiles.get(path);
      if (change === 'removed' || sha === undefined) merged.delete(path);
      else merged.set(path, sha);
    }
    const tree = request.state.putTree(
      repo,
      [...merged].map(([path, sha]) => ({ path, mode: '100644', type: 'blob' as const, sha })),
    );
    const message = String(
      request.body.commit_message ?? `Merge ${String(request.body.head)} into ${baseName}`,
    );
    const sha = request.state.putCommit(repo, { message, tree, parents: [base, head] });
    repo.refs.set(`heads/${baseName}`, sha);
    mergesOf(repo).push({ base: baseName, head, sha, message });
    return { status: 201, body: renderCommitSummary(repo, sha) };
  },
  'repos/compare-commits-with-basehead': (request) => compareBasehead(request),
  // `{base}...{head}` in the path matches this older operation of the same route.
  'repos/compare-commits': (request) =>
    compareBasehead({
      ...request,
      params: { ...request.params, basehead: `${request.params.base ?? ''}...${request.params.head ?? ''}` },
    }),
};

/** GitHub's three-dot compare: what `head` has since its merge base with `base`. */
function compareBasehead(request: FakeRequest): FakeResponse {
  const repo = requireRepo(request);
  const [baseRef = '', headRef = ''] = (request.params.basehead ?? '').split('...');
  const base = resolveRef(repo, baseRef);
  const head = resolveRef(repo, headRef);
  if (!base || !head) return notFound();
  const common = mergeBase(repo, base, head);
  const headSide = ancestors(repo, head);
  const baseSide = ancestors(repo, base);
  const aheadCommits = headSide.filter((sha) => !baseSide.includes(sha));
  const behindBy = baseSide.filter((sha) => !headSide.includes(sha)).length;
  const aheadBy = aheadCommits.length;
  const status =
    base === head ? 'identical' : aheadBy > 0 && behindBy > 0 ? 'diverged' : aheadBy > 0 ? 'ahead' : 'behind';
  return {
    status: 200,
    body: {
      url: `https://api.github.com/repos/${repo.owner}/${repo.name}/compare/${request.params.basehead}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}/compare/${request.params.basehead}`,
      status,
      ahead_by: aheadCommits.length,
      behind_by: behindBy,
      total_commits: aheadCommits.length,
      base_commit: renderCommitSummary(repo, base),
      merge_base_commit: renderCommitSummary(repo, common ?? base),
      commits: aheadCommits.reverse().map((sha) => renderCommitSummary(repo, sha)),
      files: [...changedPaths(repo, common, head)].map(([filename, change]) => ({
        sha: filesOf(repo, head).get(filename) ?? null,
        filename,
        status: change,
        additions: 0,
        deletions: 0,
        changes: 0,
      })),
    },
  };
}
