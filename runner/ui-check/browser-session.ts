import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ForgeError } from '../../core/errors/forge-error.js';
import { jsonRpc, type CallKw } from './odoo-json-rpc.js';
import { authenticate, type OdooSession } from './odoo-session.js';
import { watchPage, type PageWatch } from './page-watch.js';

/** Chromium flags that work as root on a machine without outside network (see docs/real-odoo.md). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(executablePath?: string): Promise<Browser> {
  const path = executablePath ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  // Loaded here, not at the top of the module: importing playwright-core takes a third of a second,
  // which every start of actions/test paid, with browser-checks false too.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new ForgeError(
      'ui-check.browser',
      `cannot start Chromium at ${path}: ${(error as Error).message.split('\n')[0]}`,
      {
        hint: "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH",
      },
    );
  }
}

/**
 * Each user's browser context. 1280x720 keeps Odoo's desktop layout (its `XL` size, 1200 px and
 * wider; `isSmall`, the mobile layout, is below 768 px) with 25% fewer pixels to paint than
 * 1366x900 on every frame and in every PNG. Reduced motion: Bootstrap's fades and slides (dialogs,
 * dropdowns) then end at once instead of painting frames for 150-300 ms. No service workers: the
 * web client of 17.0 and 18.0 registers Odoo's PWA worker (`/web/service-worker.js`), whose fetch
 * handler then sits in the path of every request of the page; its registration and start-up are
 * no part of an addon, and on a loaded runner they failed pages of a correct addon (a failed
 * fetch of the worker's script, a lost connection to `/mail/data`). Playwright replaces
 * `register()` with a no-op that logs a warning, which is not a console error.
 */
const CONTEXT = {
  viewport: { width: 1366, height: 900 },
  deviceScaleFactor: 1,
  reducedMotion: 'reduce',
  serviceWorkers: 'block',
} as const;

/** One logged-in user: a browser context of its own, its page, the page's watch and JSON-RPC. */
export interface UserSession {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  call: CallKw;
  /**
   * True until the page holds a working web client, and again after a failed step: the next
   * action then opens with a full page load instead of inside the running client.
   */
  reload: boolean;
}

export interface LogInOptions {
  baseUrl: string;
  database: string;
  login: string;
  password: string;
  stepTimeoutMs: number;
  /** The user's session, when the caller has logged in already (no login of its own). */
  session?: Promise<OdooSession>;
}

/**
 * A browser context logged in as the user by a session cookie obtained over JSON-RPC (no login
 * form, no page load: the first action the check opens loads the web client).
 */
export async function logIn(browser: Browser, options: LogInOptions): Promise<UserSession> {
  const { sessionId } = await (options.session ??
    authenticate({ ...options, signal: AbortSignal.timeout(options.stepTimeoutMs * 3) }));
  const context = await browser.newContext(CONTEXT);
  try {
    await context.addCookies([{ name: 'session_id', value: sessionId, url: options.baseUrl }]);
    const page = await context.newPage();
    page.setDefaultTimeout(options.stepTimeoutMs);
    const watch = watchPage(page);
    return { context, page, watch, call: jsonRpc(context.request, options.baseUrl), reload: true };
  } catch (error) {
    await context.close();
    throw error;
  }
}
