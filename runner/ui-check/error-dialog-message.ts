import type { Page } from 'playwright-core';
import type { BrowserCheckSeries } from './browser-check-types.js';

/** Odoo's dialogs for errors and warnings, on 16.0 (`o_dialog_error`/`o_dialog_warning`) to 18.0. */
export const ERROR_DIALOG = '.modal:has(.o_error_dialog, .o_dialog_error, .o_dialog_warning)';

/**
 * The button that shows the traceback of Odoo's error dialog differs per series (issue 14,
 * item 13): "See details" on 16.0 and 17.0, "See technical details" on 18.0.
 */
export const DETAILS_BUTTON: Record<BrowserCheckSeries, string> = {
  '16.0': 'See details',
  '17.0': 'See details',
  '18.0': 'See technical details',
};

export interface DialogMessage {
  /** The dialog's title: "Odoo Server Error", "Access Error", "Validation Error", … */
  title: string;
  /** The cause: the traceback's "Caused by" line, the Python exception line, or the warning text. */
  message: string;
  /** An access error (the user's rights refused something), which a check may expect. */
  accessError: boolean;
}

/** Reads the error dialog on `page` (undefined when none is shown), opening its details. */
export async function readErrorDialog(
  page: Page,
  series: BrowserCheckSeries,
): Promise<DialogMessage | undefined> {
  const dialog = page.locator(ERROR_DIALOG).last();
  if ((await dialog.count()) === 0) return undefined;
  const title = squash(
    (await dialog
      .locator('.modal-title')
      .first()
      .textContent({ timeout: 2000 })
      .catch(() => '')) ?? '',
  );
  const accessError = /access error/i.test(title);
  const details = dialog.locator('button', { hasText: DETAILS_BUTTON[series] });
  if ((await details.count()) > 0) {
    await details
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
    const traceback = await dialog
      .locator('.o_error_detail pre')
      .first()
      .textContent({ timeout: 2000 })
      .catch(() => null);
    if (traceback) return { title, message: causeOf(traceback), accessError };
  }
  const body = await dialog
    .locator('.modal-body p')
    .first()
    .textContent({ timeout: 2000 })
    .catch(() => null);
  return { title, message: squash(body ?? title), accessError };
}

/**
 * Closes every dialog on `page` (their close button), so that the next step starts clean. After
 * each click, waits until there is one dialog less (no fixed pause): a dialog that a click could
 * not close is tried again, at most five clicks in all.
 */
export async function closeDialogs(page: Page): Promise<void> {
  const open = page.locator('.modal:visible');
  const close = page.locator('.modal:visible .btn-close, .modal:visible .o-default-button');
  for (let i = 0; i < 5; i += 1) {
    const before = await open.count();
    if (before === 0 || (await close.count()) === 0) return;
    await close
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await page
      .waitForFunction(
        (count) =>
          [...document.querySelectorAll('.modal')].filter((node) => node.getClientRects().length > 0).length <
          count,
        before,
        { timeout: 2000 },
      )
      .catch(() => undefined);
  }
}

/**
 * The meaningful line of a traceback: the last "Caused by:" (client errors wrap their cause), else
 * the exception line that ends a Python traceback, else the first line.
 */
export function causeOf(traceback: string): string {
  const causes = [...traceback.matchAll(/Caused by: ([^\n]+)/g)].map((match) => match[1] ?? '');
  const cause = causes.at(-1);
  if (cause) return squash(cause);
  const lines = traceback
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (/Traceback \(most recent call last\)/.test(traceback)) {
    const exception = [...lines].reverse().find((line) => /^[\w.]+(Error|Exception|Warning)\b/.test(line));
    if (exception) return squash(exception);
  }
  return squash(lines[0] ?? traceback);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}
