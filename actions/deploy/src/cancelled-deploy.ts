import * as core from '@actions/core';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { withEnvironmentLock } from '../../../runner/deploy/deploy-environment.js';
import { recoverUnfinishedDeploy } from '../../../runner/deploy/roll-back.js';
import { StackDatabase } from '../../../runner/stack/odoo-container-command.js';
import { deployContext } from './deploy-context.js';
import { DeploymentStatuses } from './deployment-statuses.js';
import type { DeployInputs } from './inputs.js';
import { actionLogger, repositoryOf, runUrl } from './run-deploy.js';
import { StateKey } from './state-keys.js';

/**
 * Post step: when main started a deployment but did not post its final status (the job was
 * cancelled, main was killed or its runner stopped), the unfinished deploy is rolled back now
 * (runner/deploy's recovery: the update container is killed, the pre-deploy backup restored,
 * Odoo serves the previous release) and the deployment gets a `failure` status saying so.
 * The environment itself keeps running: it is long-lived. Returns what it did, for the log.
 */
export async function finishCancelledDeploy(
  inputs: DeployInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const id = Number(core.getState(StateKey.deploymentId));
  if (!id) return 'Nothing to do: main started no deployment.';
  if (core.getState(StateKey.done) === 'true') return `Nothing to do: deployment ${id} has its final status.`;
  const environment = core.getState(StateKey.environment);
  const { owner, repo } = repositoryOf(env);
  const statuses = new DeploymentStatuses(core, {
    token: inputs.githubToken,
    owner,
    repo,
    deploymentId: id,
    logUrl: runUrl(env),
  });
  const { context } = await deployContext({
    name: environment,
    configFile: inputs.configFile,
    home: inputs.home,
    cwd: inputs.workspace,
    env,
    logger: actionLogger,
  });
  let description: string;
  if (!context.files.readJournal()) {
    description = `Cancelled before ${environment} was changed: nothing to restore`;
  } else {
    try {
      const recovered = await withEnvironmentLock(context, 60_000, () =>
        recoverUnfinishedDeploy(context, StackDatabase.name),
      );
      description = recovered
        ? `Cancelled in "${recovered.phase}": ${recovered.restoredBackup ? `backup ${recovered.restoredBackup} restored` : 'nothing was changed yet'}, the previous release serves`
        : `Cancelled; the unfinished deploy was already rolled back`;
    } catch (error) {
      if (!(error instanceof ForgeError && error.code === 'deploy.busy')) throw error;
      description = `Cancelled; ${environment} is busy with another deploy, which rolls this one back when it starts`;
    }
  }
  await statuses.post('failure', description);
  return `deployment ${id}: ${description}`;
}
