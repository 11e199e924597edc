import type { Page } from 'playwright-core';
import type { BrowserCheckSeries } from './browser-check-types.js';
import type { UserSession } from './browser-session.js';
import { ERROR_DIALOG } from './error-dialog-message.js';

/**
 * The URL that opens window action `actionId` (18.0 has its own router; 16.0/17.0 the hash), in
 * view `viewType` when given (so that a broken default view does not hide the others).
 */
export function actionUrl(
  series: BrowserCheckSeries,
  baseUrl: string,
  actionId: number,
  menuId?: number,
  viewType?: string,
): string {
  const view = viewType ? `view_type=${viewType}` : '';
  if (series === '18.0') return `${baseUrl}/odoo/action-${actionId}${view ? `?${view}` : ''}`;
  const menu = menuId === undefined ? '' : `&menu_id=${menuId}`;
  return `${baseUrl}/web#action=${actionId}${menu}${view ? `&${view}` : ''}`;
}

/** Waits for `selector` or an Odoo error dialog, whichever shows first (the step reads the dialog). */
export async function waitForViewOrDialog(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(`${selector}, ${ERROR_DIALOG}`);
}

/** Marks the views on the page, so that a wait can tell the next view from the one it replaces. */
const STALE = 'data-forge-stale';

/**
 * Opens the action as a click on its menu does: inside the running web client (its action
 * service, and the menu service for the app in the navbar), with no page load. The first time,
 * and after a failed step (`session.reload`), a full page load of the action's URL instead, so
 * that nothing a broken view left behind carries over. Resolves when the action's view (or an
 * Odoo error dialog) shows.
 */
export async function openAction(
  session: UserSession,
  series: BrowserCheckSeries,
  baseUrl: string,
  actionId: number,
  menuId?: number,
  viewType?: string,
): Promise<void> {
  const { page } = session;
  const inClient = !session.reload && (await page.evaluate(HAS_WEB_CLIENT).catch(() => false)) === true;
  if (!inClient) {
    // A URL that differs in its hash only would not load the page again.
    if (page.url() !== 'about:blank') await page.goto('about:blank');
    await page.goto(actionUrl(series, baseUrl, actionId, menuId, viewType));
    await waitForViewOrDialog(page, '.o_view_controller');
    session.reload = false;
    return;
  }
  await page.evaluate(doActionScript(actionId, menuId, viewType));
  await waitForViewOrDialog(page, `.o_view_controller:not([${STALE}])`);
}

/**
 * Scripts for the page as text, not functions: a transpiler's helpers (tsx's `__name`) do not
 * exist in the page. 16.0 to 18.0 alike: `odoo.__WOWL_DEBUG__.root.env` is the web client's env.
 */
const HAS_WEB_CLIENT = 'Boolean(window.odoo?.__WOWL_DEBUG__?.root?.env?.services?.action)';

function doActionScript(actionId: number, menuId: number | undefined, viewType: string | undefined): string {
  const options = JSON.stringify({ clearBreadcrumbs: true, ...(viewType ? { viewType } : {}) });
  // Not awaited and not caught: a failure reaches Odoo's own error handler (an unhandled
  // rejection), which shows its error dialog exactly as after a click on the menu. The menu's
  // app goes to the navbar as a click does.
  return `(() => {
    for (const node of document.querySelectorAll('.o_view_controller')) node.setAttribute('${STALE}', '');
    const env = window.odoo.__WOWL_DEBUG__.root.env;
    const menu = ${menuId === undefined ? 'undefined' : `env.services.menu.getMenu(${menuId})`};
    const select = () => { if (menu) env.services.menu.setCurrentMenu(menu); };
    // 17.0 and 18.0 call onActionReady; 16.0 sets the menu once the action is done, as its menu does.
    env.services.action.doAction(${actionId}, { ...${options}, onActionReady: select }).then(select);
    return true;
  })()`;
}

/**
 * Switches the action to `mode` with the control panel's switcher (when it is not shown already).
 * Waits for the view or its switcher button first (a control panel still rendering has neither):
 * one page script that answers which one shows, instead of a wait and a count.
 */
export async function switchView(page: Page, mode: string): Promise<void> {
  const view = `.o_${mode}_view`;
  const shown = await page
    .waitForFunction(shownScript(view, `.o_switch_view.o_${mode}`))
    .then((handle) => handle.jsonValue())
    .catch(() => 'none');
  if (shown === 'view') return;
  if (shown === 'button') await page.locator(`.o_switch_view.o_${mode}:visible`).first().click();
  await waitForViewOrDialog(page, view);
}

/**
 * An expression that is `'view'`, `'button'` (a visible one) or `'dialog'`, whichever the page
 * shows, else false (polled by waitForFunction). Text, not a function: tsx's helpers do not exist
 * in the page, and a text is evaluated as it is (no argument passed).
 */
function shownScript(view: string, button: string): string {
  return `(() => {
  if (document.querySelector(${JSON.stringify(view)})) return 'view';
  if ([...document.querySelectorAll(${JSON.stringify(button)})].some((node) => node.getClientRects().length > 0)) return 'button';
  if (document.querySelector(${JSON.stringify(ERROR_DIALOG)})) return 'dialog';
  return false;
})()`;
}

/** The id of the record the form shows, from the URL (`id=7` on 16.0/17.0, `/7` on 18.0). */
export function recordIdOf(url: string): number | undefined {
  const match = /[#&]id=(\d+)/.exec(url) ?? /\/(\d+)(?:[?#]|$)/.exec(new URL(url).pathname);
  return match ? Number(match[1]) : undefined;
}

/** The "New" button of a list or kanban view (absent when the view may not create). */
export const NEW_BUTTON =
  '.o_list_button_add:visible, .o-kanban-button-new:visible, .o_form_button_create:visible';
