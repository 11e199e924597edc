import { findBackup } from '../../../runner/backup/list-backups.js';
import type { BackupEntry } from '../../../runner/backup/backup-manifest.js';
import { deployEnvironment } from '../../../runner/deploy/deploy-environment.js';
import type { DeployContext } from '../../../runner/deploy/roll-back.js';
import { StackDatabase } from '../../../runner/stack/odoo-container-command.js';
import type { TaskOutcome } from './task-outcome.js';

export interface DeployTaskInput {
  addonsDir: string;
  lockTimeoutMs: number;
}

/** The stored backup (manifest and drill), or undefined when it cannot be read back now. */
export async function storedBackup(context: DeployContext, id: string): Promise<BackupEntry | undefined> {
  try {
    return await findBackup(context.store, StackDatabase.name, id);
  } catch (error) {
    context.logger.warn(`backup ${id}: could not read its manifest back (${String(error)})`);
    return undefined;
  }
}

/**
 * Task `deploy`: runner/deploy's lock → backup → update → start → health, restoring the backup
 * on any failure. A refusal before anything was touched (S3 unreachable, busy) throws.
 */
export async function runDeployTask(context: DeployContext, input: DeployTaskInput): Promise<TaskOutcome> {
  const result = await deployEnvironment({
    ...context,
    addonsDir: input.addonsDir,
    lockTimeoutMs: input.lockTimeoutMs,
  });
  const stored = await storedBackup(context, result.backupId);
  // The drill ran after the deploy and is stored with the backup; the result has it at first hand.
  const backup =
    stored && result.drill ? { ...stored, drill: result.drill, good: result.drill.passed } : stored;
  const { plan } = result;
  const changed = [
    ...(plan.install.length ? [`installed ${plan.install.join(', ')}`] : []),
    ...(plan.update.length ? [`updated ${plan.update.join(', ')}`] : []),
  ];
  const deployed = result.outcome === 'deployed';
  return {
    outcome: result.outcome,
    ok: deployed,
    url: result.url,
    description: deployed
      ? `Deployed: ${changed.join('; ') || 'no addon changed'} (backup ${result.backupId})`
      : `Failed, backup ${result.backupId} restored: ${result.problems[0] ?? 'unknown problem'}`,
    problems: result.problems,
    ...(backup ? { backup } : {}),
    backupId: result.backupId,
    plan,
    ...(result.recovered ? { recovered: result.recovered } : {}),
    logTail: result.logTail,
    ...(result.browserCheck ? { browserCheck: result.browserCheck } : {}),
    mailsCaught: result.mailsCaught,
    seconds: result.seconds,
  };
}
