import type { FakeRepo, FakeUser, GitHubState } from './github-state.js';
import { ancestors, mergeRoutes, resolveRef } from './merge-routes.js';
import { renderUser } from './render.js';
import {
  notFound,
  requireRepo,
  unprocessable,
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

interface DeploymentState {
  deployments: FakeDeployment[];
}

// Per-repository state of these routes, kept beside FakeRepo so github-state.ts needs no change.
const states = new WeakMap<FakeRepo, DeploymentState>();

function stateOf(repo: FakeRepo): DeploymentState {
  let state = states.get(repo);
  if (!state) {
    state = { deployments: [] };
    states.set(repo, state);
  }
  return state;
}

/** The deployments created in `repo`, oldest first. */
export function deploymentsOf(repo: FakeRepo): FakeDeployment[] {
  return stateOf(repo).deployments;
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

function findDeployment(request: Parameters<RouteHandler>[0]): FakeDeployment | undefined {
  const repo = requireRepo(request);
  return deploymentsOf(repo).find((d) => d.id === Number(request.params.deployment_id));
}

/** The deployments routes (and the merges and compare ones), with GitHub's answers to their failures. */
export const deploymentRoutes: Record<string, RouteHandler> = {
  ...mergeRoutes,
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
