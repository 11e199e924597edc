import { FORGE_CHECK_PREFIX } from '../handlers/rerun-check-run.js';
import { checkPermission } from '../permissions/check-permission.js';
import { loadForgePull } from './forge-pull.js';
import type { RepairContext } from './run-repair.js';
import { grantRepairAttempt, stopRepair } from './steer-repair.js';

/** The `identifier`s of the check run buttons that steer the repair loop. */
export const REPAIR_FIX_ACTION = 'repair-fix';
export const REPAIR_STOP_ACTION = 'repair-stop';

export interface ButtonPress {
  identifier: string | undefined;
  checkName: string;
  headSha: string;
  sender: string;
}

/**
 * `check_run.requested_action` with a repair button on one of Forge's check runs (GitHub sends it
 * only for check runs the app created, and shows buttons only to people with write access; the
 * permission is checked again): `/fix` or `/stop` on each open Forge pull request of the head.
 */
export async function pressRepairButton(
  context: RepairContext,
  press: ButtonPress,
): Promise<Array<{ pull: number; action: 'fix' | 'stop' }>> {
  const action =
    press.identifier === REPAIR_FIX_ACTION
      ? 'fix'
      : press.identifier === REPAIR_STOP_ACTION
        ? 'stop'
        : undefined;
  if (!action || !press.checkName.startsWith(FORGE_CHECK_PREFIX)) return [];
  const { target, config } = context;
  const decision = await checkPermission(target, press.sender, 'write', config);
  if (!decision.allowed) return [];
  const pulls = await target.octokit.paginate(target.octokit.rest.pulls.list, {
    owner: target.owner,
    repo: target.repo,
    state: 'open',
    per_page: 100,
  });
  const done: Array<{ pull: number; action: 'fix' | 'stop' }> = [];
  for (const listed of pulls.filter((p) => p.head.sha === press.headSha)) {
    const pull = await loadForgePull(target, config, listed.number);
    if (!pull) continue;
    if (action === 'fix') await grantRepairAttempt(context, pull, press.sender);
    else await stopRepair(context, pull, press.sender);
    done.push({ pull: pull.number, action });
  }
  return done;
}
