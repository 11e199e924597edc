import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BackupManifest } from '../backup/backup-manifest.js';
import type { BackupStore } from '../backup/backup-store.js';
import { createBackup } from '../backup/create-backup.js';
import { findBackup } from '../backup/list-backups.js';
import { PgSession } from '../backup/pg-session.js';
import { restoreBackup } from '../backup/restore-backup.js';
import type { DeployJournal } from '../environments/environment-files.js';
import {
  EnvironmentMail,
  environmentAccess,
  environmentOdooSpec,
  environmentStack,
  mailCatcherName,
  startEnvironmentServer,
  stopEnvironmentServer,
  type EnvironmentAccess,
} from '../environments/environment-stack.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import type { OdooStack } from '../stack/odoo-stack.js';
import { errorLines } from './deploy-health.js';
import { withEnvironmentLock } from './deploy-environment.js';
import { recoverUnfinishedDeploy, rollBack, type DeployContext } from './roll-back.js';

const run = promisify(execFile);

export interface CopyEnvironmentOptions {
  /** The environment that receives the copy (staging). */
  target: DeployContext;
  /** The environment copied, for messages and the backup's reason (production). */
  sourceName: string;
  /** The source environment's backup store. */
  sourceStore: BackupStore;
  /** Default `latest`: the newest backup of the source whose restore drill passed. */
  backupId?: string;
  lockTimeoutMs?: number;
}

export interface CopyResult {
  outcome: 'copied' | 'restored';
  /** The source's backup restored into the target. */
  copiedBackup: string;
  /** The target's state before the copy, backed up first (and restored when the copy failed). */
  safetyBackup: string;
  neutralized: boolean;
  /** Why the copy was undone (empty when copied). */
  problems: string[];
  url: string;
  seconds: number;
}

/** `odoo-bin neutralize` (16.0 and later) on the environment's database, in a container of its own. */
async function neutralize(context: DeployContext, stack: OdooStack, copyId: string): Promise<string[]> {
  const name = `${stack.names.run}-${copyId.slice(-4)}`;
  const ran = await stack.runWatched(
    await environmentOdooSpec(context.driver, stack, { stopAfterInit: true }, { name }, 'neutralize'),
  );
  if (ran.exitCode === 0 && ran.log.includes('Neutralization finished')) return [];
  return [
    `odoo-bin neutralize exited ${ran.exitCode}: ${errorLines(ran.log).at(-1) ?? ran.log.trim().split('\n').at(-1) ?? ''}`.slice(
      0,
      800,
    ),
  ];
}

/**
 * After the neutralize: every mail server the copy brought is off, and one record sends to the
 * environment's mail catcher, so what staging's users do still shows up as mail (in the catcher).
 */
async function pointMailAtCatcher(access: EnvironmentAccess): Promise<void> {
  const session = PgSession.open(access.pg, access.database);
  try {
    await session.query('UPDATE ir_mail_server SET active = false');
    await session.query(
      `INSERT INTO ir_mail_server (name, smtp_host, smtp_port, smtp_encryption, smtp_authentication, active, sequence) VALUES ('Forge mail catcher', '${EnvironmentMail.host}', ${EnvironmentMail.port}, 'none', 'login', true, 1)`,
    );
  } finally {
    await session.close();
  }
}

/** Restores `manifest` (the source's) into the target and neutralizes it; returns the problems. */
async function copyInto(
  context: DeployContext,
  stack: OdooStack,
  access: EnvironmentAccess,
  manifest: BackupManifest,
  copyId: string,
): Promise<string[]> {
  await stopEnvironmentServer(context.driver, stack);
  await restoreBackup({
    store: context.store,
    manifest,
    target: access,
    overwrite: true,
    logger: context.logger,
  });
  const filestore = join(access.dataDir, 'filestore', access.database);
  // Restored on the host as root: Odoo (another user in its container) must write there again.
  if (existsSync(filestore)) await run('chmod', ['-R', 'a+rwX', filestore]);
  const problems = await neutralize(context, stack, copyId);
  if (problems.length > 0) return problems;
  if (await context.driver.inspectContainer(mailCatcherName(stack))) await pointMailAtCatcher(access);
  return [];
}

/**
 * `odoo-forge env copy production staging`: the source's latest drill-passed backup (database
 * and filestore) is restored into the target, neutralized (`odoo-bin neutralize`: crons and
 * mail servers off, the database flagged) and its mail pointed at the target's catcher. The
 * target is backed up first; any failure restores that backup. The target's next deploy updates
 * every addon (the copy's module versions are the source's).
 */
export async function copyEnvironment(options: CopyEnvironmentOptions): Promise<CopyResult> {
  const { target, sourceStore } = options;
  await sourceStore.checkBucket();
  await target.store.checkBucket();
  return withEnvironmentLock(target, options.lockTimeoutMs ?? 10 * 60_000, async () => {
    const { driver, settings, files, logger, store } = target;
    const started = Date.now();
    await recoverUnfinishedDeploy(target, StackDatabase.name);
    const source = (await findBackup(sourceStore, StackDatabase.name, options.backupId ?? 'latest')).manifest;
    const state = files.readState();
    const stack = environmentStack(
      driver,
      settings,
      files.name,
      state.release ? [state.release] : [],
      logger,
    );
    const access = await environmentAccess(driver, stack);
    const copyId = `copy-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(2).toString('hex')}`;
    const safety = await createBackup({
      store,
      source: access,
      reason: `before copy of ${options.sourceName} backup ${source.id}`,
      logger,
    });
    const journal: DeployJournal = {
      deployId: copyId,
      phase: 'updating',
      pid: process.pid,
      startedAt: new Date(started).toISOString(),
      release: state.release ?? '',
      ...(state.release ? { previousRelease: state.release } : {}),
      backupId: safety.id,
      // Undone, the copy leaves the target as it was: its safety backup, release and state.
      restoreState: state,
    };
    files.writeJournal(journal);
    logger.info(
      `${copyId}: ${options.sourceName} backup ${source.id} into ${files.name} (safety backup ${safety.id})`,
    );
    const problems: string[] = [];
    let url = '';
    try {
      problems.push(...(await copyInto(target, stack, access, source, copyId)));
      if (problems.length === 0) url = await startEnvironmentServer(driver, stack, { ...target.environment });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    const common = { copiedBackup: source.id, safetyBackup: safety.id, problems };
    if (problems.length === 0) {
      // The copy's addons are the source's: the next deploy updates every one of them.
      files.writeState({
        ...(state.release ? { release: state.release } : {}),
        addons: {},
        deployedAt: new Date().toISOString(),
      });
      files.clearJournal();
      return { outcome: 'copied', neutralized: true, url, seconds: (Date.now() - started) / 1000, ...common };
    }
    logger.warn(`${copyId} failed: ${problems.join('; ')}; restoring ${files.name}'s backup ${safety.id}`);
    const restoredUrl = await rollBack(target, journal, safety);
    return {
      outcome: 'restored',
      neutralized: false,
      url: restoredUrl,
      seconds: (Date.now() - started) / 1000,
      ...common,
    };
  });
}
