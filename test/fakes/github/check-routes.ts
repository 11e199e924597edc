import type { FakeAnnotation, FakeCheckConclusion, FakeCheckRun } from './check-run-state.js';
import type { FakeRepo } from './github-state.js';
import { pagedAnswer } from './page-links.js';
import {
  forbidden,
  notFound,
  requireRepo,
  type FakeRequest,
  type FakeResponse,
  type RouteHandler,
} from './route-handler.js';

const api = 'https://api.github.com';

function renderCheckRun(repo: FakeRepo, run: FakeCheckRun): Record<string, unknown> {
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    external_id: run.externalId,
    details_url: run.detailsUrl,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    url: `${api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/runs/${run.id}`,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}/annotations`,
    },
    app: { id: 1, slug: run.appSlug, name: run.appSlug },
    pull_requests: [],
  };
}

function renderAnnotation(annotation: FakeAnnotation): Record<string, unknown> {
  return {
    path: annotation.path,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    start_column: annotation.startColumn ?? null,
    end_column: annotation.endColumn ?? null,
    annotation_level: annotation.level,
    title: annotation.title ?? null,
    message: annotation.message,
    raw_details: annotation.rawDetails ?? null,
    blob_href: '',
  };
}

/** GitHub's rules on annotations that the OpenAPI description leaves to prose. */
function annotationProblem(raw: Record<string, unknown>): string | undefined {
  const start = Number(raw.start_line);
  const end = Number(raw.end_line);
  if (start < 1 || end < start)
    return `annotation lines ${start}-${end} of ${String(raw.path)} are not a range from 1`;
  if ((raw.start_column !== undefined || raw.end_column !== undefined) && start !== end)
    return `annotation on ${String(raw.path)} has columns but spans lines ${start}-${end}`;
  if (typeof raw.title === 'string' && raw.title.length > 255)
    return `annotation title longer than 255 characters`;
  if (Buffer.byteLength(String(raw.message)) > 64 * 1024) return `annotation message larger than 64 KB`;
  if (typeof raw.path === 'string' && (raw.path.startsWith('/') || raw.path.startsWith('./')))
    return `annotation path ${raw.path} is not repository-relative`;
  return undefined;
}

/** Applies a create or update body to a check run; returns a rule GitHub would refuse it for. */
function apply(run: FakeCheckRun, body: Record<string, unknown>): string | undefined {
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.external_id === 'string') run.externalId = body.external_id;
  if (typeof body.started_at === 'string') run.startedAt = body.started_at;
  if (Array.isArray(body.actions)) run.actions = body.actions as NonNullable<FakeCheckRun['actions']>;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion as FakeCheckConclusion;
    run.status = 'completed';
  } else if (body.status === 'completed' || body.completed_at !== undefined) {
    return 'a completed check run needs a conclusion';
  } else if (typeof body.status === 'string') run.status = body.status as FakeCheckRun['status'];
  if (run.status === 'completed')
    run.completedAt = typeof body.completed_at === 'string' ? body.completed_at : new Date().toISOString();
  const output = body.output as Record<string, unknown> | undefined;
  if (output) {
    if (typeof output.title === 'string') run.output.title = output.title;
    if (typeof output.summary === 'string') run.output.summary = output.summary;
    if (typeof output.text === 'string') run.output.text = output.text;
    const annotations = (output.annotations as Record<string, unknown>[] | undefined) ?? [];
    for (const raw of annotations) {
      const problem = annotationProblem(raw);
      if (problem) return problem;
    }
    if (annotations.length > 0) run.annotationRequests += 1;
    run.annotations.push(
      ...annotations.map((raw) => ({
        path: String(raw.path),
        startLine: Number(raw.start_line),
        endLine: Number(raw.end_line),
        ...(raw.start_column !== undefined ? { startColumn: Number(raw.start_column) } : {}),
        ...(raw.end_column !== undefined ? { endColumn: Number(raw.end_column) } : {}),
        level: raw.annotation_level as FakeAnnotation['level'],
        message: String(raw.message),
        ...(typeof raw.title === 'string' ? { title: raw.title } : {}),
        ...(typeof raw.raw_details === 'string' ? { rawDetails: raw.raw_details } : {}),
      })),
    );
  }
  return undefined;
}

function refused(problem: string): FakeResponse {
  return { status: 422, body: { message: problem }, violation: problem };
}

function writable(request: FakeRequest): FakeResponse | undefined {
  return request.state.readOnlyTokens.has(request.token) ? forbidden() : undefined;
}

function findRun(request: FakeRequest): { repo: FakeRepo; run: FakeCheckRun | undefined } {
  const repo = requireRepo(request);
  return { repo, run: repo.checkRuns.find((r) => r.id === Number(request.params.check_run_id)) };
}

/** The Checks API as far as check runs go: create, update, get, list for a ref, annotations. */
export const checkRoutes: Record<string, RouteHandler> = {
  'checks/create': (request) => {
    const repo = requireRepo(request);
    const denied = writable(request);
    if (denied) return denied;
    const run: FakeCheckRun = {
      id: request.state.nextId(),
      name: String(request.body.name),
      headSha: String(request.body.head_sha),
      status: 'queued',
      conclusion: null,
      detailsUrl: null,
      externalId: null,
      startedAt: new Date().toISOString(),
      completedAt: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      appSlug: request.state.bot.login.replace(/\[bot\]$/, ''),
      annotationRequests: 0,
    };
    const problem = apply(run, request.body);
    if (problem) return refused(problem);
    repo.checkRuns.push(run);
    return { status: 201, body: renderCheckRun(repo, run) };
  },
  'checks/update': (request) => {
    const denied = writable(request);
    if (denied) return denied;
    const { repo, run } = findRun(request);
    if (!run) return notFound();
    const problem = apply(run, request.body);
    if (problem) return refused(problem);
    return { status: 200, body: renderCheckRun(repo, run) };
  },
  'checks/get': (request) => {
    const { repo, run } = findRun(request);
    return run ? { status: 200, body: renderCheckRun(repo, run) } : notFound();
  },
  'checks/list-for-ref': (request) => {
    const repo = requireRepo(request);
    const ref = request.params.ref ?? '';
    const name = request.query.get('check_name');
    const status = request.query.get('status');
    const runs = repo.checkRuns.filter(
      (r) => r.headSha === ref && (!name || r.name === name) && (!status || r.status === status),
    );
    // filter=latest (the default): the newest run of each name.
    const latest = request.query.get('filter') !== 'all';
    const shown = latest
      ? runs.filter((r) => !runs.some((other) => other.name === r.name && other.id > r.id))
      : runs;
    // Newest first; paged like GitHub (per_page up to 100, `link` with next and last).
    return pagedAnswer(
      request,
      `/repos/${repo.owner}/${repo.name}/commits/${ref}/check-runs`,
      [...shown].reverse(),
      (page) => ({ total_count: shown.length, check_runs: page.map((r) => renderCheckRun(repo, r)) }),
    );
  },
  'checks/list-annotations': (request) => {
    const { repo, run } = findRun(request);
    if (!run) return notFound();
    return pagedAnswer(
      request,
      `/repos/${repo.owner}/${repo.name}/check-runs/${run.id}/annotations`,
      run.annotations,
      (page) => page.map(renderAnnotation),
    );
  },
};
