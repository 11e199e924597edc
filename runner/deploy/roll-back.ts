import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BackupManifest } from '../backup/backup-manifest.js';
import type { BackupStore } from '../backup/backup-store.js';
import { findBackup } from '../backup/list-backups.js';
import { restoreBackup } from '../backup/restore-backup.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { ForgeLabel } from '../containers/forge-labels.js';
import type { DeployJournal, EnvironmentFiles, EnvironmentState } from '../environments/environment-files.js';
import {
  environmentAccess,
  environmentStack,
  type EnvironmentAccess,
  type EnvironmentOptions,
  startEnvironmentServer,
  stopEnvironmentServer,
} from '../environments/environment-stack.js';
import { dropDatabase, listDatabases } from '../local-odoo/local-postgres.js';
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
 * The state.json that agrees with what `rollBack` leaves: the journal's `restoreState` (a
 * rollback, a copy), else, for a deploy killed after it recorded its success but before it
 * removed its journal, the state before that deploy; otherwise the state is already right.
 */
function stateAfter(
  journal: DeployJournal,
  state: EnvironmentState,
  served?: string,
): EnvironmentState | undefined {
  if (journal.restoreState) return journal.restoreState;
  const last = state.lastDeploy;
  if (last?.deployId !== journal.deployId) return undefined;
  return {
    ...(served ? { release: served } : {}),
    addons: last.previousAddons,
    deployedAt: new Date().toISOString(),
  };
}

/**
 * What a restore killed half-way leaves: its temporary database (`<db>_rst_…`) and filestore.
 * Dropped before restoring again (best effort: a warning when one cannot go).
 */
async function removeRestoreLeftovers(access: EnvironmentAccess, logger: Logger): Promise<void> {
  const prefix = `${access.database.slice(0, 40)}_rst_`;
  try {
    for (const name of await listDatabases(access.pg, prefix)) {
      logger.warn(`dropping ${name}, the temporary database of a restore that did not finish`);
      await dropDatabase(access.pg, name);
    }
  } catch (error) {
    logger.warn(`could not drop the temporary databases ${prefix}*: ${String(error)}`);
  }
  const root = join(access.dataDir, 'filestore');
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root))
    if (entry.startsWith(prefix)) rmSync(join(root, entry), { recursive: true, force: true });
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
  const served =
    journal.previousRelease && existsSync(journal.previousRelease) ? journal.previousRelease : undefined;
  const previous = environmentStack(driver, settings, files.name, served ? [served] : [], logger);
  // The update container of a killed deploy may still run: stop it before restoring under it.
  const runs = await driver.listContainers({ [ForgeLabel.stack]: previous.id, [ForgeLabel.role]: 'run' });
  for (const name of [previous.names.run, ...runs.map((c) => c.name)]) {
    await driver.killContainer(name);
    await driver.removeContainer(name);
  }
  await stopEnvironmentServer(driver, previous);
  if (backup) {
    const access = await environmentAccess(driver, previous);
    await removeRestoreLeftovers(access, logger);
    await restoreBackup({ store, manifest: backup, target: access, overwrite: true, logger });
    // Restored on the host as root: Odoo (another user in its container) must write there again.
    const filestore = join(access.dataDir, 'filestore', access.database);
    if (existsSync(filestore)) await run('chmod', ['-R', 'a+rwX', filestore]);
  }
  const url = await startEnvironmentServer(driver, previous, { ...context.environment });
  // The state first, then the journal: killed in between, the next recovery does it all again.
  const after = stateAfter(journal, files.readState(), served);
  if (after) files.writeState(after);
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
