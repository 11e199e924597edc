import { mkdirSync } from 'node:fs';
import type {
  BrowserCheckOptions,
  BrowserCheckPage,
  BrowserCheckResult,
  BrowserCheckStep,
} from './browser-check-types.js';
import { checkViewsInBrowser } from './check-views-in-browser.js';

export type {
  BrowserCheckOptions,
  BrowserCheckPage,
  BrowserCheckResult,
  BrowserCheckStep,
  BrowserCheckSeries,
} from './browser-check-types.js';

/**
 * The browser check of installed addons, the one entry point for the CLI and actions/test: logs
 * in to a running Odoo and opens what the modules define, failing on any client error.
 */
export async function runBrowserChecks(options: BrowserCheckOptions): Promise<BrowserCheckResult> {
  const started = Date.now();
  const admin = options.admin ?? { login: 'admin', password: 'admin' };
  if (options.screenshotDir) mkdirSync(options.screenshotDir, { recursive: true });
  const result = await checkViewsInBrowser({
    baseUrl: options.baseUrl,
    database: options.database,
    login: admin.login,
    password: admin.password,
    modules: options.modules,
    series: options.series,
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
    ...(options.screenshotDir ? { screenshotDir: options.screenshotDir } : {}),
  });
  const pages: BrowserCheckPage[] = [];
  const steps: BrowserCheckStep[] = result.steps.map((step) => {
    const page = `${admin.login}: ${step.action} (${step.step})`;
    pages.push({
      name: page,
      user: admin.login,
      ...(step.screenshot ? { screenshot: step.screenshot } : {}),
    });
    return {
      page,
      user: admin.login,
      step: 'open',
      ok: step.ok,
      ...(step.message ? { message: step.message } : {}),
    };
  });
  const failures = steps.filter((step) => !step.ok);
  return {
    ok: failures.length === 0,
    series: options.series,
    users: [admin.login],
    pages,
    steps,
    failures,
    durationMs: Date.now() - started,
  };
}
