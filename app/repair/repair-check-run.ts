import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { RepoTarget } from '../github/repo-target.js';
import { FORGE_CHECK_PREFIX } from '../handlers/rerun-check-run.js';
import { isForgeRun, runIdOfUrl } from '../retest/rerun-forge-workflow.js';
import { loadForgePull, pullNumbersOf } from './forge-pull.js';
import { runRepair, type RepairContext, type RepairOutcome } from './run-repair.js';

/** The parts of a `check_run.completed` payload the repair reads. */
export interface CheckRunCompletion {
  name: string;
  conclusion: string | null;
  headSha: string;
  /** The check suite's branch. */
  headBranch: string | null | undefined;
  /** The workflow run's page (`…/actions/runs/R`) when the actions wrote the check run. */
  detailsUrl: string | null | undefined;
  pullNumbers: number[];
}

/** One turn: a Forge pull request's outcome, or (`pull` undefined) why the check was not answered. */
export interface CheckRunTurn {
  pull: number | undefined;
  outcome: RepairOutcome;
}

/**
 * `check_run.completed` of a Forge check run (`Odoo Forge / …`) that failed: the same turn of the
 * repair loop as `workflow_run.completed`, on the Forge workflow run that wrote the check (its
 * details link, else the newest Forge run of the commit), with the reports uploaded so far. The
 * markers record the workflow run, and a repair moves the head, so whichever of the two events
 * comes first answers the commit and the other changes nothing.
 */
export async function repairCheckRun(
  target: RepoTarget,
  config: ForgeConfig,
  context: Omit<RepairContext, 'target' | 'config'>,
  check: CheckRunCompletion,
): Promise<CheckRunTurn[]> {
  if (!check.name.startsWith(FORGE_CHECK_PREFIX) || check.conclusion !== 'failure') return [];
  const { data } = await target.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: target.owner,
    repo: target.repo,
    head_sha: check.headSha,
    per_page: 100,
  });
  const runs = data.workflow_runs.filter(isForgeRun).sort((a, b) => b.id - a.id);
  const linked = runIdOfUrl(check.detailsUrl);
  const run = runs.find((r) => r.id === linked) ?? runs[0];
  if (!run)
    return [
      {
        pull: undefined,
        outcome: { kind: 'ignored', why: `no Odoo Forge workflow run on ${check.headSha.slice(0, 7)}` },
      },
    ];
  const branch = check.headBranch ?? run.head_branch;
  const numbers =
    check.pullNumbers.length > 0 || !branch
      ? check.pullNumbers
      : await pullNumbersOf(target, branch, check.pullNumbers);
  const turns: CheckRunTurn[] = [];
  for (const number of numbers) {
    const pull = await loadForgePull(target, config, number);
    if (!pull) continue;
    const outcome = await runRepair({ ...context, target, config }, pull, {
      id: run.id,
      conclusion: 'failure',
      headSha: check.headSha,
      url: run.html_url,
    });
    turns.push({ pull: number, outcome });
  }
  return turns;
}
