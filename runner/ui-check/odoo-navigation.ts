import type { Page } from 'playwright-core';
import type { BrowserCheckSeries } from './browser-check-types.js';
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

/** Opens the action afresh (a blank page first, so nothing of the last step is left). */
export async function openAction(
  page: Page,
  series: BrowserCheckSeries,
  baseUrl: string,
  actionId: number,
  menuId?: number,
  viewType?: string,
): Promise<void> {
  await page.goto('about:blank');
  await page.goto(actionUrl(series, baseUrl, actionId, menuId, viewType));
  await waitForViewOrDialog(page, '.o_view_controller');
}

/** Switches the action to `mode` with the control panel's switcher (when it is not shown already). */
export async function switchView(page: Page, mode: string): Promise<void> {
  if ((await page.locator(`.o_${mode}_view`).count()) > 0) return;
  const switcher = page.locator(`.o_switch_view.o_${mode}:visible`);
  if ((await switcher.count()) > 0) await switcher.first().click();
  await waitForViewOrDialog(page, `.o_${mode}_view`);
}

/** The id of the record the form shows, from the URL (`id=7` on 16.0/17.0, `/7` on 18.0). */
export function recordIdOf(url: string): number | undefined {
  const match = /[#&]id=(\d+)/.exec(url) ?? /\/(\d+)(?:[?#]|$)/.exec(new URL(url).pathname);
  return match ? Number(match[1]) : undefined;
}

/** The "New" button of a list or kanban view (absent when the view may not create). */
export const NEW_BUTTON =
  '.o_list_button_add:visible, .o-kanban-button-new:visible, .o_form_button_create:visible';
