import type { FakeRepo, GitHubState } from './github-state.js';

/** What a route handler of the fake receives. */
export interface FakeRequest {
  state: GitHubState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  accept: string;
  /** The repository named by owner/repo, when the route has them and the token may see it. */
  repo: FakeRepo | undefined;
  /** The request's token (the Authorization header without its scheme). */
  token: string;
  /**
   * The base URL the request was addressed to (`https://api.github.com` in process): the
   * absolute URLs of a paged answer's `link` header start with it, as GitHub's do with its own.
   */
  baseUrl: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent as is (raw media types) instead of JSON. */
  text?: string;
  /** Binary contents (an artifact's zip) with this content type, instead of JSON. */
  bytes?: { data: Uint8Array; contentType: string };
  /** The `link` header (pagination). */
  link?: string;
  /**
   * A request GitHub would refuse for breaking one of its rules that the OpenAPI description
   * does not state (e.g. a check run completed without a conclusion): recorded in the fake's
   * violations, so the test fails, and answered with `status`.
   */
  violation?: string;
}

export type RouteHandler = (request: FakeRequest) => FakeResponse;

export function notFound(): FakeResponse {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

export function unprocessable(message: string): FakeResponse {
  return { status: 422, body: { message, documentation_url: 'https://docs.github.com/rest' } };
}

export function requireRepo(request: FakeRequest): FakeRepo {
  if (!request.repo) throw new Error('route handler needs a repository');
  return request.repo;
}

/** GitHub's answer to a write with a token that may only read (a fork's GITHUB_TOKEN). */
export function forbidden(): FakeResponse {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
    },
  };
}
