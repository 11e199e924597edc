import { FORGE_CHECK_PREFIX } from '../handlers/rerun-check-run.js';
import type { RepoTarget } from '../github/repo-target.js';

export interface ForgeCheck {
  name: string;
  /** `queued`/`in_progress` while it runs, else its conclusion (`failure`, `timed_out`, ...). */
  state: string;
  url: string | undefined;
}

/** Where a commit's Forge check runs stand: those that failed and those that still run. */
export interface ForgeChecks {
  /** How many Forge check runs the commit has (the newest of each name). */
  count: number;
  failing: ForgeCheck[];
  pending: ForgeCheck[];
}

const PASSING = new Set(['success', 'neutral', 'skipped']);
const RUNNING = new Set(['queued', 'in_progress', 'pending', 'waiting', 'requested']);

/**
 * The Forge check runs (`Odoo Forge / lint`, `Odoo Forge / tests (18.0)`, ...) of `sha`, the
 * newest of each name, sorted into failing and still running. The deployment itself carries
 * `required_contexts: []` (it is of a merge commit that has no checks yet), so this is the gate
 * that GitHub's own default would be: a pull request is deployed only when its checks passed.
 * Every page is read (a commit of a busy repository has more than 100 check runs: other apps',
 * re-runs); `filter=latest` keeps the newest run of each name, and so does this when a run made
 * while the pages are read shows one name twice.
 */
export async function forgeChecksOf(target: RepoTarget, sha: string): Promise<ForgeChecks> {
  const runs = await target.octokit.paginate(target.octokit.rest.checks.listForRef, {
    owner: target.owner,
    repo: target.repo,
    ref: sha,
    filter: 'latest',
    per_page: 100,
  });
  const newest = new Map<string, (typeof runs)[number]>();
  for (const run of runs)
    if (run.name.startsWith(FORGE_CHECK_PREFIX) && run.id > (newest.get(run.name)?.id ?? 0))
      newest.set(run.name, run);
  const checks = [...newest.values()].map((run): ForgeCheck => ({
    name: run.name,
    state: run.status === 'completed' ? (run.conclusion ?? 'completed') : run.status,
    url: run.html_url ?? run.details_url ?? undefined,
  }));
  return {
    count: checks.length,
    pending: checks.filter((c) => RUNNING.has(c.state)),
    failing: checks.filter((c) => !RUNNING.has(c.state) && !PASSING.has(c.state)),
  };
}
