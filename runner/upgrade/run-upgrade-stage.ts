import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toError } from '../../core/errors/forge-error.js';
import { planAddons } from '../addons/plan-addons.js';
import { localAddonsPath } from '../local-odoo/local-addons-path.js';
import {
  cloneDatabase,
  connectionOf,
  defaultLocalPostgres,
  dropDatabase,
  ensureLocalPostgres,
  type LocalPostgres,
} from '../local-odoo/local-postgres.js';
import { odooProcessEnv, readOdooSourceTree } from '../local-odoo/odoo-source-tree.js';
import { reapLocalRuns } from '../local-odoo/reap-local-runs.js';
import { copyTree, freePort, LOCAL_BASELINE } from '../local-odoo/run-local-odoo.js';
import { runToFile } from '../local-odoo/run-process.js';
import { ensureTemplateDatabase } from '../local-odoo/template-database.js';
import { silentLogger, type Logger } from '../logger.js';
import { odooCommand } from '../odoo/odoo-command.js';
import { parseOdooLog } from '../odoo/parse-odoo-log.js';
import type { TestReport } from '../odoo/test-report.js';
import {
  compareUpdate,
  firstError,
  lossesOfFailedUpdate,
  updateErrorLines,
  upgradeOk,
} from './judge-update.js';
import { seedRecords } from './seed-records.js';
import { takeSnapshot } from './take-snapshot.js';
import { emptyUpgradeResult, type UpgradeResult } from './upgrade-result.js';

export interface UpgradeStageInput {
  /** The series' Odoo source tree. */
  odooSrc: string;
  /** Folders holding the base branch's version of the addons (each a parent of addon folders). */
  baseAddonsDirs: readonly string[];
  /** Folders holding the head's version of the addons. */
  headAddonsDirs: readonly string[];
  /** Modules to check: changed addons that exist on the base. */
  modules: readonly string[];
  pg?: LocalPostgres;
  /** Templates, locks and run folders (shared with runLocalOdoo). Default `<tmpdir>/odoo-forge-local-odoo`. */
  workDir?: string;
  python?: string;
  /** Per Odoo process. Default 15 minutes. */
  timeoutMs?: number;
  logger?: Logger;
  /**
   * Called after a successful update and its snapshot, before the run database is dropped (a
   * test reads what the snapshot does not hold, e.g. mail rows).
   */
  afterUpdate?: (database: string) => Promise<void>;
}

interface Pass {
  report: TestReport;
  log: string;
  exitCode: number | null;
}

/**
 * The upgrade stage (issue 13): installs the base version of `modules` with demo data on a clone
 * of a template database, creates one more record per model with the generated tests' values
 * (runner/upgrade/seed-records.ts), snapshots every record and field value the modules define, updates to
 * the head version (`-u`, the head folder on the addons path), requires a clean update log, and
 * compares: every record and value both versions define must survive. The run database and
 * data dir are always removed.
 */
export async function runUpgradeStage(input: UpgradeStageInput): Promise<UpgradeResult> {
  const logger = input.logger ?? silentLogger;
  const pg = input.pg ?? defaultLocalPostgres;
  const workDir = input.workDir ?? join(tmpdir(), 'odoo-forge-local-odoo');
  const python = input.python ?? '/usr/bin/python3';
  const timeoutMs = input.timeoutMs ?? 15 * 60_000;
  const tree = readOdooSourceTree(input.odooSrc);
  const modules = [...input.modules];
  const baseDirs = input.baseAddonsDirs.map((dir) => resolve(dir));
  const headDirs = input.headAddonsDirs.map((dir) => resolve(dir));
  const basePlan = await planAddons(modules, baseDirs, tree.series, { baseline: LOCAL_BASELINE });
  const headPlan = await planAddons(modules, headDirs, tree.series, { baseline: LOCAL_BASELINE });
  const dependencies = [...new Set([...basePlan.dependencies, ...headPlan.dependencies])].sort();

  await ensureLocalPostgres(pg);
  for (const left of await reapLocalRuns(pg, workDir))
    logger.info(`removed ${left}, left behind by a dead run`);
  const template = await ensureTemplateDatabase(
    { tree, dependencies, demo: true },
    { pg, workDir, logger, python, timeoutMs },
  );

  const started = Date.now();
  const database = `forge_run_${process.pid}_${randomBytes(4).toString('hex')}`;
  mkdirSync(join(workDir, 'runs'), { recursive: true });
  const runDir = mkdtempSync(join(workDir, 'runs', `${database}-`));
  const result = emptyUpgradeResult(tree.series, modules);
  try {
    await cloneDatabase(pg, template.name, database);
    const templateFilestore = join(template.dataDir, 'filestore', template.name);
    if (existsSync(templateFilestore)) {
      mkdirSync(join(runDir, 'filestore'), { recursive: true });
      await copyTree(templateFilestore, join(runDir, 'filestore', database));
    }
    const odoo = async (phase: 'install' | 'update', dirs: string[], leftOut: string[]): Promise<Pass> => {
      const command = odooCommand({
        database,
        db: connectionOf(pg),
        addonsPath: [...tree.addonsPaths, ...localAddonsPath(dirs, leftOut, join(runDir, phase))],
        ...(phase === 'install' ? { install: modules } : { update: modules }),
        withoutDemo: false,
        dataDir: runDir,
        httpPort: await freePort(),
      });
      const logFile = join(runDir, `odoo-${phase}.log`);
      logger.info(
        `odoo ${tree.version}: ${phase} ${modules.join(',')} (${phase === 'install' ? 'base' : 'head'}) on ${database}`,
      );
      const ran = await runToFile(python, [tree.entryPoint, ...command.args], logFile, {
        env: odooProcessEnv(tree, command.env),
        cwd: runDir,
        timeoutMs,
      });
      const log = readFileSync(logFile, 'utf8');
      const report = parseOdooLog(log, { modules });
      if (ran.timedOut) {
        report.installed = false;
        report.installErrors.push({
          message: `Odoo did not finish within ${timeoutMs} ms and was stopped`,
          logger: 'odoo-forge',
        });
      }
      return { report, log, exitCode: ran.code };
    };
    mkdirSync(join(runDir, 'install'), { recursive: true });
    mkdirSync(join(runDir, 'update'), { recursive: true });
    const install = await odoo(
      'install',
      baseDirs,
      basePlan.leftOut.map((m) => m.dir),
    );
    result.installLog = install.log;
    if (!install.report.installed || install.exitCode !== 0) {
      result.errors.push(
        `the base version of ${modules.join(', ')} did not install on Odoo ${tree.version}: ${firstError(install.report)}`,
      );
      return result;
    }
    try {
      const port = await freePort();
      const seed = odooCommand({
        database,
        db: connectionOf(pg),
        addonsPath: [
          ...tree.addonsPaths,
          ...localAddonsPath(
            baseDirs,
            basePlan.leftOut.map((m) => m.dir),
            join(runDir, 'seed'),
          ),
        ],
        withoutDemo: false,
        dataDir: runDir,
        httpPort: port,
      });
      logger.info(`odoo ${tree.version}: create records of ${modules.join(',')} (base) on ${database}`);
      result.seeded = await seedRecords(modules, {
        python,
        entryPoint: tree.entryPoint,
        args: seed.args,
        env: odooProcessEnv(tree, seed.env),
        cwd: runDir,
        scriptFile: join(runDir, 'seed.py'),
        logFile: join(runDir, 'odoo-seed.log'),
        timeoutMs,
      });
    } catch (error) {
      result.errors.push(
        `could not create records of ${modules.join(', ')} on the base version: ${toError(error).message}`,
      );
      return result;
    }
    const before = await Promise.all(modules.map((module) => takeSnapshot(pg, database, module)));
    const update = await odoo(
      'update',
      headDirs,
      headPlan.leftOut.map((m) => m.dir),
    );
    result.updateLog = update.log;
    result.updateErrors = updateErrorLines(update.report);
    if (!update.report.installed || update.exitCode !== 0) {
      result.errors.push(
        `the update to the head version failed on Odoo ${tree.version}: ${firstError(update.report)}`,
      );
      // The update rolled back: the base data is still there; name the values the head's types cannot take.
      result.results = await lossesOfFailedUpdate(modules, before, headDirs, input.python);
    } else {
      const after = await Promise.all(modules.map((module) => takeSnapshot(pg, database, module)));
      result.results = compareUpdate(modules, before, after);
      await input.afterUpdate?.(database);
    }
    result.ok = upgradeOk(result);
    return result;
  } finally {
    result.durationMs = Date.now() - started;
    await dropDatabase(pg, database).catch((error: unknown) =>
      logger.info(`could not drop ${database}: ${toError(error).message}`),
    );
    rmSync(runDir, { recursive: true, force: true });
  }
}
