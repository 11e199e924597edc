import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { RepoTarget } from '../github/repo-target.js';
import { isForgeRun } from '../retest/rerun-forge-workflow.js';
import { loadForgePull, pullNumbersOf } from './forge-pull.js';
import { runRepair, type RepairContext, type RepairOutcome } from './run-repair.js';

/** The parts of a `workflow_run.completed` payload the repair reads. */
export interface WorkflowRunEvent {
  id: number;
  name: string | null | undefined;
  path: string | undefined;
  conclusion: string | null;
  headSha: string;
  headBranch: string | null;
  url: string;
  pullNumbers: number[];
}

/**
 * `workflow_run.completed` of the Forge workflow: one turn of the repair loop for each Forge
 * pull request of the run's head. Runs of other workflows, and pull requests a person opened,
 * are left alone.
 */
export async function repairWorkflowRun(
  target: RepoTarget,
  config: ForgeConfig,
  context: Omit<RepairContext, 'target' | 'config'>,
  run: WorkflowRunEvent,
): Promise<Array<{ pull: number; outcome: RepairOutcome }>> {
  if (!isForgeRun(run) || !run.headBranch) return [];
  const outcomes: Array<{ pull: number; outcome: RepairOutcome }> = [];
  for (const number of await pullNumbersOf(target, run.headBranch, run.pullNumbers)) {
    const pull = await loadForgePull(target, config, number);
    if (!pull) continue;
    const outcome = await runRepair({ ...context, target, config }, pull, {
      id: run.id,
      conclusion: run.conclusion,
      headSha: run.headSha,
      url: run.url,
    });
    outcomes.push({ pull: number, outcome });
  }
  return outcomes;
}
