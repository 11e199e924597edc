import { hostname } from 'node:os';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { leftOutLine, planAddons } from '../addons/plan-addons.js';
import { parseOdooLog } from '../odoo/parse-odoo-log.js';
import type { TestReport } from '../odoo/test-report.js';
import { assertReadableByContainer } from './assert-readable-by-container.js';
import type { Logger } from '../logger.js';
import { OdooStack } from './odoo-stack.js';
import type { StackSettings } from './stack-settings.js';
import type { Teardown } from './teardown.js';
import { ensureTemplate, templateFor } from './template-database.js';

/** What every template of a stack holds, whatever the addons need. */
export const STACK_BASELINE = ['base', 'web'] as const;

export type RunStep = 'template' | 'database' | 'install' | 'report' | 'teardown';

export interface RunOdooTestsOptions {
  modules: string[];
  /** `-u` instead of `-i` (an update run on top of an install in the same database). */
  update?: boolean;
  /** Zero tests run is a failure unless this is set. */
  allowNoTests?: boolean;
  /** Build and clone a template database with the dependencies (default true). */
  useTemplate?: boolean;
  /**
   * Default true: the stack's data volume in memory (tmpfs), the template copied by the
   * PostgreSQL container (runner/stack/odoo-stack.ts `inMemory`). False: on the engine's disk.
   */
  inMemory?: boolean;
  /** Leave the stack running after the run (the caller removes it later). */
  keep?: boolean;
  logger: Logger;
  teardown: Teardown;
  onStep?: (step: RunStep, detail?: string) => void;
  onLog?: (text: string) => void;
}

export interface TestRunVerdict {
  ok: boolean;
  /** Why not ok, one line each (empty when ok). */
  reasons: string[];
}

export interface TestRunResult {
  stackId: string;
  report: TestReport;
  verdict: TestRunVerdict;
  exitCode: number;
  log: string;
  template: { volume: string; built: boolean } | undefined;
  timings: { templateMs: number; databaseMs: number; installMs: number; teardownMs: number; totalMs: number };
  kept: boolean;
  /** Addons of the folders left off the addons path: another series (name and version). */
  leftOut: { name: string; version?: string }[];
}

/** Everything installed, no test failed or errored, some test ran (unless allowed), Odoo exited 0. */
export function judgeReport(report: TestReport, exitCode: number, allowNoTests: boolean): TestRunVerdict {
  const reasons: string[] = [];
  const missing = (report.modules.length > 1 ? (report.moduleResults ?? []) : []).filter((r) => !r.installed);
  if (missing.length > 0)
    for (const m of missing) reasons.push(`${m.module} not installed: ${m.error ?? 'see the log'}`);
  else if (!report.installed)
    reasons.push(
      `not installed: ${report.installErrors.map((e) => e.message.split('\n')[0]).join('; ') || 'see the log'}`,
    );
  if (report.failed > 0) reasons.push(`${report.failed} test(s) failed`);
  if (report.errors > 0) reasons.push(`${report.errors} test(s) raised an error`);
  if (report.installed && report.testsRun === 0 && !allowNoTests)
    reasons.push('no test ran (pass --allow-no-tests when that is expected)');
  if (exitCode !== 0 && reasons.length === 0) reasons.push(`Odoo exited with code ${exitCode}`);
  return { ok: reasons.length === 0, reasons };
}

/** The series must have been read from the Odoo (resolveStackSettings / settleImageSeries). */
export function assertSeriesKnown(settings: StackSettings): void {
  if (settings.odooSeries) return;
  throw new ForgeError('stack.series-unknown', 'The stack settings name no Odoo series.', {
    hint: 'Build the settings with resolveStackSettings, then settleImageSeries for an --odoo-image.',
  });
}

/**
 * One pull-request verdict: a template with the dependencies (built once, then reused), a stack
 * whose database is a copy of it, `-i`/`-u` the modules with their tests, the parsed report, and
 * the stack removed (unless `keep`).
 */
export async function runOdooTests(
  driver: ContainerDriver,
  given: StackSettings,
  options: RunOdooTestsOptions,
): Promise<TestRunResult> {
  assertReadableByContainer(given);
  assertSeriesKnown(given);
  const started = Date.now();
  const plan = await planAddons(options.modules, given.addonsDirs, given.odooSeries, {
    baseline: STACK_BASELINE,
  });
  const line = leftOutLine(plan.leftOut, given.odooSeries);
  if (line) options.logger.info(line);
  const settings: StackSettings = { ...given, leaveOut: plan.leftOut.map((m) => m.dir) };
  const timings = { templateMs: 0, databaseMs: 0, installMs: 0, teardownMs: 0, totalMs: 0 };
  const step = options.onStep ?? (() => {});
  let template: TestRunResult['template'];

  if (options.useTemplate !== false) {
    step('template');
    const ref = await templateFor(driver, settings, plan.dependencies);
    const built = await ensureTemplate(driver, settings, ref, {
      logger: options.logger,
      teardown: options.teardown,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    template = { volume: ref.volume, built };
    timings.templateMs = Date.now() - started;
  }

  let kept = false;
  const finish = (run: { exitCode: number; log: string }, stackId: string): TestRunResult => {
    step('report');
    const report = parseOdooLog(run.log, { modules: options.modules });
    const verdict = judgeReport(report, run.exitCode, options.allowNoTests ?? false);
    kept = options.keep ?? false;
    const leftOut = plan.leftOut.map((m) => ({ name: m.name, ...(m.version ? { version: m.version } : {}) }));
    return {
      stackId,
      report,
      verdict,
      exitCode: run.exitCode,
      log: run.log,
      template,
      timings,
      kept,
      leftOut,
    };
  };
  // A kept stack outlives this process: the reaper judges it by its expiry only.
  const stack = new OdooStack(
    driver,
    settings,
    options.logger,
    options.keep ? { owner: `detached@${hostname()}` } : {},
  );
  const dropStack = options.teardown.add(`remove stack ${stack.id}`, () => stack.down());
  let databaseStarting: Promise<void> | undefined;
  try {
    step('database', stack.id);
    const dbStarted = Date.now();
    // A test run's database dies with its stack: in memory (docs/stacks.md, "Data volume").
    const database = {
      ...(template ? { templateVolume: template.volume } : {}),
      inMemory: options.inMemory ?? true,
    };
    // From a source tree, Odoo starts with PostgreSQL: it imports itself while the data volume is
    // copied and PostgreSQL starts, then waits until the database answers (odoo-container-command.ts).
    const together = settings.odoo?.kind === 'source' && !options.update;
    const starting = together
      ? stack.startDatabase({ ...database, wait: false }).then(() => {
          timings.databaseMs = Date.now() - dbStarted;
        })
      : undefined;
    // Awaited by the run below, and before the teardown (which must not race its creations).
    databaseStarting = starting?.catch(() => {});
    if (!starting) {
      await stack.startDatabase(database);
      timings.databaseMs = Date.now() - dbStarted;
    }

    step('install', options.modules.join(','));
    const installStarted = Date.now();
    const watch = {
      ...(options.onLog ? { onLog: options.onLog } : {}),
      ...(starting ? { databaseStarting: starting } : {}),
    };
    const fromTemplate = template !== undefined;
    if (options.update) {
      // An update run: install first (no tests), then `-u` with the tests, as after a merge.
      const install = await stack.runOdoo({ install: options.modules, fromTemplate }, watch);
      if (install.exitCode !== 0) return finish(install, stack.id);
    }
    const run = await stack.runOdoo(
      options.update
        ? { update: options.modules, testModules: options.modules, fromTemplate }
        : { install: options.modules, testModules: options.modules, waitForDatabase: together, fromTemplate },
      watch,
    );
    timings.installMs = Date.now() - installStarted;

    return finish(run, stack.id);
  } finally {
    await databaseStarting;
    if (!kept) {
      step('teardown', stack.id);
      const downStarted = Date.now();
      dropStack();
      await stack.down();
      timings.teardownMs = Date.now() - downStarted;
    } else {
      dropStack();
    }
    timings.totalMs = Date.now() - started;
  }
}
