import { GitHubState } from './github-state.js';
import { OpenApiRoutes } from './openapi-routes.js';
import type { FakeRequest, FakeResponse, RouteHandler } from './route-handler.js';
import { issueRoutes } from './issue-routes.js';
import { gitRoutes } from './git-routes.js';
import { pullRoutes } from './pull-routes.js';
import { appRoutes, repoRoutes } from './repo-routes.js';
import { actionsRoutes } from './actions-routes.js';
import { hookRoutes } from './hook-routes.js';
import { checkRoutes } from './check-routes.js';
import { workflowRunRoutes } from './workflow-run-routes.js';
import { deploymentRoutes } from './deployment-routes.js';

const handlers: Record<string, RouteHandler> = {
  ...issueRoutes,
  ...gitRoutes,
  ...pullRoutes,
  ...repoRoutes,
  ...appRoutes,
  ...actionsRoutes,
  ...hookRoutes,
  ...checkRoutes,
  ...workflowRunRoutes,
  ...deploymentRoutes,
};

/**
 * A stateful, in-process fake of GitHub's REST API, used as Octokit's `fetch`. Every request is
 * matched and validated against GitHub's OpenAPI description; an unknown route, an invalid
 * parameter or body, or a route the fake does not implement is recorded in `violations` and
 * answered with an error. Tests call `assertClean()` so such a request fails them loudly.
 */
export class FakeGitHub {
  readonly state: GitHubState;
  readonly violations: string[] = [];
  /** Requests served, as "METHOD operationId" (for diagnostics, not for assertions on sequences). */
  readonly served: string[] = [];
  readonly #routes: OpenApiRoutes;
  readonly #holds = new Map<string, { reached: () => void; released: Promise<void> }>();

  constructor(routes: OpenApiRoutes, appSlug = 'odoo-forge') {
    this.#routes = routes;
    this.state = new GitHubState(appSlug);
  }

  /**
   * Holds the next request of `operationId` (after validation, before it is served) until
   * `release()` is called; `reached` resolves when such a request arrives. Tests use it to stop
   * the app in the middle of its work.
   */
  hold(operationId: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#holds.set(operationId, { reached, released });
    return { reached: reachedPromise, release };
  }

  assertClean(): void {
    if (this.violations.length > 0)
      throw new Error(
        `the fake GitHub saw requests that break the OpenAPI contract:\n${this.violations.join('\n')}`,
      );
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // A real response arrives as I/O, in a later turn of the event loop: so does this one.
    await new Promise((resolve) => setImmediate(resolve));
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const match = this.#routes.match(method, url.pathname);
    if (!match) return this.#violation(`unknown route ${method} ${url.pathname}`, 404);
    const text = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return this.#violation(`${match.operationId}: body is not JSON: ${text.slice(0, 80)}`, 400);
    }
    const problems = this.#routes.validate(match, method, url.searchParams, body);
    if (problems.length > 0)
      return this.#violation(`${match.operationId} (${method} ${url.pathname}): ${problems.join('; ')}`, 422);
    const handler = handlers[match.operationId];
    if (!handler)
      return this.#violation(`${match.operationId}: valid, but the fake does not implement it`, 501);
    const auth = request.headers.get('authorization') ?? '';
    if (!/^(token|bearer) \S+/i.test(auth))
      return this.#violation(`${match.operationId}: request without Authorization`, 401);
    const held = this.#holds.get(match.operationId);
    if (held) {
      this.#holds.delete(match.operationId);
      held.reached();
      await held.released;
    }
    const repo = this.#repoFor(match.params, auth);
    if (match.params.owner && match.params.repo && !repo)
      return json({ status: 404, body: { message: 'Not Found' } }, request.url);
    const fakeRequest: FakeRequest = {
      state: this.state,
      params: match.params,
      query: url.searchParams,
      body: (body ?? {}) as Record<string, unknown>,
      accept: request.headers.get('accept') ?? '',
      repo,
      token: auth.replace(/^(token|bearer) /i, ''),
      baseUrl: url.origin,
    };
    this.served.push(`${method} ${match.operationId}`);
    const answer = handler(fakeRequest);
    if (answer.violation) this.violations.push(`${match.operationId}: ${answer.violation}`);
    return json(answer, request.url);
  };

  #repoFor(params: Record<string, string>, auth: string): ReturnType<GitHubState['repo']> {
    if (!params.owner || !params.repo) return undefined;
    const repo = this.state.repo(params.owner, params.repo);
    if (!repo) return undefined;
    const token = /ghs_installation_(\d+)/.exec(auth);
    return token && Number(token[1]) === repo.installationId ? repo : undefined;
  }

  #violation(message: string, status: number): Response {
    this.violations.push(message);
    return json({ status, body: { message: `fake GitHub: ${message}` } });
  }
}

/**
 * The answer as fetch would hand it over: with the request's URL as `response.url` (Octokit's
 * paginate reads it once a paged answer has no `next` link left).
 */
function json(response: FakeResponse & { link?: string }, url?: string): Response {
  const answer = body(response);
  if (url) Object.defineProperty(answer, 'url', { value: url });
  return answer;
}

function body(response: FakeResponse & { link?: string }): Response {
  const headers = new Headers({ 'x-github-request-id': 'FAKE' });
  if (response.link) headers.set('link', response.link);
  if (response.bytes !== undefined) {
    headers.set('content-type', response.bytes.contentType);
    return new Response(Buffer.from(response.bytes.data), { status: response.status, headers });
  }
  if (response.text !== undefined) {
    headers.set('content-type', 'application/vnd.github.raw; charset=utf-8');
    return new Response(response.text, { status: response.status, headers });
  }
  headers.set('content-type', 'application/json; charset=utf-8');
  const noBody = response.status === 204 || response.body === undefined;
  return new Response(noBody ? null : JSON.stringify(response.body), { status: response.status, headers });
}
