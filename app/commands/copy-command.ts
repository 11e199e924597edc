import { comment } from '../github/repo-target.js';
import { admitEnvironment } from '../deploy/admit-environment.js';
import { environmentArgs } from '../deploy/environment-args.js';
import { findEnvironment } from '../deploy/find-environment.js';
import { requestEnvironmentTask } from '../deploy/request-environment-task.js';
import type { ForgeCommand } from './forge-command.js';

/** `/copy FROM TO`: restore FROM's latest backup into TO and neutralize it (staging from production). */
export const copyCommand: ForgeCommand = {
  name: 'copy',
  synopsis: '/copy <from> <to>',
  summary:
    'Replace the `to` environment with a neutralized copy of the latest backup of `from` (e.g. `/copy production staging`).',
  requirement: 'anyone',
  whoMay: 'write access, or the `to` environment’s `approvers`',
  whenCancelled: 'run',
  parse: environmentArgs('/copy <from> <to>', 2),
  run: async (context, args) => {
    const [fromName = '', name = ''] = args.split(' ');
    const command = `/copy ${fromName} ${name}`;
    const refuse = (why: string): Promise<unknown> =>
      comment(context.target, context.threadNumber, `❌ \`${command}\` did nothing: ${why}`);
    if (fromName === name) return void (await refuse('an environment cannot be copied onto itself.'));
    if (name === 'production')
      return void (await refuse(
        'production is never overwritten by a copy. Restore one of its backups with `odoo-forge backup restore production` on its runner if that is what you need.',
      ));
    const from = findEnvironment(context.config, fromName, command);
    if (!from.ok) return void (await comment(context.target, context.threadNumber, from.answer));
    const admitted = await admitEnvironment(context, name, command);
    if (!admitted) return;
    await requestEnvironmentTask(context, {
      task: 'deploy:copy',
      name,
      environment: admitted.environment,
      copyFrom: fromName,
      what: `${name}'s database and filestore are replaced by ${fromName}'s latest backup, then neutralized (scheduled actions off, outgoing mail to ${name}'s mail catcher).`,
    });
  },
};
