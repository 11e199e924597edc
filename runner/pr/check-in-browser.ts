import { toError } from '../../core/errors/forge-error.js';
import type { Logger } from '../logger.js';
import { launchChromium } from '../ui-check/browser-session.js';
import { runBrowserChecks, type BrowserCheckSeries } from '../ui-check/run-browser-checks.js';
import type { BrowserOutcome } from './run-series.js';

/** The series the browser checks know (their selectors and error dialogs differ per series). */
export const BROWSER_SERIES: readonly string[] = ['16.0', '17.0', '18.0'];

export interface CheckInBrowserOptions {
  series: string;
  modules: string[];
  screenshotDir: string;
  logger: Logger;
  /** Starts Odoo for the checks; its `stop` runs whatever the checks did. */
  serve: () => Promise<{ baseUrl: string; database: string; stop?: () => Promise<void> }>;
}

/**
 * The browser checks of one series, the same in containers and in local mode: skipped for a series
 * they do not know, else Odoo served by `serve` and every action of the modules opened in Chromium.
 * A thrown error (Odoo did not start, Chromium is missing) becomes the `error` outcome.
 */
export async function checkInBrowser(options: CheckInBrowserOptions): Promise<BrowserOutcome> {
  if (!BROWSER_SERIES.includes(options.series))
    return { state: 'skipped', reason: `no browser checks for Odoo ${options.series}` };
  try {
    // Chromium starts while Odoo does; the check closes it (or this, when Odoo did not start).
    const chromium = launchChromium();
    chromium.catch(() => undefined);
    const serving = Date.now();
    let served: Awaited<ReturnType<CheckInBrowserOptions['serve']>>;
    try {
      served = await options.serve();
    } catch (error) {
      await chromium.then((browser) => browser.close()).catch(() => undefined);
      throw error;
    }
    const serveMs = Date.now() - serving;
    options.logger.info(`Odoo served for the browser checks in ${serveMs} ms`);
    try {
      const result = await runBrowserChecks({
        baseUrl: served.baseUrl,
        database: served.database,
        modules: options.modules,
        series: options.series as BrowserCheckSeries,
        screenshotDir: options.screenshotDir,
        logger: options.logger,
        chromium,
      });
      return { state: 'ran', result, serveMs };
    } finally {
      await served.stop?.();
    }
  } catch (error) {
    return { state: 'error', message: toError(error).message };
  }
}
