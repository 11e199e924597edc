import { toError } from '../../core/errors/forge-error.js';
import type { Logger } from '../logger.js';
import { join } from 'node:path';
import { connectionOf } from '../local-odoo/local-postgres.js';
import { runLocalOdoo, type InstalledLocalRun } from '../local-odoo/run-local-odoo.js';
import { judgeReport, type TestRunResult } from '../stack/run-odoo-tests.js';
import { startLocalOdooServer } from '../ui-check/local-odoo-server.js';
import { checkInBrowser } from './check-in-browser.js';
import type { BrowserOutcome, SeriesOutcome } from './run-series.js';

export interface RunSeriesLocalOptions {
  series: string;
  /** The Odoo source tree of the series. */
  sourceDir: string;
  modules: string[];
  addonsDirs: string[];
  browserChecks: boolean;
  screenshotDir: string;
  logger: Logger;
}

/**
 * The local mode of one series (a runner pod without a container engine): the local PostgreSQL,
 * a clone of a template database, Odoo as a process from the source tree; then, when asked and
 * installed, Odoo served on that very run database (the modules installed once, as in
 * containers) for the browser checks, before the run removes its database and data dir;
 * `reapLocalRuns` removes what a killed run left.
 */
export async function runSeriesLocal(options: RunSeriesLocalOptions): Promise<SeriesOutcome> {
  const started = Date.now();
  const outcome: SeriesOutcome = {
    series: options.series,
    modules: options.modules,
    tests: { state: 'error', message: 'not run' },
    browser: { state: 'skipped', reason: 'browser-checks is false' },
    wallMs: 0,
  };
  let browser: BrowserOutcome | undefined;
  try {
    const result = await runLocalOdoo({
      odooSrc: options.sourceDir,
      addonsDirs: options.addonsDirs,
      modules: options.modules,
      logger: options.logger,
      ...(options.browserChecks
        ? {
            whileInstalled: async (installed: InstalledLocalRun) => {
              browser = await browserChecks(options, installed);
            },
          }
        : {}),
    });
    const exitCode = result.exitCode ?? 1;
    const verdict = judgeReport(result.report, exitCode, false);
    if (result.timedOut) verdict.reasons.push('Odoo did not finish in time');
    const run: TestRunResult = {
      stackId: result.database,
      report: result.report,
      verdict: { ok: verdict.reasons.length === 0, reasons: verdict.reasons },
      exitCode,
      log: result.log,
      template: { volume: result.template.name, built: false },
      timings: {
        templateMs: 0,
        databaseMs: 0,
        installMs: result.durationMs,
        teardownMs: 0,
        totalMs: result.durationMs,
      },
      kept: false,
      leftOut: result.leftOut,
    };
    outcome.tests = { state: 'ran', run };
    if (options.browserChecks) {
      outcome.browser = browser ?? { state: 'skipped', reason: 'the modules did not install' };
    }
  } catch (error) {
    outcome.tests = { state: 'error', message: toError(error).message };
    outcome.browser = { state: 'skipped', reason: 'the install did not run' };
  }
  outcome.wallMs = Date.now() - started;
  return outcome;
}

/** Odoo served on the test run's database as it is (no `-i`/`-u`), for the browser checks. */
function browserChecks(
  options: RunSeriesLocalOptions,
  installed: InstalledLocalRun,
): Promise<BrowserOutcome> {
  return checkInBrowser({
    series: options.series,
    modules: options.modules,
    screenshotDir: options.screenshotDir,
    logger: options.logger,
    serve: async () => {
      options.logger.info(
        `browser checks on ${installed.database}, the test run's database (served as it is)`,
      );
      const server = await startLocalOdooServer({
        python: installed.python,
        tree: installed.tree,
        command: {
          database: installed.database,
          db: connectionOf(installed.pg),
          addonsPath: installed.addonsPath,
          withoutDemo: installed.withoutDemo,
          dataDir: installed.dataDir,
        },
        cwd: installed.dataDir,
        logFile: join(installed.dataDir, 'server.log'),
        timeoutMs: 10 * 60_000,
      });
      return { baseUrl: server.baseUrl, database: installed.database, stop: () => server.stop() };
    },
  });
}
