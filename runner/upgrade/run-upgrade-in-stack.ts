import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toError } from '../../core/errors/forge-error.js';
import { planAddons } from '../addons/plan-addons.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { silentLogger, type Logger } from '../logger.js';
import { parseOdooLog } from '../odoo/parse-odoo-log.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import { OdooStack } from '../stack/odoo-stack.js';
import { STACK_BASELINE } from '../stack/run-odoo-tests.js';
import type { StackSettings } from '../stack/stack-settings.js';
import type { Teardown } from '../stack/teardown.js';
import {
  compareUpdate,
  firstError,
  lossesOfFailedUpdate,
  updateErrorLines,
  upgradeOk,
} from './judge-update.js';
import { parseSeedLog, seedScript } from './seed-records.js';
import { takeSnapshot } from './take-snapshot.js';
import { emptyUpgradeResult, type UpgradeResult } from './upgrade-result.js';

export interface UpgradeInStackInput {
  /** The series' stack settings (Odoo, images); their addons folders are replaced by base, then head. */
  settings: StackSettings;
  baseAddonsDirs: readonly string[];
  headAddonsDirs: readonly string[];
  modules: readonly string[];
  logger?: Logger;
  /** The stack is removed on a cancel too. */
  teardown?: Teardown;
  /** Called after a successful update and its snapshot, before the stack is removed. */
  afterUpdate?: (stack: OdooStack) => Promise<void>;
}

/**
 * The upgrade stage in containers (issue 13): one stack on a fresh database; `-i` the base
 * version of `modules` with demo data (the base's addons folders mounted), one record per model
 * created by `odoo shell` with the generated tests' values (the script on stdin), a snapshot
 * through psql in the database container, `-u` with the head's folders mounted on the same data
 * volume (`OdooStack.withAddonsDirs`), a clean update log, a second snapshot and the comparison.
 * No template: the stack's templates hold no demo data, so the base install loads the
 * dependencies' demo data itself. The stack is always removed.
 */
export async function runUpgradeInStack(
  driver: ContainerDriver,
  input: UpgradeInStackInput,
): Promise<UpgradeResult> {
  const logger = input.logger ?? silentLogger;
  const series = input.settings.odooSeries;
  const modules = [...input.modules];
  const baseDirs = input.baseAddonsDirs.map((dir) => resolve(dir));
  const headDirs = input.headAddonsDirs.map((dir) => resolve(dir));
  const basePlan = await planAddons(modules, baseDirs, series, { baseline: STACK_BASELINE });
  const headPlan = await planAddons(modules, headDirs, series, { baseline: STACK_BASELINE });
  const started = Date.now();
  const result = emptyUpgradeResult(series, modules);
  const base = new OdooStack(
    driver,
    { ...input.settings, addonsDirs: baseDirs, leaveOut: basePlan.leftOut.map((m) => m.dir) },
    logger,
  );
  const head = base.withAddonsDirs(
    headDirs,
    headPlan.leftOut.map((m) => m.dir),
  );
  const dropStack = input.teardown?.add(`remove stack ${base.id}`, () => base.down());
  const shellDir = mkdtempSync(join(tmpdir(), 'forge-upgrade-shell-'));
  const sql = (database: string, text: string) => base.psql(database, text);
  try {
    await base.startDatabase();
    logger.info(`odoo ${series}: install ${modules.join(',')} (base) in stack ${base.id}`);
    const install = await base.runOdoo({ install: modules, demo: true });
    result.installLog = install.log;
    const installReport = parseOdooLog(install.log, { modules });
    if (!installReport.installed || install.exitCode !== 0) {
      result.errors.push(
        `the base version of ${modules.join(', ')} did not install on Odoo ${series}: ${firstError(installReport)}`,
      );
      return result;
    }
    try {
      // The container's user must read the script: the folder is the host's mkdtemp (0700).
      chmodSync(shellDir, 0o755);
      const script = join(shellDir, 'seed.py');
      writeFileSync(script, seedScript(modules), { mode: 0o644 });
      logger.info(`odoo ${series}: create records of ${modules.join(',')} (base) in stack ${base.id}`);
      const seeded = await base.runOdoo({ shellScript: script, demo: true });
      result.seeded = parseSeedLog(seeded.log, seeded.exitCode);
    } catch (error) {
      result.errors.push(
        `could not create records of ${modules.join(', ')} on the base version: ${toError(error).message}`,
      );
      return result;
    }
    const before = await Promise.all(modules.map((m) => takeSnapshot(sql, StackDatabase.name, m)));
    logger.info(`odoo ${series}: update ${modules.join(',')} (head) in stack ${base.id}`);
    const update = await head.runOdoo({ update: modules, demo: true });
    result.updateLog = update.log;
    const report = parseOdooLog(update.log, { modules });
    result.updateErrors = updateErrorLines(report);
    if (!report.installed || update.exitCode !== 0) {
      result.errors.push(`the update to the head version failed on Odoo ${series}: ${firstError(report)}`);
      // The update rolled back: name the base values the head's types cannot take.
      result.results = await lossesOfFailedUpdate(modules, before, headDirs);
    } else {
      const after = await Promise.all(modules.map((m) => takeSnapshot(sql, StackDatabase.name, m)));
      result.results = compareUpdate(modules, before, after);
      await input.afterUpdate?.(head);
    }
    result.ok = upgradeOk(result);
    return result;
  } finally {
    result.durationMs = Date.now() - started;
    dropStack?.();
    await base
      .down()
      .catch((error: unknown) => logger.info(`could not remove stack ${base.id}: ${toError(error).message}`));
    rmSync(shellDir, { recursive: true, force: true });
  }
}
