import { existsSync } from 'node:fs';
import type { Logger } from '../logger.js';
import { readAddonInventory, type AddonMenu } from '../ui-check/addon-inventory.js';
import type { BrowserCheckSeries, BrowserCheckStep } from '../ui-check/browser-check-types.js';
import { launchChromium, logIn, type UserSession } from '../ui-check/browser-session.js';
import { cookieRpc } from '../ui-check/odoo-json-rpc.js';
import { openAction, switchView } from '../ui-check/odoo-navigation.js';
import { authenticate } from '../ui-check/odoo-session.js';
import { StepRecorder } from '../ui-check/step-recorder.js';
import { warmWebAssets } from '../ui-check/warm-web-assets.js';

/** The browser check after a deploy: what ran, or why it did not. */
export type DeployBrowserCheck =
  | {
      state: 'ran';
      /** Menus of the deployed addons that open an action, each opened as the admin. */
      menus: number;
      /** Steps run (one per view of each menu's action). */
      steps: number;
      failures: BrowserCheckStep[];
      durationMs: number;
    }
  | { state: 'skipped'; reason: string };

export interface DeployBrowserCheckOptions {
  /** The environment's running Odoo. */
  url: string;
  database: string;
  series: string;
  /** The installable addons of the release. */
  modules: readonly string[];
  logger: Logger;
  /** Default `admin` / `admin`. */
  admin?: { login: string; password: string };
  /** Default: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Per step. Default 30 s (a loaded machine, a web client whose assets were just rebuilt). */
  stepTimeoutMs?: number;
}

const SERIES: readonly string[] = ['16.0', '17.0', '18.0'];

/** Where the check finds Chromium: the option, `CHROMIUM_PATH`, else Debian's package. */
export function chromiumPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/**
 * The menus browser check of a deploy's health: as the admin, in Chromium (playwright-core),
 * every menu of the deployed addons is opened and each (non-form) view of its action shown; an
 * Odoo error dialog, a console error or a failed request fails the step. Read-only: nothing is
 * created or pressed in the environment. Skipped, with a warning, when Chromium is not found or
 * the series has no browser check; no browser starts when the addons have no menu.
 */
export async function deployBrowserCheck(options: DeployBrowserCheckOptions): Promise<DeployBrowserCheck> {
  const started = Date.now();
  const { logger, url, database } = options;
  const executablePath = chromiumPath(options.executablePath);
  const skip = (reason: string): DeployBrowserCheck => {
    logger.warn(`browser check skipped: ${reason}`);
    return { state: 'skipped', reason };
  };
  if (!SERIES.includes(options.series)) return skip(`no browser check for Odoo ${options.series}`);
  if (!existsSync(executablePath))
    return skip(
      `no Chromium at ${executablePath} (install Debian's chromium or set CHROMIUM_PATH; browser_check: false in the environment silences this)`,
    );
  const series = options.series as BrowserCheckSeries;
  const admin = options.admin ?? { login: 'admin', password: 'admin' };
  const stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
  const session = await authenticate({
    baseUrl: url,
    database,
    ...admin,
    signal: AbortSignal.timeout(60_000),
  });
  const inventory = await readAddonInventory(cookieRpc(url, session.cookie), options.modules);
  const menus = inventory.menus.filter((menu): menu is AddonMenu & Required<Pick<AddonMenu, 'action'>> =>
    Boolean(menu.action),
  );
  if (menus.length === 0)
    return { state: 'ran', menus: 0, steps: 0, failures: [], durationMs: Date.now() - started };
  await warmWebAssets({ baseUrl: url, database, series, admin, timeoutMs: 300_000 });
  const browser = await launchChromium(executablePath);
  const recorder = new StepRecorder({ series, stepTimeoutMs });
  let user: UserSession | undefined;
  try {
    user = await logIn(browser, { baseUrl: url, database, ...admin, stepTimeoutMs });
    const opened = user;
    for (const menu of menus) {
      const { action } = menu;
      const modes = action.viewModes.filter((mode) => mode !== 'form');
      // An action with a form view only opens in it.
      for (const [index, mode] of (modes.length > 0 ? modes : ['form']).entries()) {
        const page = `${admin.login}: ${menu.path} (${mode})`;
        const step = await recorder.step(opened, admin.login, page, 'open', async () => {
          if (index === 0 || opened.reload) await openAction(opened, series, url, action.id, menu.id, mode);
          await switchView(opened.page, mode);
        });
        if (!step.ok) opened.reload = true;
      }
    }
  } finally {
    await user?.context.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
  }
  const failures = recorder.steps.filter((step) => !step.ok);
  logger.info(
    `browser check: ${menus.length} menu(s), ${recorder.steps.length} view(s) opened, ${failures.length} failed`,
  );
  return {
    state: 'ran',
    menus: menus.length,
    steps: recorder.steps.length,
    failures,
    durationMs: Date.now() - started,
  };
}

/** The deploy problems of a browser check: one per failed step, naming the menu and the cause. */
export function browserCheckProblems(check: DeployBrowserCheck): string[] {
  if (check.state !== 'ran') return [];
  return check.failures.map(
    (failure) =>
      `browser check: ${failure.page} failed: ${(failure.message ?? 'no cause given').slice(0, 400)}`,
  );
}

/**
 * The browser check in a few lines of text, for the CLI's output and the action's job summary:
 * the first line says what ran (menus, steps, failures, time) or why it was skipped; one more
 * line per failed step names its page, its step and the cause.
 */
export function describeBrowserCheck(check: DeployBrowserCheck): string[] {
  if (check.state === 'skipped') return [`browser check: skipped (${check.reason})`];
  const { menus, steps, failures } = check;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `browser check: ${plural(menus, 'menu')}, ${plural(steps, 'step')}, ${plural(failures.length, 'failure')} in ${(check.durationMs / 1000).toFixed(1)} s`,
    ...failures.map(
      (failure) =>
        `failed: ${failure.page} (${failure.step}): ${(failure.message ?? 'no cause given').split('\n')[0]?.slice(0, 300)}`,
    ),
  ];
}
