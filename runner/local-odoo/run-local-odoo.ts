import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ForgeError, toError } from '../../core/errors/forge-error.js';
import { leftOutLine, planAddons } from '../addons/plan-addons.js';
import { odooCommand } from '../odoo/odoo-command.js';
import { parseOdooLog } from '../odoo/parse-odoo-log.js';
import type { TestReport } from '../odoo/test-report.js';
import {
  cloneDatabase,
  connectionOf,
  defaultLocalPostgres,
  dropDatabase,
  ensureLocalPostgres,
  type LocalPostgres,
} from './local-postgres.js';
import { silentLogger, type Logger } from '../logger.js';
import { odooProcessEnv, readOdooSourceTree, type OdooSourceTree } from './odoo-source-tree.js';
import { localAddonsPath } from './local-addons-path.js';
import { reapLocalRuns } from './reap-local-runs.js';
import { runToFile } from './run-process.js';
import { ensureTemplateDatabase, type TemplateDatabase } from './template-database.js';

const run = promisify(execFile);

export interface LocalOdooRunOptions {
  /** An Odoo source tree (the value of ODOO_SRC). */
  odooSrc: string;
  /** Folders that hold the addons under test (each a parent of addon folders). */
  addonsDirs: readonly string[];
  /** Modules to install and test. */
  modules: readonly string[];
  /** Modules the template database holds; default: what the modules' manifests need from outside addonsDirs. */
  dependencies?: readonly string[];
  /** Run the modules' tests (`--test-tags /m`). Default true. */
  tests?: boolean;
  /** Install demo data. Default false. */
  demo?: boolean;
  /** After a successful install, update the modules (`-u`) on the same database: does the addon survive an upgrade? */
  update?: boolean;
  /**
   * After a successful install, export each module's translation template with Odoo's own
   * exporter (`--i18n-export=<module>.pot --modules=<module>`), as OCA does: see `pots`.
   */
  exportPot?: boolean;
  pg?: LocalPostgres;
  /** Where templates' filestores, locks and run folders live. Default `<tmpdir>/odoo-forge-local-odoo`. */
  workDir?: string;
  /** Default Debian's `/usr/bin/python3` (the one with Odoo's Python dependencies). */
  python?: string;
  /** Per Odoo process. Default 15 minutes. */
  timeoutMs?: number;
  logger?: Logger;
  /**
   * Called once the modules are installed (after the update pass, if any), before the run
   * database and data dir are removed: e.g. the browser checks serve that very database instead
   * of installing the modules again on a copy of their own.
   */
  whileInstalled?: (run: InstalledLocalRun) => Promise<void>;
}

/** The run database with the modules installed, as `whileInstalled` gets it. */
export interface InstalledLocalRun {
  database: string;
  pg: LocalPostgres;
  tree: OdooSourceTree;
  python: string;
  /** The run's data dir (filestore, sessions); Odoo runs in it. */
  dataDir: string;
  /** The addons path the run used. */
  addonsPath: string[];
  withoutDemo: boolean;
}

/** One Odoo process of a run: its parsed report, its log, how it ended. */
export interface OdooPass {
  report: TestReport;
  log: string;
  exitCode: number | null;
  timedOut: boolean;
}

/** The install (with tests) pass, plus the update pass when asked for. */
export interface LocalOdooRunResult extends OdooPass {
  /** `-u` of the same modules on the same database after a successful install (no tests). */
  update?: OdooPass;
  /** With `exportPot`: module → the `i18n/<module>.pot` Odoo exported after the install. */
  pots?: Record<string, string>;
  /** Clone + Odoo runs (not the template build, not the clean-up). */
  durationMs: number;
  database: string;
  template: TemplateDatabase;
  tree: OdooSourceTree;
  /** Addons of the folders left off the addons path: another series. */
  leftOut: { name: string; version?: string }[];
}

/** What every local template holds, whatever the addons need. */
export const LOCAL_BASELINE = ['base'] as const;

/**
 * Installs `modules` with their tests on a real Odoo run from a source tree against the local
 * PostgreSQL: a clone of a template database (built once per series and dependency set), a
 * private data dir, a free HTTP port. The run database and data dir are always removed.
 */
export async function runLocalOdoo(options: LocalOdooRunOptions): Promise<LocalOdooRunResult> {
  const logger = options.logger ?? silentLogger;
  const pg = options.pg ?? defaultLocalPostgres;
  const workDir = options.workDir ?? join(tmpdir(), 'odoo-forge-local-odoo');
  const python = options.python ?? '/usr/bin/python3';
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const tree = readOdooSourceTree(options.odooSrc);
  const modules = [...options.modules];
  // Odoo runs in the run folder: relative addons dirs would point into it.
  const addonsDirs = options.addonsDirs.map((dir) => resolve(dir));
  const plan = await planAddons(modules, addonsDirs, tree.series, { baseline: LOCAL_BASELINE });
  const line = leftOutLine(plan.leftOut, tree.series);
  if (line) logger.info(line);
  const dependencies = options.dependencies ?? plan.dependencies;

  await ensureLocalPostgres(pg);
  for (const left of await reapLocalRuns(pg, workDir))
    logger.info(`removed ${left}, left behind by a dead run`);
  const template = await ensureTemplateDatabase(
    { tree, dependencies, demo: options.demo ?? false },
    { pg, workDir, logger, python, timeoutMs },
  );

  const started = Date.now();
  const database = `forge_run_${process.pid}_${randomBytes(4).toString('hex')}`;
  mkdirSync(join(workDir, 'runs'), { recursive: true });
  const runDir = mkdtempSync(join(workDir, 'runs', `${database}-`));
  try {
    await cloneDatabase(pg, template.name, database);
    const templateFilestore = join(template.dataDir, 'filestore', template.name);
    if (existsSync(templateFilestore)) {
      mkdirSync(join(runDir, 'filestore'), { recursive: true });
      await copyTree(templateFilestore, join(runDir, 'filestore', database));
    }
    const addonsPath = localAddonsPath(
      addonsDirs,
      plan.leftOut.map((m) => m.dir),
      runDir,
    );
    const odoo = async (
      phase: 'install' | 'update' | `export-${string}`,
      testModules: readonly string[],
      extraArgs: readonly string[] = [],
    ): Promise<OdooPass> => {
      const command = odooCommand({
        database,
        db: connectionOf(pg),
        addonsPath: [...tree.addonsPaths, ...addonsPath],
        ...(phase === 'install' ? { install: modules } : phase === 'update' ? { update: modules } : {}),
        testModules,
        extraArgs,
        withoutDemo: !(options.demo ?? false),
        dataDir: runDir,
        httpPort: await freePort(),
      });
      const logFile = join(runDir, `odoo-${phase}.log`);
      logger.info(
        `odoo ${tree.version}: ${phase} ${modules.join(',')} on ${database} (clone of ${template.name})`,
      );
      const result = await runToFile(python, [tree.entryPoint, ...command.args], logFile, {
        env: odooProcessEnv(tree, command.env),
        cwd: runDir,
        timeoutMs,
      });
      const log = readFileSync(logFile, 'utf8');
      const report = parseOdooLog(log, { modules });
      if (result.timedOut) {
        report.installed = false;
        report.installErrors.push({
          message: `Odoo did not finish within ${timeoutMs} ms and was stopped`,
          logger: 'odoo-forge',
        });
      }
      return { report, log, exitCode: result.code, timedOut: result.timedOut };
    };
    const install = await odoo('install', options.tests === false ? [] : modules);
    const pots =
      options.exportPot && install.report.installed ? await exportPots(modules, runDir, odoo) : undefined;
    const update = options.update && install.report.installed ? await odoo('update', []) : undefined;
    const durationMs = Date.now() - started;
    if (options.whileInstalled && install.report.installed) {
      await options.whileInstalled({
        database,
        pg,
        tree,
        python,
        dataDir: runDir,
        addonsPath: [...tree.addonsPaths, ...addonsPath],
        withoutDemo: !(options.demo ?? false),
      });
    }
    return {
      ...install,
      ...(update === undefined ? {} : { update }),
      ...(pots === undefined ? {} : { pots }),
      durationMs,
      database,
      template,
      tree,
      leftOut: plan.leftOut.map((m) => ({ name: m.name, ...(m.version ? { version: m.version } : {}) })),
    };
  } finally {
    await dropDatabase(pg, database).catch((error: unknown) =>
      logger.info(`could not drop ${database}: ${toError(error).message}`),
    );
    rmSync(runDir, { recursive: true, force: true });
  }
}

/**
 * Each module's translation template, written by Odoo's exporter on the installed database
 * (one Odoo process per module, so each file holds that module's terms only).
 */
async function exportPots(
  modules: readonly string[],
  runDir: string,
  odoo: (
    phase: `export-${string}`,
    testModules: readonly string[],
    extraArgs: readonly string[],
  ) => Promise<OdooPass>,
): Promise<Record<string, string>> {
  const pots: Record<string, string> = {};
  for (const module of modules) {
    const file = join(runDir, `${module}.pot`);
    const pass = await odoo(`export-${module}`, [], [`--i18n-export=${file}`, `--modules=${module}`]);
    if (pass.exitCode !== 0 || !existsSync(file))
      throw new ForgeError(
        'odoo.i18n-export',
        `Odoo did not export the translation template of ${module} (exit ${String(pass.exitCode)})`,
        {
          hint: `read the export's log: ${pass.log.split('\n').slice(-5).join(' | ')}`,
        },
      );
    pots[module] = readFileSync(file, 'utf8');
  }
  return pots;
}

/** Hard-links the template's filestore (Odoo never rewrites a filestore file in place); copies across devices. */
/** Copies a filestore, hard-linked when the file system allows it. */
export async function copyTree(from: string, to: string): Promise<void> {
  try {
    await run('cp', ['-al', from, to]);
  } catch {
    rmSync(to, { recursive: true, force: true });
    await run('cp', ['-a', from, to]);
  }
}

/** A TCP port free right now on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
