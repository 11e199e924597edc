import { stopRepair } from '../repair/steer-repair.js';
import { repairSteerCommand } from './repair-steer-command.js';

/** `/stop` on a Forge pull request: ends its repair loop with a summary for a human. */
export const stopCommand = repairSteerCommand({
  name: 'stop',
  summary: 'On a Forge pull request: end the repair loop (no more automatic fixes).',
  whenCancelled: 'run',
  steer: stopRepair,
});
