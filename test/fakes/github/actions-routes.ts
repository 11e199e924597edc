import type { FakeRepo, FakeWorkflowRun } from './github-state.js';
import { notFound, requireRepo, unprocessable, type RouteHandler } from './route-handler.js';

function renderRun(repo: FakeRepo, run: FakeWorkflowRun): Record<string, unknown> {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    run_attempt: run.reruns + 1,
  };
}

/** A new attempt of a completed run (of its failed jobs or of all of them): counted in `reruns`. */
const rerun: RouteHandler = (request) => {
  const repo = requireRepo(request);
  const run = repo.workflowRuns.find((r) => r.id === Number(request.params.run_id));
  if (!run) return notFound();
  if (run.status !== 'completed') return unprocessable('The workflow run is not completed');
  run.reruns += 1;
  run.status = 'queued';
  run.conclusion = null;
  return { status: 201, body: {} };
};

/** Workflow runs, as far as `/retest` and the check-run re-run need them. */
export const actionsRoutes: Record<string, RouteHandler> = {
  'actions/list-workflow-runs-for-repo': (request) => {
    const repo = requireRepo(request);
    const headSha = request.query.get('head_sha');
    const runs = repo.workflowRuns.filter((r) => !headSha || r.headSha === headSha);
    return {
      status: 200,
      body: { total_count: runs.length, workflow_runs: runs.map((r) => renderRun(repo, r)) },
    };
  },
  'actions/re-run-workflow-failed-jobs': rerun,
  'actions/re-run-workflow': rerun,
};
