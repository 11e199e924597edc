import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BackupManifest } from '../backup/backup-manifest.js';
import type { BackupStore } from '../backup/backup-store.js';
import { findBackup } from '../backup/list-backups.js';
import { restoreBackup } from '../backup/restore-backup.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { ForgeLabel } from '../containers/forge-labels.js';
import type { DeployJournal, EnvironmentFiles } from '../environments/environment-files.js';
import {
  environmentAccess,
  environmentStack,
  type EnvironmentOptions,
  startEnvironmentServer,
  stopEnvironmentServer,
} from '../environments/environment-stack.js';
import type { Logger } from '../logger.js';
import type { StackSettings } from '../stack/stack-settings.js';

const run = promisify(execFile);

/** What every deploy step needs: the engine, the environment's stack settings, files and store. */
export interface DeployContext {
  driver: ContainerDriver;
  settings: StackSettings;
  files: EnvironmentFiles;
  store: BackupStore;
  logger: Logger;
  /** The config's `port:` and mail catcher of the environment (none: a free port, no catcher). */
  environment?: EnvironmentOptions;
}

/**
 * Puts the environment back as it was before the deploy of `journal`: the update container (a
 * killed deploy leaves it running) and the server are stopped, the backup taken before the
 * update is restored (database and filestore), and Odoo serves the previous release again.
 * Without a backup (the deploy died while backing up) nothing was touched: Odoo is restarted.
 * Returns the URL Odoo serves on.
 */
export async function rollBack(
  context: DeployContext,
  journal: DeployJournal,
  backup: BackupManifest | undefined,
): Promise<string> {
  const { driver, settings, files, store, logger } = context;
  files.writeJournal({ ...journal, phase: 'restoring' });
  const previous = environmentStack(
    driver,
    settings,
    files.name,
    journal.previousRelease && existsSync(journal.previousRelease) ? [journal.previousRelease] : [],
    logger,
  );
  // The update container of a killed deploy may still run: stop it before restoring under it.
  const runs = await driver.listContainers({ [ForgeLabel.stack]: previous.id, [ForgeLabel.role]: 'run' });
  for (const name of [previous.names.run, ...runs.map((c) => c.name)]) {
    await driver.killContainer(name);
    await driver.removeContainer(name);
  }
  await stopEnvironmentServer(driver, previous);
  if (backup) {
    const access = await environmentAccess(driver, previous);
    await restoreBackup({ store, manifest: backup, target: access, overwrite: true, logger });
    // Restored on the host as root: Odoo (another user in its container) must write there again.
    const filestore = join(access.dataDir, 'filestore', access.database);
    if (existsSync(filestore)) await run('chmod', ['-R', 'a+rwX', filestore]);
  }
  const url = await startEnvironmentServer(driver, previous, { ...context.environment });
  files.clearJournal();
  return url;
}

export interface RecoveredDeploy {
  deployId: string;
  /** The phase the deploy was in when it stopped. */
  phase: string;
  pid: number;
  /** The backup restored, absent when the deploy stopped before its backup was complete. */
  restoredBackup?: string;
  url: string;
}

/**
 * Finds a deploy that stopped without finishing (its journal is still there: the process was
 * killed) and rolls it back. Call it holding the environment's lock, so the journal's writer
 * is surely gone.
 */
export async function recoverUnfinishedDeploy(
  context: DeployContext,
  database: string,
): Promise<RecoveredDeploy | undefined> {
  const journal = context.files.readJournal();
  if (!journal) return undefined;
  context.logger.warn(
    `deploy ${journal.deployId} (pid ${journal.pid}, started ${journal.startedAt}) stopped in phase "${journal.phase}" without finishing: rolling it back`,
  );
  const backup = journal.backupId
    ? (await findBackup(context.store, database, journal.backupId)).manifest
    : undefined;
  const url = await rollBack(context, journal, backup);
  return {
    deployId: journal.deployId,
    phase: journal.phase,
    pid: journal.pid,
    ...(backup ? { restoredBackup: backup.id } : {}),
    url,
  };
}
