import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ForgeError } from '../../core/errors/forge-error.js';
import { jsonRpc, type CallKw } from './odoo-json-rpc.js';
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

/** One logged-in user: a browser context of its own, its page, the page's watch and JSON-RPC. */
export interface UserSession {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  call: CallKw;
}

export interface LogInOptions {
  baseUrl: string;
  database: string;
  login: string;
  password: string;
  stepTimeoutMs: number;
  loginTimeoutMs: number;
}

export async function logIn(browser: Browser, options: LogInOptions): Promise<UserSession> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(options.stepTimeoutMs);
    const watch = watchPage(page);
    const slow = { timeout: options.loginTimeoutMs };
    await page.goto(`${options.baseUrl}/web/login?db=${encodeURIComponent(options.database)}`, slow);
    await page.fill('input[name="login"]', options.login);
    await page.fill('input[name="password"]', options.password);
    await page.click('button[type="submit"]', { noWaitAfter: true });
    const landed = await page.waitForSelector('.o_main_navbar, .oe_login_form .alert-danger', slow);
    if (!(await landed.evaluate((node) => node.matches('.o_main_navbar')))) {
      const text = (await landed.textContent())?.trim() ?? 'refused';
      throw new ForgeError(
        'ui-check.login',
        `logging in as ${options.login} on ${options.baseUrl} failed: ${text}`,
        {
          hint: 'check the login and password, and that the database is the one Odoo serves',
        },
      );
    }
    await watch.idle(options.stepTimeoutMs);
    watch.take();
    return { context, page, watch, call: jsonRpc(context.request, options.baseUrl) };
  } catch (error) {
    await context.close();
    throw error;
  }
}
