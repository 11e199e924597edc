import type { RepoTarget } from '../github/repo-target.js';
import { rerunForgeWorkflow, runIdOfUrl, type RerunOutcome } from '../retest/rerun-forge-workflow.js';

/** The `identifier` of a check run's action button that re-runs the Forge workflow. */
export const RETEST_ACTION = 'retest';
/** Names of Forge's check runs (`Odoo Forge / lint`, `Odoo Forge / tests (18.0)`, …) start so. */
export const FORGE_CHECK_PREFIX = 'Odoo Forge / ';

/** The parts of a `check_run` webhook the re-run reads. */
export interface CheckRunEvent {
  action: string;
  checkRun: { name: string; headSha: string; detailsUrl: string | null | undefined };
  /** Set on `requested_action`. */
  identifier?: string | undefined;
}

/**
 * `check_run.rerequested` (GitHub's "Re-run" button on a check run the app created) and
 * `check_run.requested_action` with the `retest` button: re-run the Forge workflow that posted
 * the check (the run its details link names, else every Forge run of the head commit).
 * Answers undefined for a check run that is not Forge's or another button.
 */
export async function rerunCheckRun(
  target: RepoTarget,
  event: CheckRunEvent,
): Promise<RerunOutcome | undefined> {
  if (!event.checkRun.name.startsWith(FORGE_CHECK_PREFIX)) return undefined;
  if (event.action === 'requested_action' && event.identifier !== RETEST_ACTION) return undefined;
  if (event.action !== 'rerequested' && event.action !== 'requested_action') return undefined;
  return rerunForgeWorkflow(target, event.checkRun.headSha, runIdOfUrl(event.checkRun.detailsUrl));
}
