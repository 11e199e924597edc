import type { RepoTarget } from '../github/repo-target.js';

/** Where `odoo-forge init` writes the workflow, and the `name:` it gives it. */
export const FORGE_WORKFLOW_PATH = '.github/workflows/odoo-forge.yml';
export const FORGE_WORKFLOW_NAME = 'Odoo Forge';

/** A workflow run as far as a re-run needs it. */
export interface WorkflowRunRef {
  id: number;
  name: string;
  url: string;
}

/** What a re-run request did, run by run. */
export interface RerunOutcome {
  /** Failed, cancelled or timed-out runs: only their failed jobs (and dependents) run again. */
  failedJobs: WorkflowRunRef[];
  /** Runs that had passed: all their jobs run again. */
  allJobs: WorkflowRunRef[];
  /** Runs still queued or in progress: left alone. */
  running: WorkflowRunRef[];
}

interface ListedRun {
  id: number;
  name?: string | null;
  path?: string;
  status: string | null;
  conclusion: string | null;
  html_url: string;
}

const FAILED = new Set(['failure', 'cancelled', 'timed_out', 'startup_failure']);

/**
 * True for a run of the Forge workflow: its file (GitHub may append `@<ref>` to the path) or, for
 * a workflow copied under another file name, its name.
 */
export function isForgeRun(run: { name?: string | null; path?: string }): boolean {
  const path = (run.path ?? '').replace(/@.*$/, '');
  return path === FORGE_WORKFLOW_PATH || run.name === FORGE_WORKFLOW_NAME;
}

/**
 * Re-runs the Forge workflow on `headSha`: the failed jobs of a run that failed, every job of a
 * run that passed; a run still going is left alone. With `runId` (from a check run's details
 * link) only that run is considered, when it is a Forge run of `headSha`.
 */
export async function rerunForgeWorkflow(
  target: RepoTarget,
  headSha: string,
  runId?: number,
): Promise<RerunOutcome> {
  const runs = await forgeRuns(target, headSha);
  const chosen =
    runId !== undefined && runs.some((r) => r.id === runId) ? runs.filter((r) => r.id === runId) : runs;
  const outcome: RerunOutcome = { failedJobs: [], allJobs: [], running: [] };
  for (const run of chosen) {
    const ref: WorkflowRunRef = { id: run.id, name: run.name ?? String(run.id), url: run.html_url };
    const request = { owner: target.owner, repo: target.repo, run_id: run.id };
    if (run.status !== 'completed') {
      outcome.running.push(ref);
    } else if (FAILED.has(run.conclusion ?? '')) {
      await target.octokit.rest.actions.reRunWorkflowFailedJobs(request);
      outcome.failedJobs.push(ref);
    } else {
      await target.octokit.rest.actions.reRunWorkflow(request);
      outcome.allJobs.push(ref);
    }
  }
  return outcome;
}

/** The Forge runs on `headSha` (a re-run is a new attempt of the same run, not a new run). */
async function forgeRuns(target: RepoTarget, headSha: string): Promise<ListedRun[]> {
  const { data } = await target.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: target.owner,
    repo: target.repo,
    head_sha: headSha,
    per_page: 100,
  });
  return (data.workflow_runs as ListedRun[]).filter(isForgeRun);
}

/** The workflow run id of an Actions link (`…/actions/runs/<id>` or `…/actions/runs/<id>/job/<job>`). */
export function runIdOfUrl(url: string | null | undefined): number | undefined {
  const match = /\/actions\/runs\/(\d+)(?:\/|$)/.exec(url ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The Markdown answer to a re-run request. */
export function describeRerun(outcome: RerunOutcome, headSha: string): string {
  const links = (runs: WorkflowRunRef[]): string => runs.map((r) => `[${r.name}](${r.url})`).join(', ');
  const lines: string[] = [];
  if (outcome.failedJobs.length > 0)
    lines.push(`🔁 Re-running the failed jobs of ${links(outcome.failedJobs)}.`);
  if (outcome.allJobs.length > 0)
    lines.push(`🔁 Re-running every job of ${links(outcome.allJobs)} (it had passed).`);
  if (outcome.running.length > 0) lines.push(`⏳ Still running, left alone: ${links(outcome.running)}.`);
  if (lines.length === 0)
    lines.push(
      `Nothing to re-run: no ${FORGE_WORKFLOW_NAME} workflow run on ${headSha.slice(0, 7)}. ` +
        `Add the workflow with \`npx odoo-forge init\` (it writes \`${FORGE_WORKFLOW_PATH}\`).`,
    );
  return lines.join('\n');
}
