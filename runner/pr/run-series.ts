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
import { BROWSER_SERIES, checkInBrowser } from './check-in-browser.js';
import { EarlyOdooServer } from './early-odoo-server.js';
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
  /**
   * The stack's removal, begun when the checks ended: the caller posts the verdict meanwhile and
   * awaits this before anything else starts (it rejects when the removal failed).
   */
  removal?: Promise<void>;
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
 * asked and installed, Odoo served on the same database and every action opened in Chromium. The
 * serving Odoo starts as soon as the test run has committed the modules (`EarlyOdooServer`), and
 * the stack's removal is left running in `removal` (the teardown removes it on a signal too).
 */
export async function runSeries(driver: ContainerDriver, options: RunSeriesOptions): Promise<SeriesOutcome> {
  const started = Date.now();
  const given = stackSettingsFor(options);
  const outcome: SeriesOutcome = {
    series: options.series,
    modules: options.modules,
    tests: { state: 'error', message: 'not run' },
    browser: { state: 'skipped', reason: 'browser-checks is false' },
    wallMs: 0,
  };
  const browser = options.browserChecks && BROWSER_SERIES.includes(options.series);
  let settings: StackSettings = given;
  let stack: OdooStack | undefined;
  let dropStack = (): void => {};
  let installing = false;
  const early = new EarlyOdooServer(() => {
    if (!stack) return Promise.reject(new Error('the stack does not exist yet'));
    // Installed by the test run on this very database: served as it is, no update pass.
    return stack.createOdooServer(options.modules, { install: false });
  });
  let run: TestRunResult;
  try {
    const plan = await planAddons(options.modules, given.addonsDirs, given.odooSeries, {
      baseline: STACK_BASELINE,
    });
    settings = { ...given, leaveOut: plan.leftOut.map((m) => m.dir) };
    run = await runOdooTests(driver, given, {
      modules: options.modules,
      useTemplate: options.useTemplate ?? true,
      // Removed below, after the browser checks, while the caller posts the verdict.
      keep: true,
      logger: options.logger,
      teardown: options.teardown,
      onStep: (step, detail) => {
        if (step === 'install') installing = true;
        if (step !== 'database' || !detail) return;
        options.onStack?.(detail);
        stack = new OdooStack(driver, settings, options.logger, { id: detail });
        const ofStack = stack;
        dropStack = options.teardown.add(`remove stack ${detail}`, () => ofStack.down());
      },
      ...(browser ? { onLog: (text: string) => installing && early.onLog(text) } : {}),
    });
    outcome.tests = { state: 'ran', run };
  } catch (error) {
    outcome.tests = { state: 'error', message: toError(error).message };
    outcome.browser = { state: 'skipped', reason: 'the install did not run' };
    // runOdooTests removed its stack; a server started meanwhile goes with a second pass.
    await early.settled();
    if (early.url && stack) await stack.down();
    dropStack();
    outcome.wallMs = Date.now() - started;
    return outcome;
  }
  const kept = stack ?? new OdooStack(driver, settings, options.logger, { id: run.stackId });
  if (options.browserChecks) outcome.browser = await browserChecks(kept, early, run, options);
  outcome.wallMs = Date.now() - started;
  const removal = kept.down().finally(dropStack);
  removal.catch(() => undefined);
  outcome.removal = removal;
  return outcome;
}

async function browserChecks(
  stack: OdooStack,
  early: EarlyOdooServer,
  run: TestRunResult,
  options: RunSeriesOptions,
): Promise<BrowserOutcome> {
  if (!run.report.installed) {
    await early.settled();
    return { state: 'skipped', reason: 'the modules did not install' };
  }
  return checkInBrowser({
    series: options.series,
    modules: options.modules,
    screenshotDir: options.screenshotDir,
    logger: options.logger,
    serve: async () => {
      const created = early.url;
      if (!created)
        return {
          baseUrl: await stack.startOdooServer(options.modules, { install: false }),
          database: StackDatabase.name,
        };
      const baseUrl = await created;
      options.logger.info('Odoo for the browser checks was started when the test run committed the modules');
      // Asked only now that the test run has exited: no request meets a post-install test.
      await stack.waitForOdooServer(baseUrl);
      return { baseUrl, database: StackDatabase.name };
    },
  });
}
