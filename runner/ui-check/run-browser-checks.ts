import { mkdirSync } from 'node:fs';
import { silentLogger } from '../logger.js';
import { readAddonGroups, readAddonInventory } from './addon-inventory.js';
import type { BrowserCheckOptions, BrowserCheckResult, BrowserCheckTimings } from './browser-check-types.js';
import { launchChromium, logIn, type LogInOptions, type UserSession } from './browser-session.js';
import { checkAsUser } from './check-as-user.js';
import { cookieRpc } from './odoo-json-rpc.js';
import { authenticate } from './odoo-session.js';
import { FormTurns } from './form-turns.js';
import { createGroupUsers, groupsOf, type CheckUser } from './group-users.js';
import { StepRecorder } from './step-recorder.js';
import { warmWebAssets } from './warm-web-assets.js';

export type {
  BrowserCheckOptions,
  BrowserCheckPage,
  BrowserCheckResult,
  BrowserCheckSeries,
  BrowserCheckStep,
  BrowserCheckTimings,
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
  const shots = { taken: 0 };
  const recorderFor = (): StepRecorder =>
    new StepRecorder({
      series: options.series,
      stepTimeoutMs,
      shots,
      ...(options.screenshotDir ? { screenshotDir: options.screenshotDir } : {}),
    });
  const login = (user: { login: string; password: string }): LogInOptions => ({
    baseUrl: options.baseUrl,
    database: options.database,
    ...user,
    stepTimeoutMs,
  });
  // The asset bundles are built (when the template database has not got them) while Chromium
  // starts (unless the caller started it already) and the admin reads the inventory and creates
  // the group users over JSON-RPC; no page loads the web client before they are ready.
  const timings: BrowserCheckTimings = { launchMs: 0, assetsMs: 0, setupMs: 0, users: [], closeMs: 0 };
  const since = (): number => Date.now() - started;
  const launching = (options.chromium ?? launchChromium(options.executablePath)).then((browser) => {
    timings.launchMs = since();
    return browser;
  });
  launching.catch(() => undefined);
  // One login of the admin (Odoo hashes the password each time: 0.3-1 s) for the warm-up and the
  // admin's browser context.
  const adminSession = authenticate({
    ...login(admin),
    signal: AbortSignal.timeout(stepTimeoutMs * 3),
  });
  adminSession.catch(() => undefined);
  const warming = warmWebAssets({
    baseUrl: options.baseUrl,
    database: options.database,
    series: options.series,
    admin,
    timeoutMs: options.loginTimeoutMs ?? 240_000,
    session: adminSession,
    // A bundle that answers is built: its pages read it, the warm-up need not.
    statusOnly: true,
  }).then((warmed) => {
    timings.assetsMs = since();
    logger.info(`web assets ready after ${warmed.durationMs} ms (${warmed.bundles.length} bundles)`);
  });
  warming.catch(() => undefined);
  // The addon is read and its group users are created over JSON-RPC from here, as soon as the
  // admin's session exists: neither waits for Chromium, and the users are created while the rest
  // of the inventory is read.
  const adminCall = adminSession.then((session) =>
    cookieRpc(options.baseUrl, session.cookie, stepTimeoutMs * 3),
  );
  const groupsRead = adminCall.then((call) => readAddonGroups(call, options.modules));
  const inventoryRead = adminCall.then((call) => readAddonInventory(call, options.modules, groupsRead));
  const creating =
    options.groupUsers === false
      ? Promise.resolve([])
      : Promise.all([adminCall, groupsRead]).then(([call, groups]) => createGroupUsers(call, groups));
  for (const pending of [groupsRead, inventoryRead, creating]) pending.catch(() => undefined);
  let browser: Awaited<typeof launching>;
  try {
    browser = await launching;
  } catch (error) {
    // A bundle that fails to build says more than a missing Chromium: its error first.
    await warming;
    throw error;
  }
  const passes: { login: string; recorder: StepRecorder }[] = [];
  const sessions: UserSession[] = [];
  try {
    const adminPage = await logIn(browser, { ...login(admin), session: adminSession });
    sessions.push(adminPage);
    logger.debug(`browser check: ${admin.login} logged in at ${since()} ms`);
    const inventory = await inventoryRead;
    logger.debug(`browser check: inventory read at ${since()} ms`);
    logger.info(
      `browser check of ${options.modules.join(', ')} on Odoo ${options.series}: ${inventory.menus.length} menus, ${inventory.groups.length} groups`,
    );
    // The admin's pass starts once the assets are ready; each group user's once its account
    // exists (created while the admin's pass runs). Every user in a context of its own, all at
    // once: the server answers one while Chromium renders for another. Only their forms of one
    // model take turns (FormTurns).
    const forms = new FormTurns();
    const checkAs = async (user: CheckUser, index: number): Promise<void> => {
      const recorder = recorderFor();
      passes[index] = { login: user.login, recorder };
      // The user's groups are read while it logs in, and it logs in while the assets warm up.
      const groupIds = groupsOf(adminPage.call, user.login);
      groupIds.catch(() => undefined);
      const session = index === 0 ? adminPage : await logIn(browser, login(user));
      if (index > 0) sessions.push(session);
      await warming;
      const userStarted = Date.now();
      await checkAsUser({
        inventory,
        recorder,
        baseUrl: options.baseUrl,
        session,
        login: user.login,
        label: user.label,
        groupIds: await groupIds,
        forms,
      });
      const durationMs = Date.now() - userStarted;
      timings.users[index] = { login: user.login, steps: recorder.steps.length, durationMs };
      logger.info(
        `browser check as ${user.login} (${user.label}): ${recorder.steps.length} steps in ${durationMs} ms`,
      );
    };
    const adminPass = checkAs({ ...admin, label: 'admin' }, 0);
    const groupPasses = creating.then((groupUsers) => {
      timings.setupMs = since();
      return Promise.allSettled(groupUsers.map((user, index) => checkAs(user, index + 1)));
    });
    const [adminOutcome, groupOutcome] = await Promise.allSettled([adminPass, groupPasses]);
    const outcomes = [
      adminOutcome,
      ...(groupOutcome.status === 'fulfilled' ? groupOutcome.value : [groupOutcome]),
    ];
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    if (rejected) throw rejected.reason;
    await Promise.all(passes.map((pass) => pass.recorder.flush()));
  } finally {
    const closing = Date.now();
    await Promise.all(sessions.map((session) => session.context.close().catch(() => undefined)));
    await browser.close();
    timings.closeMs = Date.now() - closing;
  }
  const steps = passes.flatMap((pass) => pass.recorder.steps);
  const failures = steps.filter((step) => !step.ok);
  return {
    ok: failures.length === 0,
    series: options.series,
    users: passes.map((pass) => pass.login),
    pages: passes.flatMap((pass) => pass.recorder.pages),
    steps,
    failures,
    durationMs: Date.now() - started,
    timings: { ...timings, users: timings.users.filter(Boolean) },
  };
}
