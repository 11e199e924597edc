import { mkdirSync } from 'node:fs';
import { silentLogger } from '../logger.js';
import { readAddonInventory } from './addon-inventory.js';
import type { BrowserCheckOptions, BrowserCheckResult } from './browser-check-types.js';
import { launchChromium, logIn, type LogInOptions } from './browser-session.js';
import { checkAsUser } from './check-as-user.js';
import { createGroupUsers, groupsOf } from './group-users.js';
import { StepRecorder } from './step-recorder.js';

export type {
  BrowserCheckOptions,
  BrowserCheckPage,
  BrowserCheckResult,
  BrowserCheckSeries,
  BrowserCheckStep,
} from './browser-check-types.js';

/**
 * The browser check of installed addons, the one entry point for the CLI and actions/test. In
 * Debian's Chromium (playwright-core), against a running Odoo: logs in as the admin, reads the
 * modules' menus, actions, groups and access rows, then as the admin and as a user of each of
 * the modules' groups (created in the database) opens every menu the user may see and every view
 * of its action (the search view's filters and group-bys one by one), creates a record through
 * the form, and presses each workflow button where it is shown. Any Odoo error dialog, console
 * error or failed request fails the step; an access error where the rights forbid the step is
 * expected. A PNG of every page goes to `screenshotDir`.
 */
export async function runBrowserChecks(options: BrowserCheckOptions): Promise<BrowserCheckResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger;
  const admin = options.admin ?? { login: 'admin', password: 'admin' };
  const stepTimeoutMs = options.stepTimeoutMs ?? 20_000;
  if (options.screenshotDir) mkdirSync(options.screenshotDir, { recursive: true });
  const recorder = new StepRecorder({
    series: options.series,
    stepTimeoutMs,
    ...(options.screenshotDir ? { screenshotDir: options.screenshotDir } : {}),
  });
  const login = (user: { login: string; password: string }, loginTimeoutMs: number): LogInOptions => ({
    baseUrl: options.baseUrl,
    database: options.database,
    ...user,
    stepTimeoutMs,
    loginTimeoutMs,
  });
  const users: string[] = [];
  const browser = await launchChromium(options.executablePath);
  try {
    const adminSession = await logIn(browser, login(admin, options.loginTimeoutMs ?? 240_000));
    logger.info(`logged in as ${admin.login} after ${Date.now() - started} ms`);
    try {
      const inventory = await readAddonInventory(adminSession.call, options.modules);
      logger.info(
        `browser check of ${options.modules.join(', ')} on Odoo ${options.series}: ${inventory.menus.length} menus, ${inventory.groups.length} groups`,
      );
      const groupUsers =
        options.groupUsers === false ? [] : await createGroupUsers(adminSession.call, inventory.groups);
      const base = { inventory, recorder, baseUrl: options.baseUrl };
      users.push(admin.login);
      await checkAsUser({
        ...base,
        session: adminSession,
        login: admin.login,
        label: 'admin',
        groupIds: await groupsOf(adminSession.call, admin.login),
      });
      for (const user of groupUsers) {
        logger.info(`browser check as ${user.login} (${user.label})`);
        const groupIds = await groupsOf(adminSession.call, user.login);
        const loginStarted = Date.now();
        const session = await logIn(browser, login(user, stepTimeoutMs * 3));
        logger.info(`logged in as ${user.login} in ${Date.now() - loginStarted} ms`);
        users.push(user.login);
        try {
          await checkAsUser({ ...base, session, login: user.login, label: user.label, groupIds });
        } finally {
          await session.context.close();
        }
      }
    } finally {
      await adminSession.context.close();
    }
  } finally {
    await browser.close();
  }
  const failures = recorder.steps.filter((step) => !step.ok);
  return {
    ok: failures.length === 0,
    series: options.series,
    users,
    pages: recorder.pages,
    steps: recorder.steps,
    failures,
    durationMs: Date.now() - started,
  };
}
