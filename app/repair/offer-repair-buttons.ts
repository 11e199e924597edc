import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { RepoTarget } from '../github/repo-target.js';
import { FORGE_CHECK_PREFIX } from '../handlers/rerun-check-run.js';
import { loadForgePull, pullNumbersOf } from './forge-pull.js';
import { REPAIR_FIX_ACTION, REPAIR_STOP_ACTION } from './press-repair-button.js';

/** The two buttons (GitHub: at most 3; label and identifier at most 20 characters, description 40). */
export const REPAIR_BUTTONS = [
  { label: 'Fix again', identifier: REPAIR_FIX_ACTION, description: 'One more repair attempt (as /fix)' },
  { label: 'Stop', identifier: REPAIR_STOP_ACTION, description: 'End the repair loop (as /stop)' },
] as const;

/** The slug of the app that owns a check run written with a workflow's `GITHUB_TOKEN`. */
const ACTIONS_APP = 'github-actions';

/** The parts of a failed `check_run.completed` payload the buttons need. */
export interface FailedCheckRun {
  id: number;
  name: string;
  conclusion: string | null;
  /** `check_run.app.slug`: who created it. */
  appSlug: string | undefined;
  headBranch: string | null | undefined;
  pullNumbers: number[];
}

export type ButtonOffer = { kind: 'offered'; pulls: number[] } | { kind: 'not-offered'; why: string };

/**
 * Puts the Fix again / Stop buttons on a failed Forge check run of a Forge pull request, when
 * this app created the check run (the workflow posted it with the app's token). GitHub sends
 * `check_run.requested_action` only to the app that created the check run, and only that app may
 * update it: a check run of `github-actions` (the job's `GITHUB_TOKEN`) is left as it is, and a
 * refused update (another app's check run) is reported, not thrown.
 */
export async function offerRepairButtons(
  target: RepoTarget,
  config: ForgeConfig,
  check: FailedCheckRun,
): Promise<ButtonOffer> {
  if (!check.name.startsWith(FORGE_CHECK_PREFIX) || check.conclusion !== 'failure')
    return { kind: 'not-offered', why: 'not a failed Forge check run' };
  if (!check.appSlug || check.appSlug === ACTIONS_APP)
    return {
      kind: 'not-offered',
      why: `the check run belongs to ${check.appSlug ?? 'an unknown app'}: GitHub would send its button presses to that app, not to Forge`,
    };
  const numbers = check.headBranch
    ? await pullNumbersOf(target, check.headBranch, check.pullNumbers)
    : check.pullNumbers;
  const pulls: number[] = [];
  for (const number of numbers) if (await loadForgePull(target, config, number)) pulls.push(number);
  if (pulls.length === 0) return { kind: 'not-offered', why: 'no open Forge pull request of its head' };
  try {
    await target.octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: check.id,
      actions: REPAIR_BUTTONS.map((button) => ({ ...button })),
    });
  } catch (thrown) {
    const status = (thrown as { status?: unknown }).status;
    if (status === 403 || status === 404)
      return {
        kind: 'not-offered',
        why: `GitHub refused to update check run ${check.id} (HTTP ${status}): not this app's`,
      };
    throw thrown;
  }
  return { kind: 'offered', pulls };
}
