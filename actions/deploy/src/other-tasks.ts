import { environmentOf, type EnvironmentConfig } from '../../../core/config/environments.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { copyEnvironment } from '../../../runner/deploy/copy-environment.js';
import { rollbackEnvironment } from '../../../runner/deploy/rollback-environment.js';
import type { DeployContext } from '../../../runner/deploy/roll-back.js';
import { environmentStore } from '../../../runner/environments/environment-context.js';
import { storedBackup } from './run-deploy-task.js';
import type { TaskOutcome } from './task-outcome.js';

/**
 * Task `deploy:rollback`: restores the backup taken before the environment's last deploy (the
 * state before the rollback is backed up first) and serves the release that ran before it.
 */
export async function runRollbackTask(context: DeployContext, lockTimeoutMs: number): Promise<TaskOutcome> {
  const result = await rollbackEnvironment({ ...context, lockTimeoutMs });
  const backup = await storedBackup(context, result.restoredBackup);
  return {
    outcome: 'rolled-back',
    ok: true,
    url: result.url,
    description: `Rolled back deploy ${result.deployId}: backup ${result.restoredBackup} restored (state before it: ${result.safetyBackup})`,
    problems: [],
    ...(backup ? { backup } : {}),
    backupId: result.restoredBackup,
    seconds: result.seconds,
  };
}

export interface CopyTaskInput {
  /** The payload's `copy_from`: the environment whose latest good backup is restored here. */
  from: string | undefined;
  environments: Record<string, EnvironmentConfig>;
  configFile: string;
  env: NodeJS.ProcessEnv;
  lockTimeoutMs: number;
}

/**
 * Task `deploy:copy`: restores `from`'s latest drill-passed backup into the environment, then
 * neutralizes it and points its mail at the environment's catcher; undone on any failure.
 */
export async function runCopyTask(context: DeployContext, input: CopyTaskInput): Promise<TaskOutcome> {
  const { from } = input;
  if (!from)
    throw new ForgeError(
      'input.deployment-payload',
      `a deploy:copy deployment to ${context.files.name} needs copy_from in its payload (the environment to copy)`,
      { hint: 'ask for the copy with the Forge app: /copy production staging' },
    );
  const source = environmentOf(input.environments, from, input.configFile);
  const result = await copyEnvironment({
    target: context,
    sourceName: from,
    sourceStore: environmentStore(from, source, input.env),
    lockTimeoutMs: input.lockTimeoutMs,
  });
  const copied = result.outcome === 'copied';
  const backup = await storedBackup(context, result.safetyBackup);
  return {
    outcome: copied ? 'copied' : 'restored',
    ok: copied,
    url: result.url,
    description: copied
      ? `Copied ${from} (backup ${result.copiedBackup})${result.neutralized ? ', neutralized' : ''}; state before it: ${result.safetyBackup}`
      : `Copy of ${from} failed, backup ${result.safetyBackup} restored: ${result.problems[0] ?? 'unknown problem'}`,
    problems: result.problems,
    ...(backup ? { backup } : {}),
    backupId: result.safetyBackup,
    seconds: result.seconds,
  };
}
