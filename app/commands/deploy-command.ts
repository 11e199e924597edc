import { comment } from '../github/repo-target.js';
import { admitEnvironment } from '../deploy/admit-environment.js';
import { deployPullRequest } from '../deploy/deploy-pull-request.js';
import { environmentArgs } from '../deploy/environment-args.js';
import { promoteEnvironment } from '../deploy/promote-environment.js';
import type { ForgeCommand } from './forge-command.js';

/** The environment `production` is promoted from, when the config has it. */
const PROMOTED_FROM = { production: 'staging' } as Readonly<Record<string, string>>;

/**
 * `/deploy NAME`: on a pull request, merge it into the environment's branch and create a GitHub
 * Deployment that the Forge deploy workflow runs. `/deploy production` (refused without a
 * staging environment) deploys only the staging branch's head, once staging runs it.
 */
export const deployCommand: ForgeCommand = {
  name: 'deploy',
  synopsis: '/deploy <environment>',
  summary:
    'On a pull request: merge it into the environment’s branch and deploy it (`production`: only what runs on staging).',
  requirement: 'anyone',
  whoMay: 'write access, or the environment’s `approvers`',
  whenCancelled: 'run',
  parse: environmentArgs('/deploy <environment>', 1),
  run: async (context, args) => {
    const admitted = await admitEnvironment(context, args, `/deploy ${args}`);
    if (!admitted) return;
    const fromName = PROMOTED_FROM[args];
    if (fromName === undefined) return deployPullRequest(context, args, admitted.environment);
    const from = Object.hasOwn(context.config.environments, fromName)
      ? context.config.environments[fromName]
      : undefined;
    if (!from) {
      await comment(
        context.target,
        context.threadNumber,
        `❌ \`/deploy ${args}\` did nothing: ${args} only takes what runs on ${fromName}, and \`.github/odoo-forge.yml\` has no \`environments.${fromName}\`. Add it, deploy there first, then \`/deploy ${args}\`.`,
      );
      return;
    }
    await promoteEnvironment(context, { name: args, environment: admitted.environment, fromName, from });
  },
};
