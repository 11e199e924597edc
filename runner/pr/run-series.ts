import { toError } from '../../core/errors/forge-error.js';
import { planAddons } from '../addons/plan-addons.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import type { Logger } from '../logger.js';
import { OdooStack } from '../stack/odoo-stack.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import { runOdooTests, STACK_BASELINE, type TestRunResult } from '../stack/run-odoo-tests.js';
import { DEFAULT_TTL_SECONDS, defaultRuntimeImage, type StackSettings } from '../stack/stack-settings.js';
import type { Teardown } from '../stack/teardown.js';
import type { BrowserCheckResult } from '../ui-check/run-browser-checks.js';
import { checkInBrowser } from './check-in-browser.js';
import type { SeriesOdoo } from './series-odoo.js';

/** What the browser checks of one series came to: a result, a reason they did not run, or an error. */
export type BrowserOutcome =
  | { state: 'ran'; result: BrowserCheckResult; /** Odoo served for the checks, in ms. */ serveMs?: number }
  | { state: 'skipped'; reason: string }
  | { state: 'error'; message: string };

/** One series of a pull request's verdict: install with tests, then the browser checks. */
export interface SeriesOutcome {
  series: string;
  modules: string[];
  tests: { state: 'ran'; run: TestRunResult } | { state: 'error'; message: string };
  browser: BrowserOutcome;
  wallMs: number;
}

export interface RunSeriesOptions {
  series: string;
  odoo: SeriesOdoo;
  modules: string[];
  addonsDirs: string[];
  postgresImage: string;
  repository?: string;
  browserChecks: boolean;
  /** Where the browser checks write their screenshots. */
  screenshotDir: string;
  /** False: no template database (a cold run, as the bench measures it). */
  useTemplate?: boolean;
  logger: Logger;
  teardown: Teardown;
  env: NodeJS.ProcessEnv;
  /** Called with each stack id as soon as it exists (so `post` can remove it whatever happens). */
  onStack?: (stackId: string) => void;
}

export function stackSettingsFor(options: RunSeriesOptions): StackSettings {
  return {
    odooSeries: options.series,
    odoo:
      options.odoo.kind === 'image'
        ? options.odoo
        : {
            kind: 'source',
            sourceDir: options.odoo.sourceDir,
            runtimeImage: defaultRuntimeImage(options.series, options.env),
          },
    postgresImage: options.postgresImage,
    addonsDirs: options.addonsDirs,
    ttlSeconds: DEFAULT_TTL_SECONDS,
    ...(options.repository ? { repository: options.repository } : {}),
  };
}

/**
 * In containers: a stack from the template database, `-i` the modules with their tests, and when
 * asked and installed, Odoo served on the same database and every action opened in Chromium.
 * The stack is removed before this returns (and by the teardown on a signal).
 */
export async function runSeries(driver: ContainerDriver, options: RunSeriesOptions): Promise<SeriesOutcome> {
  const started = Date.now();
  const settings = stackSettingsFor(options);
  const outcome: SeriesOutcome = {
    series: options.series,
    modules: options.modules,
    tests: { state: 'error', message: 'not run' },
    browser: { state: 'skipped', reason: 'browser-checks is false' },
    wallMs: 0,
  };
  let run: TestRunResult;
  try {
    run = await runOdooTests(driver, settings, {
      modules: options.modules,
      useTemplate: options.useTemplate ?? true,
      keep: options.browserChecks,
      logger: options.logger,
      teardown: options.teardown,
      onStep: (step, detail) => {
        if (step === 'database' && detail) options.onStack?.(detail);
      },
    });
    outcome.tests = { state: 'ran', run };
  } catch (error) {
    outcome.tests = { state: 'error', message: toError(error).message };
    outcome.browser = { state: 'skipped', reason: 'the install did not run' };
    outcome.wallMs = Date.now() - started;
    return outcome;
  }
  if (options.browserChecks) outcome.browser = await browserChecks(driver, settings, run, options);
  outcome.wallMs = Date.now() - started;
  return outcome;
}

async function browserChecks(
  driver: ContainerDriver,
  given: StackSettings,
  run: TestRunResult,
  options: RunSeriesOptions,
): Promise<BrowserOutcome> {
  const plan = await planAddons(options.modules, given.addonsDirs, given.odooSeries, {
    baseline: STACK_BASELINE,
  });
  const settings: StackSettings = { ...given, leaveOut: plan.leftOut.map((m) => m.dir) };
  const stack = new OdooStack(driver, settings, options.logger, { id: run.stackId });
  const drop = options.teardown.add(`remove stack ${stack.id}`, () => stack.down());
  try {
    if (!run.report.installed) return { state: 'skipped', reason: 'the modules did not install' };
    return await checkInBrowser({
      series: options.series,
      modules: options.modules,
      screenshotDir: options.screenshotDir,
      logger: options.logger,
      serve: async () => ({
        // Installed by the test run on this very database: served as it is, no update pass.
        baseUrl: await stack.startOdooServer(options.modules, { install: false }),
        database: StackDatabase.name,
      }),
    });
  } finally {
    drop();
    await stack.down();
  }
}
