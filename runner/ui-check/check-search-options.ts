import type { Page } from 'playwright-core';
import type { BrowserCheckSeries } from './browser-check-types.js';

/**
 * The filters and group-bys of the search view, applied one by one from the control panel's
 * menus (16.0 has a "Filters" and a "Group By" dropdown; 17.0 and 18.0 one panel with both).
 * Their items toggle without closing the menu (as a user clicks one filter after another), so
 * the menu is opened once per search view and the labels read from it; before each click the
 * menu is opened again only when it is no longer open (a dialog or a reload closed it).
 */
export type SearchMenu = 'filter' | 'group by';

const MENU_CLASS: Record<SearchMenu, string> = { filter: '.o_filter_menu', 'group by': '.o_group_by_menu' };
const ANY_ITEM = '.o_filter_menu .o_menu_item:visible, .o_group_by_menu .o_menu_item:visible';

function itemsOf(page: Page, menu: SearchMenu) {
  return page.locator(
    `${MENU_CLASS[menu]} .o_menu_item:not(.o_add_custom_filter):not(.o_add_custom_group_menu):not(select):not(:has(select)):visible`,
  );
}

async function openMenu(page: Page, series: BrowserCheckSeries, menu: SearchMenu): Promise<void> {
  await closeSearchMenu(page);
  const toggler =
    series === '16.0'
      ? page.locator(`${MENU_CLASS[menu]} > .dropdown-toggle`)
      : page.locator('.o_searchview_dropdown_toggler');
  if ((await toggler.count()) === 0) return;
  await toggler.first().click({ timeout: 5000 });
  // The open menu renders its items with it: wait for the menu, not for an item that may not
  // exist (a search view without filters).
  const opened = series === '16.0' ? `${MENU_CLASS[menu]} .o-dropdown--menu` : MENU_CLASS[menu];
  await page
    .locator(opened)
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
}

/** Opens the menu unless its items are shown already; the labels of its items, in order. */
export async function openSearchMenu(
  page: Page,
  series: BrowserCheckSeries,
  menu: SearchMenu,
): Promise<string[]> {
  if (!(await isOpen(page, series, menu))) await openMenu(page, series, menu);
  return (await itemsOf(page, menu).allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Clicks item `index` of the menu (toggling it on or off), opening the menu first when it closed. */
export async function clickSearchOption(
  page: Page,
  series: BrowserCheckSeries,
  menu: SearchMenu,
  index: number,
): Promise<void> {
  if (!(await isOpen(page, series, menu))) await openMenu(page, series, menu);
  const item = itemsOf(page, menu).nth(index);
  // Without the stylesheet (a tree whose SCSS does not compile) items may overlap: fall back to
  // the click event itself, which is what the dropdown item listens to.
  await item.click({ timeout: 3000 }).catch(() => item.dispatchEvent('click'));
}

/** Whether the menu is open (16.0: that dropdown; 17.0 and 18.0: the panel holding both). */
async function isOpen(page: Page, series: BrowserCheckSeries, menu: SearchMenu): Promise<boolean> {
  const opened = series === '16.0' ? `${MENU_CLASS[menu]} .o-dropdown--menu` : MENU_CLASS[menu];
  return (await page.locator(`${opened}:visible`).count()) > 0;
}

/** Closes the search dropdown, if open. */
export async function closeSearchMenu(page: Page): Promise<void> {
  const open = page.locator(ANY_ITEM);
  if ((await open.count()) === 0) return;
  await page.keyboard.press('Escape');
  await open
    .first()
    .waitFor({ state: 'hidden', timeout: 3000 })
    .catch(() => undefined);
}
