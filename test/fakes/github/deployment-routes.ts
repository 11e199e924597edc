import type { FakeRepo, FakeUser, GitHubState } from './github-state.js';
import { renderUser } from './render.js';
import {
  notFound,
  requireRepo,
  unprocessable,
  type FakeRequest,
  type FakeResponse,
  type RouteHandler,
} from './route-handler.js';

export interface FakeDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environmentUrl: string;
  logUrl: string;
  creator: FakeUser;
}
export interface FakeDeployment {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  autoMerge: boolean;
  requiredContexts: string[] | undefined;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  creator: FakeUser;
  createdAt: string;
  statuses: FakeDeploymentStatus[];
}
/** A merge made through `POST /merges` (what tests assert on). */
export interface FakeMerge {
  base: string;
  head: string;
  sha: string;
  message: string;
}

interface DeploymentState {
  deployments: FakeDeployment[];
  merges: FakeMerge[];
}

// Per-repository state of these routes, kept beside FakeRepo so github-state.ts needs no change.
const states = new WeakMap<FakeRepo, DeploymentState>();

function stateOf(repo: FakeRepo): DeploymentState {
  let state = states.get(repo);
  if (!state) {
    state = { deployments: [], merges: [] };
    states.set(repo, state);
  }
  return state;
}

/** The deployments created in `repo`, oldest first. */
export function deploymentsOf(repo: FakeRepo): FakeDeployment[] {
  return stateOf(repo).deployments;
}

/** The merges made in `repo` through the merges API, oldest first. */
export function mergesOf(repo: FakeRepo): FakeMerge[] {
  return stateOf(repo).merges;
}

/** A commit sha, or the head of branch `ref` (`refs/heads/x` or `x`), or undefined. */
export function resolveRef(repo: FakeRepo, ref: string): string | undefined {
  if (repo.commits.has(ref)) return ref;
  return repo.refs.get(`heads/${ref.replace(/^refs\/heads\//, '')}`);
}

/** Every ancestor of `sha` including itself, nearest first (breadth first). */
function ancestors(repo: FakeRepo, sha: string): string[] {
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

function renderDeployment(repo: FakeRepo, d: FakeDeployment): Record<string, unknown> {
  const url = `https://api.github.com/repos/${repo.owner}/${repo.name}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: renderUser(d.creator),
    created_at: d.createdAt,
    updated_at: d.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: `https://api.github.com/repos/${repo.owner}/${repo.name}`,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
  };
}

function renderStatus(repo: FakeRepo, d: FakeDeployment, s: FakeDeploymentStatus): Record<string, unknown> {
  const url = `https://api.github.com/repos/${repo.owner}/${repo.name}/deployments/${d.id}`;
  return {
    url: `${url}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: renderUser(s.creator),
    description: s.description,
    environment: d.environment,
    target_url: s.logUrl,
    log_url: s.logUrl,
    environment_url: s.environmentUrl,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    deployment_url: url,
    repository_url: `https://api.github.com/repos/${repo.owner}/${repo.name}`,
  };
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

function findDeployment(request: Parameters<RouteHandler>[0]): FakeDeployment | undefined {
  const repo = requireRepo(request);
  return deploymentsOf(repo).find((d) => d.id === Number(request.params.deployment_id));
}

/** The merges, compare and deployments routes, with GitHub's answers to their failures. */
export const deploymentRoutes: Record<string, RouteHandler> = {
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
  'repos/create-deployment': (request) => {
    const repo = requireRepo(request);
    const ref = String(request.body.ref);
    const sha = resolveRef(repo, ref);
    if (!sha) return unprocessable(`No ref found for: ${ref}`);
    const autoMerge = request.body.auto_merge !== false;
    const defaultHead = repo.refs.get(`heads/${repo.defaultBranch}`);
    // GitHub merges the default branch into the ref first unless auto_merge is false.
    if (autoMerge && defaultHead && !ancestors(repo, sha).includes(defaultHead))
      return { status: 409, body: { message: `Conflict merging ${repo.defaultBranch} into ${ref}.` } };
    const environment = String(request.body.environment ?? 'production');
    const deployment: FakeDeployment = {
      id: request.state.nextId(),
      ref,
      sha,
      task: String(request.body.task ?? 'deploy'),
      environment,
      description: typeof request.body.description === 'string' ? request.body.description : null,
      payload: request.body.payload ?? {},
      autoMerge,
      requiredContexts: Array.isArray(request.body.required_contexts)
        ? request.body.required_contexts.map(String)
        : undefined,
      productionEnvironment: request.body.production_environment === true || environment === 'production',
      transientEnvironment: request.body.transient_environment === true,
      creator: creatorOf(request.state, request.token),
      createdAt: new Date().toISOString(),
      statuses: [],
    };
    deploymentsOf(repo).push(deployment);
    return { status: 201, body: renderDeployment(repo, deployment) };
  },
  'repos/list-deployments': (request) => {
    const repo = requireRepo(request);
    const filters = ['sha', 'ref', 'task', 'environment'] as const;
    const found = deploymentsOf(repo)
      .filter((d) => filters.every((key) => !request.query.has(key) || request.query.get(key) === d[key]))
      .reverse();
    const perPage = Number(request.query.get('per_page') ?? 30);
    const page = Number(request.query.get('page') ?? 1);
    return {
      status: 200,
      body: found.slice((page - 1) * perPage, page * perPage).map((d) => renderDeployment(repo, d)),
    };
  },
  'repos/get-deployment': (request) => {
    const deployment = findDeployment(request);
    return deployment
      ? { status: 200, body: renderDeployment(requireRepo(request), deployment) }
      : notFound();
  },
  'repos/create-deployment-status': (request): FakeResponse => {
    const repo = requireRepo(request);
    const deployment = findDeployment(request);
    if (!deployment) return notFound();
    const description = String(request.body.description ?? '');
    if (description.length > 140)
      return {
        ...unprocessable('description is too long (maximum is 140 characters)'),
        violation: 'description over 140 characters',
      };
    const status: FakeDeploymentStatus = {
      id: request.state.nextId(),
      state: String(request.body.state),
      description,
      environmentUrl: String(request.body.environment_url ?? ''),
      logUrl: String(request.body.log_url ?? request.body.target_url ?? ''),
      creator: creatorOf(request.state, request.token),
    };
    deployment.statuses.push(status);
    return { status: 201, body: renderStatus(repo, deployment, status) };
  },
  'repos/list-deployment-statuses': (request) => {
    const repo = requireRepo(request);
    const deployment = findDeployment(request);
    if (!deployment) return notFound();
    return {
      status: 200,
      body: [...deployment.statuses].reverse().map((s) => renderStatus(repo, deployment, s)),
    };
  },
};

/** The app's installation token acts as the app's bot; any other token as a workflow's bot. */
function creatorOf(state: GitHubState, token: string): FakeUser {
  return /^ghs_installation_/.test(token)
    ? state.bot
    : { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
}

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
