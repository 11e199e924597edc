import { grantRepairAttempt } from '../repair/steer-repair.js';
import { repairSteerCommand } from './repair-steer-command.js';

/** `/fix` on a Forge pull request: one more repair attempt (see grantRepairAttempt). */
export const fixCommand = repairSteerCommand({
  name: 'fix',
  summary: 'On a Forge pull request: one more repair attempt on its failing checks.',
  whenCancelled: 'refuse',
  steer: grantRepairAttempt,
});
