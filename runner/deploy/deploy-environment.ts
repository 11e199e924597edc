import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readAddonManifests } from '../addons/read-addon-manifests.js';
import type { BackupManifest, DrillResult } from '../backup/backup-manifest.js';
import { drillBackup } from '../backup/drill-backup.js';
import { createBackup } from '../backup/create-backup.js';
import { addonHashes, type DeployJournal, type DeployPhase } from '../environments/environment-files.js';
import {
  environmentAccess,
  environmentOdooSpec,
  environmentStack,
  mailCatcherName,
  startEnvironmentServer,
  stopEnvironmentServer,
  type EnvironmentAccess,
} from '../environments/environment-stack.js';
import { countEnvironmentMails, environmentMailFolder } from '../mail/environment-mail-catcher.js';
import { withFileLock } from '../local-odoo/file-lock.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import type { OdooRunResult, OdooStack } from '../stack/odoo-stack.js';
import type { DeployBrowserCheck } from './deploy-browser-check.js';
import { deployHealth, errorLines, installedModules } from './deploy-health.js';
import { planUpdate, type UpdatePlan } from './plan-update.js';
import { recoverUnfinishedDeploy, rollBack, type DeployContext, type RecoveredDeploy } from './roll-back.js';

export interface DeployOptions extends DeployContext {
  /** The folder of the addons to deploy (each sub-folder with a manifest is one addon). */
  addonsDir: string;
  /** How long a second deploy waits for the first one (default 10 min; 0 refuses at once). */
  lockTimeoutMs?: number;
  /** Called as each phase starts (the journal is written first). */
  onPhase?: (phase: DeployPhase) => void;
  /** Default true: drill the pre-deploy backup once the deploy succeeded. */
  drill?: boolean;
}

/** The mails the environment's catcher holds (0 when it has none). */
async function mailsCaught(driver: ContainerDriver, stack: OdooStack): Promise<number> {
  if (!(await driver.inspectContainer(mailCatcherName(stack)))) return 0;
  return countEnvironmentMails(await environmentMailFolder(driver, stack));
}

/**
 * The restore drill of the pre-deploy backup, into a scratch database of the environment's own
 * PostgreSQL; its result is stored with the backup. A failed drill is reported, never thrown:
 * the deploy itself succeeded.
 */
async function drillAfterDeploy(
  options: DeployOptions,
  backup: BackupManifest,
  access: EnvironmentAccess,
): Promise<DrillResult> {
  const drill = await drillBackup({
    store: options.store,
    manifest: backup,
    pg: access.pg,
    logger: options.logger,
  });
  if (!drill.passed)
    options.logger.warn(`the drill of pre-deploy backup ${backup.id} failed: ${drill.problems.join('; ')}`);
  return drill;
}

export interface DeployResult {
  outcome: 'deployed' | 'restored';
  deployId: string;
  /** Why the deploy was rolled back (empty when deployed). */
  problems: string[];
  backupId: string;
  plan: UpdatePlan;
  url: string;
  seconds: number;
  /** An earlier deploy found unfinished (killed) and rolled back before this one. */
  recovered?: RecoveredDeploy;
  /** The last lines of the update's log. */
  logTail: string;
  /** How many mails the environment's catcher holds (0 without a catcher). */
  mailsCaught: number;
  /** The restore drill of the pre-deploy backup, run after a successful deploy (stored with it). */
  drill?: DrillResult;
  /** The menus browser check of the health (absent when off or when an earlier check failed). */
  browserCheck?: DeployBrowserCheck;
}

function busy(context: DeployContext, cause: unknown): ForgeError {
  const journal = context.files.readJournal();
  return new ForgeError(
    'deploy.busy',
    `environment ${context.files.name} is busy: ${journal ? `deploy ${journal.deployId} (pid ${journal.pid}) is in phase "${journal.phase}" since ${journal.startedAt}` : 'another command holds its lock'}`,
    { hint: 'wait for it to end, or pass a longer --lock-timeout', cause },
  );
}

/**
 * Runs `fn` holding the environment's deploy lock (a `flock` that dies with its holder);
 * a lock still held after `timeoutMs` refuses with the running deploy's id, pid and phase.
 */
export async function withEnvironmentLock<T>(
  context: DeployContext,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await withFileLock(context.files.lockFile, timeoutMs, fn);
  } catch (error) {
    if (error instanceof ForgeError && error.code === 'lock.timeout') throw busy(context, error);
    throw error;
  }
}

/**
 * `odoo-forge deploy`: lock → back up (refused before anything when the store is unreachable) →
 * `-u` the changed addons and `-i` the new ones with `--stop-after-init` → start Odoo → health.
 * Any failure after the backup restores it (database and filestore) and Odoo serves the previous
 * release again. A journal records each phase so that a killed deploy is rolled back next time.
 */
export async function deployEnvironment(options: DeployOptions): Promise<DeployResult> {
  await options.store.checkBucket();
  return withEnvironmentLock(options, options.lockTimeoutMs ?? 10 * 60_000, () => deployLocked(options));
}

/**
 * The `--stop-after-init` update in a container of its own name (`<stack>-run-<deploy>`): a
 * fresh name per deploy, so waiting on it can never see an earlier run's exit.
 */
async function runUpdate(
  driver: ContainerDriver,
  stack: OdooStack,
  plan: UpdatePlan,
  deployId: string,
): Promise<OdooRunResult> {
  const run = { install: plan.install, update: plan.update, stopAfterInit: true };
  const name = `${stack.names.run}-${deployId.slice(-4)}`;
  return stack.runWatched(await environmentOdooSpec(driver, stack, run, { name }));
}

async function deployLocked(options: DeployOptions): Promise<DeployResult> {
  const { driver, settings, files, logger } = options;
  const started = Date.now();
  const recovered = await recoverUnfinishedDeploy(options, StackDatabase.name);
  const state = files.readState();
  const current = environmentStack(
    driver,
    settings,
    files.name,
    state.release ? [state.release] : [],
    logger,
  );
  const access = await environmentAccess(driver, current);
  const deployId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(2).toString('hex')}`;
  const release = files.newRelease(options.addonsDir, deployId);
  const hashes = addonHashes(release);
  if (Object.keys(hashes).length === 0) {
    rmSync(release, { recursive: true, force: true });
    throw new ForgeError(
      'input.deploy-no-addons',
      `${options.addonsDir} holds no addon (no sub-folder with a __manifest__.py)`,
      {
        hint: 'pass the folder that contains the addon folders, e.g. --addons addons',
      },
    );
  }
  const manifests = await readAddonManifests([release]);
  const installed = new Set(
    [...(await installedModules(access))].filter(([, m]) => m.state === 'installed').map(([name]) => name),
  );
  const plan = planUpdate(hashes, state.addons, installed);
  const journal: DeployJournal = {
    deployId,
    phase: 'backing-up',
    pid: process.pid,
    startedAt: new Date(started).toISOString(),
    release,
    ...(state.release ? { previousRelease: state.release } : {}),
  };
  const enter = (phase: DeployPhase): void => {
    journal.phase = phase;
    files.writeJournal(journal);
    logger.info(`deploy ${deployId} on ${files.name}: ${phase}`);
    options.onPhase?.(phase);
  };
  enter('backing-up');
  let backup: BackupManifest;
  try {
    backup = await createBackup({
      store: options.store,
      source: access,
      reason: `before deploy ${deployId}`,
      logger,
    });
  } catch (error) {
    files.clearJournal();
    rmSync(release, { recursive: true, force: true });
    throw error;
  }
  journal.backupId = backup.id;
  enter('updating');
  const next = environmentStack(driver, settings, files.name, [release], logger);
  const problems: string[] = [];
  let log = '';
  let url = '';
  let browserCheck: DeployBrowserCheck | undefined;
  try {
    await stopEnvironmentServer(driver, current);
    const ran = await runUpdate(driver, next, plan, deployId);
    log = ran.log;
    if (ran.exitCode === 0 && !log.includes('Modules loaded.')) {
      problems.push(
        `the update container ended without Odoo's "Modules loaded." line: the update did not finish (last line: ${log.trim().split('\n').at(-1)?.slice(0, 300) ?? ''})`,
      );
    } else if (ran.exitCode !== 0) {
      problems.push(
        `the update (-i ${plan.install.join(',') || '-'} -u ${plan.update.join(',') || '-'}) exited ${ran.exitCode}: ${errorLines(log).at(-1) ?? log.trim().split('\n').at(-1) ?? ''}`.slice(
          0,
          800,
        ),
      );
    } else {
      enter('starting');
      url = await startEnvironmentServer(driver, next, { ...options.environment });
      enter('checking');
      const health = await deployHealth(url, access, manifests, settings.odooSeries, log, {
        browserCheck: options.environment?.browserCheck ?? true,
        logger,
      });
      problems.push(...health.problems);
      browserCheck = health.browserCheck;
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const logTail = log.trim().split('\n').slice(-20).join('\n');
  const common = {
    deployId,
    backupId: backup.id,
    plan,
    logTail,
    ...(recovered ? { recovered } : {}),
    ...(browserCheck ? { browserCheck } : {}),
  };
  if (problems.length === 0) {
    files.writeState({
      release,
      addons: hashes,
      deployedAt: new Date().toISOString(),
      lastDeploy: {
        deployId,
        backupId: backup.id,
        ...(state.release ? { previousRelease: state.release } : {}),
        previousAddons: state.addons,
      },
    });
    files.clearJournal();
    files.pruneReleases([release, state.release]);
    const drill = options.drill === false ? undefined : await drillAfterDeploy(options, backup, access);
    return {
      outcome: 'deployed',
      problems,
      url,
      seconds: (Date.now() - started) / 1000,
      ...common,
      mailsCaught: await mailsCaught(driver, next),
      ...(drill ? { drill } : {}),
    };
  }
  logger.warn(
    `deploy ${deployId} on ${files.name} failed: ${problems.join('; ')}; restoring backup ${backup.id}`,
  );
  const restoredUrl = await rollBack(options, journal, backup);
  rmSync(release, { recursive: true, force: true });
  return {
    outcome: 'restored',
    problems,
    url: restoredUrl,
    seconds: (Date.now() - started) / 1000,
    ...common,
    mailsCaught: await mailsCaught(driver, current),
  };
}
