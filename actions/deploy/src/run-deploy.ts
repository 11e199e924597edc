import * as core from '@actions/core';
import type { DeploymentTask } from '../../../core/config/deployment-payload.js';
import type { EnvironmentConfig } from '../../../core/config/environments.js';
import { ForgeError, toError } from '../../../core/errors/forge-error.js';
import type { DeployContext } from '../../../runner/deploy/roll-back.js';
import type { Logger } from '../../../runner/logger.js';
import { deployContext } from './deploy-context.js';
import { deploySummary } from './deploy-summary.js';
import { readDeploymentEvent, type DeploymentEvent } from './deployment-event.js';
import { DeploymentStatuses } from './deployment-statuses.js';
import type { DeployInputs } from './inputs.js';
import { runCopyTask, runRollbackTask } from './other-tasks.js';
import { runDeployTask } from './run-deploy-task.js';
import { StateKey } from './state-keys.js';
import type { TaskOutcome } from './task-outcome.js';

export const actionLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  debug: (m) => core.debug(m),
};

/** The run's page, which every deployment status links to (its summary has the details). */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
    ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
}

/** The deployment's repository (GITHUB_REPOSITORY). */
export function repositoryOf(env: NodeJS.ProcessEnv): { owner: string; repo: string } {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo)
    throw new ForgeError(
      'input.action-env',
      `GITHUB_REPOSITORY "${env.GITHUB_REPOSITORY ?? ''}" is not owner/name`,
      {
        hint: 'run this action in a GitHub Actions job (the runner sets GITHUB_* variables)',
      },
    );
  return { owner, repo };
}

interface TaskInput {
  context: DeployContext;
  inputs: DeployInputs;
  event: DeploymentEvent;
  environments: Record<string, EnvironmentConfig>;
  env: NodeJS.ProcessEnv;
}

/** One runner per deployment task: a task without an entry does not compile. */
const tasks: Record<DeploymentTask, (input: TaskInput) => Promise<TaskOutcome>> = {
  deploy: ({ context, inputs }) =>
    runDeployTask(context, { addonsDir: inputs.addonsDir, lockTimeoutMs: inputs.lockTimeoutMs }),
  'deploy:rollback': ({ context, inputs }) => runRollbackTask(context, inputs.lockTimeoutMs),
  'deploy:copy': ({ context, inputs, event, environments, env }) =>
    runCopyTask(context, {
      from: event.payload?.copy_from,
      environments,
      configFile: inputs.configFile,
      env,
      lockTimeoutMs: inputs.lockTimeoutMs,
    }),
};

function environmentOf(inputs: DeployInputs, event: DeploymentEvent): string {
  const name = inputs.environment || event.environment;
  if (event.payload && event.payload.environment !== event.environment)
    throw new ForgeError(
      'input.deployment-payload',
      `deployment ${event.id} is for environment "${event.environment}" but its payload says "${event.payload.environment}"`,
      { hint: 'create the deployment again with the Forge app (/deploy <environment>)' },
    );
  return name;
}

/**
 * Steps of actions/deploy: 1. read the deployment; 2. status in_progress; 3. the environment's
 * engine, settings, files and store; 4. the task; 5. summary, outputs and the final status
 * (success with the URL, failure with the reason, error when the task could not start).
 */
export async function runDeployAction(
  inputs: DeployInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TaskOutcome> {
  const event = readDeploymentEvent(env);
  const environment = environmentOf(inputs, event);
  const { owner, repo } = repositoryOf(env);
  const statuses = new DeploymentStatuses(core, {
    token: inputs.githubToken,
    owner,
    repo,
    deploymentId: event.id,
    logUrl: runUrl(env),
  });
  core.saveState(StateKey.deploymentId, String(event.id));
  core.saveState(StateKey.environment, environment);
  await statuses.post(
    'in_progress',
    `${event.task} of ${event.ref} (${event.sha.slice(0, 7)}) to ${environment} started`,
  );
  const started = Date.now();
  let outcome: TaskOutcome;
  let environmentUrl: string;
  try {
    const { context, config, environments } = await deployContext({
      name: environment,
      configFile: inputs.configFile,
      home: inputs.home,
      cwd: inputs.workspace,
      env,
      logger: actionLogger,
    });
    outcome = await tasks[event.task]({ context, inputs, event, environments, env });
    environmentUrl = config.url ?? outcome.url;
  } catch (thrown) {
    // Refused before anything was changed (config, engine, S3 unreachable, busy, unknown task).
    const error = toError(thrown);
    const failed: TaskOutcome = {
      outcome: 'failed',
      ok: false,
      url: '',
      description: `Not started: ${error.message}`,
      problems: [
        error.message,
        ...(error instanceof ForgeError && error.hint ? [`hint: ${error.hint}`] : []),
      ],
      seconds: (Date.now() - started) / 1000,
    };
    await statuses.post('error', failed.description);
    await writeSummary(event, environment, failed, 'unchanged (nothing was started)', statuses);
    core.saveState(StateKey.done, 'true');
    core.setOutput('outcome', 'failed');
    throw thrown;
  }
  await statuses.post(outcome.ok ? 'success' : 'failure', outcome.description, environmentUrl || undefined);
  core.saveState(StateKey.done, 'true');
  await writeSummary(event, environment, outcome, environmentUrl, statuses);
  core.setOutput('outcome', outcome.outcome);
  core.setOutput('url', environmentUrl);
  core.setOutput('backup', outcome.backup?.manifest.id ?? outcome.backupId ?? '');
  if (!outcome.ok)
    core.setFailed(`${event.task} to ${environment}: ${outcome.outcome}: ${outcome.problems.join('; ')}`);
  return outcome;
}

async function writeSummary(
  event: DeploymentEvent,
  environment: string,
  outcome: TaskOutcome,
  environmentUrl: string,
  statuses: DeploymentStatuses,
): Promise<void> {
  const statusNote = statuses.refused ? `No deployment status was written: ${statuses.refused}.` : undefined;
  await core.summary
    .addRaw(
      deploySummary(event, environment, outcome, { environmentUrl, ...(statusNote ? { statusNote } : {}) }),
    )
    .write();
}
