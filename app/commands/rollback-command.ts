import { admitEnvironment } from '../deploy/admit-environment.js';
import { environmentArgs } from '../deploy/environment-args.js';
import { requestEnvironmentTask } from '../deploy/request-environment-task.js';
import type { ForgeCommand } from './forge-command.js';

/** `/rollback NAME`: restore the backup taken before the environment's last deploy. */
export const rollbackCommand: ForgeCommand = {
  name: 'rollback',
  synopsis: '/rollback <environment>',
  summary: 'Restore the environment’s database and filestore from the backup taken before its last deploy.',
  requirement: 'anyone',
  whoMay: 'write access, or the environment’s `approvers`',
  whenCancelled: 'run',
  parse: environmentArgs('/rollback <environment>', 1),
  run: async (context, name) => {
    const admitted = await admitEnvironment(context, name, `/rollback ${name}`);
    if (!admitted) return;
    await requestEnvironmentTask(context, {
      task: 'deploy:rollback',
      name,
      environment: admitted.environment,
      what: `${name} gets back the database and filestore of the backup taken before its last deploy.`,
    });
  },
};
