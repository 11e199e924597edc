import { chromium, type Browser, type Page } from 'playwright-core';
import { ForgeError } from '../../core/errors/forge-error.js';

/**
 * Opens every window action of the given modules in a real browser, in each of its view types,
 * plus a new record and an existing one in the form view, and reports what the web client
 * refused. Server-side validation never runs the web client's view parsers: a kanban without
 * its card template, or a visibility expression the series does not understand, installs fine
 * and only breaks here.
 */
export interface ViewCheckOptions {
  baseUrl: string;
  database: string;
  login: string;
  password: string;
  /** Modules whose window actions are opened. */
  modules: readonly string[];
  series: '16.0' | '17.0' | '18.0';
  /** Default: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Per step. Default 20 s. */
  stepTimeoutMs?: number;
  /** When given, a PNG of each failed step is written here. */
  screenshotDir?: string;
}

export interface ViewCheckStep {
  action: string;
  step: string;
  ok: boolean;
  message?: string;
  screenshot?: string;
}

export interface ViewCheckResult {
  actions: string[];
  steps: ViewCheckStep[];
  problems: ViewCheckStep[];
}

interface WindowAction {
  xmlId: string;
  viewModes: string[];
}

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

const ERROR_SELECTOR = '.o_error_dialog, .o_dialog_error, .modal-dialog .o_error_detail';

export async function checkViewsInBrowser(options: ViewCheckOptions): Promise<ViewCheckResult> {
  const executablePath = options.executablePath ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new ForgeError(
      'ui-check.browser',
      `cannot start Chromium at ${executablePath}: ${(error as Error).message.split('\n')[0]}`,
      {
        hint: "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH",
      },
    );
  }
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(options.stepTimeoutMs ?? 20_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, options);
    const actions = await windowActions(page, options.baseUrl, options.modules);
    const steps: ViewCheckStep[] = [];
    for (const action of actions) {
      for (const step of stepsFor(action)) {
        pageErrors.length = 0;
        const outcome = await runStep(page, options, action, step);
        if (pageErrors.length > 0 && outcome.ok) {
          Object.assign(outcome, { ok: false, message: `JavaScript error: ${pageErrors[0]}` });
        }
        if (!outcome.ok && options.screenshotDir) {
          outcome.screenshot = `${options.screenshotDir}/${action.xmlId.replace(/\W/g, '_')}-${step}.png`;
          await page.screenshot({ path: outcome.screenshot }).catch(() => undefined);
        }
        steps.push(outcome);
      }
    }
    return {
      actions: actions.map((action) => action.xmlId),
      steps,
      problems: steps.filter((step) => !step.ok),
    };
  } finally {
    await browser.close();
  }
}

async function logIn(page: Page, options: ViewCheckOptions): Promise<void> {
  // The first pages after a fresh install compile the web assets (20-30 s on 2 idle cores,
  // minutes on a loaded machine): the login waits longer than the steps.
  const slow = { timeout: 240_000 };
  await page.goto(`${options.baseUrl}/web/login?db=${encodeURIComponent(options.database)}`, slow);
  await page.fill('input[name="login"]', options.login);
  await page.fill('input[name="password"]', options.password);
  await page.click('button[type="submit"]', { noWaitAfter: true });
  await page.waitForSelector('.o_main_navbar', slow);
}

/** The window actions the modules define, read through JSON-RPC with the browser's session. */
async function windowActions(
  page: Page,
  baseUrl: string,
  modules: readonly string[],
): Promise<WindowAction[]> {
  const call = async (
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): Promise<unknown> => {
    const response = await page.request.post(`${baseUrl}/web/dataset/call_kw`, {
      data: { jsonrpc: '2.0', method: 'call', params: { model, method, args, kwargs } },
    });
    const body = (await response.json()) as { result?: unknown; error?: { data?: { message?: string } } };
    if (body.error)
      throw new ForgeError(
        'ui-check.rpc',
        `${model}.${method}: ${body.error.data?.message ?? 'JSON-RPC error'}`,
      );
    return body.result;
  };
  const data = (await call(
    'ir.model.data',
    'search_read',
    [
      [
        ['module', 'in', modules],
        ['model', '=', 'ir.actions.act_window'],
      ],
    ],
    {
      fields: ['module', 'name', 'res_id'],
      order: 'id',
    },
  )) as { module: string; name: string; res_id: number }[];
  const actions = (await call('ir.actions.act_window', 'read', [data.map((row) => row.res_id)], {
    fields: ['view_mode'],
  })) as {
    id: number;
    view_mode: string;
  }[];
  return data.map((row) => ({
    xmlId: `${row.module}.${row.name}`,
    viewModes: (actions.find((action) => action.id === row.res_id)?.view_mode ?? 'list,form')
      .split(',')
      .map((mode) => (mode === 'tree' ? 'list' : mode)),
  }));
}

function stepsFor(action: WindowAction): string[] {
  const steps = action.viewModes.filter((mode) => mode !== 'form');
  if (action.viewModes.includes('form')) steps.push('new-record', 'existing-record');
  return steps;
}

function actionUrl(options: ViewCheckOptions, xmlId: string): string {
  return options.series === '18.0'
    ? `${options.baseUrl}/odoo/action-${xmlId}`
    : `${options.baseUrl}/web#action=${xmlId}`;
}

async function runStep(
  page: Page,
  options: ViewCheckOptions,
  action: WindowAction,
  step: string,
): Promise<ViewCheckStep> {
  const result: ViewCheckStep = { action: action.xmlId, step, ok: true };
  try {
    await page.goto('about:blank');
    await page.goto(actionUrl(options, action.xmlId));
    await waitForViewOrError(page, '.o_view_controller');
    const listMode = action.viewModes.includes('list') ? 'list' : action.viewModes[0];
    const target = step === 'new-record' || step === 'existing-record' ? listMode : step;
    if (target && target !== 'form') {
      const switcher = page.locator(`.o_switch_view.o_${target}:visible`);
      if ((await switcher.count()) > 0) await switcher.first().click();
      await waitForViewOrError(page, `.o_${target}_view`);
    }
    if (step === 'new-record') {
      await page
        .locator('.o_list_button_add:visible, .o-kanban-button-new:visible, .o_form_button_create:visible')
        .first()
        .click();
      await waitForViewOrError(page, '.o_form_view');
    } else if (step === 'existing-record') {
      const row = page.locator('.o_data_row .o_data_cell');
      if ((await row.count()) === 0) return { ...result, message: 'no record to open (nothing to check)' };
      await row.first().click();
      await waitForViewOrError(page, '.o_form_view');
    }
    if ((await page.locator(ERROR_SELECTOR).count()) > 0)
      return { ...result, ok: false, message: await errorDetails(page) };
    return result;
  } catch (error) {
    return { ...result, ok: false, message: squash((error as Error).message) };
  }
}

/** Waits for `selector`, but fails at once with the error's details when the web client shows one. */
async function waitForViewOrError(page: Page, selector: string): Promise<void> {
  const found = await page.waitForSelector(`${selector}, ${ERROR_SELECTOR}`);
  const isError = await found.evaluate((node, errorSelector) => node.matches(errorSelector), ERROR_SELECTOR);
  if (isError) throw new Error(await errorDetails(page));
}

/** The first line of the technical details of Odoo's error dialog (its generic text otherwise). */
async function errorDetails(page: Page): Promise<string> {
  const toggle = page.locator(
    '.o_error_dialog button:has-text("technical"), .o_dialog_error button:has-text("technical")',
  );
  if ((await toggle.count()) > 0)
    await toggle
      .first()
      .click()
      .catch(() => undefined);
  const detail = await page
    .locator('.o_error_detail, .o_dialog_error pre')
    .first()
    .textContent({ timeout: 2000 })
    .catch(() => null);
  const text = detail ?? (await page.locator(ERROR_SELECTOR).first().textContent()) ?? 'error dialog';
  const causes = [...text.matchAll(/Caused by: ([^\n]+)/g)].map((match) => match[1] ?? '');
  return squash(
    causes.at(-1) ?? text.split('\n').find((line) => /error|missing|invalid/i.test(line)) ?? text,
  );
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}
