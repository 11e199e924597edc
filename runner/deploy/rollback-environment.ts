import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ForgeError } from '../../core/errors/forge-error.js';
import { createBackup } from '../backup/create-backup.js';
import { findBackup } from '../backup/list-backups.js';
import { environmentAccess, environmentStack } from '../environments/environment-stack.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import { withEnvironmentLock } from './deploy-environment.js';
import { recoverUnfinishedDeploy, rollBack, type DeployContext } from './roll-back.js';

export interface RollbackOptions extends DeployContext {
  /** How long to wait for a running deploy (default 10 min; 0 refuses at once). */
  lockTimeoutMs?: number;
}

export interface RollbackResult {
  /** The deploy undone. */
  deployId: string;
  /** The backup taken before that deploy, now restored. */
  restoredBackup: string;
  /** The state before the rollback, backed up first so that nothing is lost. */
  safetyBackup: string;
  /** The release Odoo serves again (absent: the environment had no release before that deploy). */
  release?: string;
  url: string;
  seconds: number;
}

/**
 * `/rollback`: restores the backup taken before the last successful deploy (database and
 * filestore) and serves the release that ran before it. The current state is backed up first;
 * the rollback is journalled like a deploy, so a killed one is finished by the next command.
 */
export async function rollbackEnvironment(options: RollbackOptions): Promise<RollbackResult> {
  await options.store.checkBucket();
  return withEnvironmentLock(options, options.lockTimeoutMs ?? 10 * 60_000, async () => {
    const { driver, settings, files, logger, store } = options;
    const started = Date.now();
    await recoverUnfinishedDeploy(options, StackDatabase.name);
    const state = files.readState();
    const last = state.lastDeploy;
    if (!last) {
      throw new ForgeError(
        'input.rollback-nothing',
        `environment ${files.name} has no deploy to roll back (${files.dir}/state.json records none)`,
        {
          hint: 'a rollback undoes the last successful `odoo-forge deploy`; restore a backup with `odoo-forge backup restore` instead',
        },
      );
    }
    const { manifest } = await findBackup(store, StackDatabase.name, last.backupId);
    const stack = environmentStack(
      driver,
      settings,
      files.name,
      state.release ? [state.release] : [],
      logger,
    );
    const access = await environmentAccess(driver, stack);
    const safety = await createBackup({
      store,
      source: access,
      reason: `before rollback of deploy ${last.deployId}`,
      logger,
    });
    const previousRelease =
      last.previousRelease && existsSync(last.previousRelease) ? last.previousRelease : undefined;
    // The journal carries the state that goes with the older database and release: a rollback
    // killed at any point is finished by the next command, state.json included.
    const url = await rollBack(
      options,
      {
        deployId: `rollback-${randomBytes(2).toString('hex')}`,
        phase: 'restoring',
        pid: process.pid,
        startedAt: new Date(started).toISOString(),
        release: state.release ?? '',
        ...(previousRelease ? { previousRelease } : {}),
        backupId: manifest.id,
        restoreState: {
          ...(previousRelease ? { release: previousRelease } : {}),
          addons: last.previousAddons,
          deployedAt: new Date().toISOString(),
        },
      },
      manifest,
    );
    logger.info(
      `environment ${files.name}: deploy ${last.deployId} rolled back, backup ${manifest.id} restored`,
    );
    return {
      deployId: last.deployId,
      restoredBackup: manifest.id,
      safetyBackup: safety.id,
      ...(previousRelease ? { release: previousRelease } : {}),
      url,
      seconds: (Date.now() - started) / 1000,
    };
  });
}
