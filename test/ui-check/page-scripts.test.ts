import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchChromium } from '../../runner/ui-check/browser-session.js';
import { switchView } from '../../runner/ui-check/odoo-navigation.js';
import { watchPage } from '../../runner/ui-check/page-watch.js';
import { chromiumOrSkip } from '../support/chromium-or-skip.js';

// The page scripts that stand for several Playwright round trips (issue 10), in Debian's Chromium
// on pages written here with the markup of Odoo's web client: the idle check's reading of an error
// dialog (the step's only dialog read when none shows) and the view switch's single wait. The real
// dialogs and views of each series are met in browser-checks.test.ts.

test("the idle check tells whether Odoo's error dialog is shown, and the view switch clicks only when the view is not shown", async (t) => {
  const chromium = chromiumOrSkip(t, 'page scripts in Chromium');
  if (!chromium) return;
  const browser = await launchChromium(chromium);
  t.after(() => browser.close());
  const page = await browser.newPage();
  const watch = watchPage(page);

  await page.setContent('<div class="o_action_manager"></div>');
  assert.deepEqual(await watch.idle(5000), { errorDialog: false });
  await page.setContent(
    '<div class="modal"><div class="o_error_dialog"><h4 class="modal-title">Odoo Server Error</h4></div></div>',
  );
  assert.deepEqual(await watch.idle(5000), { errorDialog: true });
  // 16.0's warning dialog counts too; a modal that is not an error (a wizard) does not.
  await page.setContent('<div class="modal"><div class="o_dialog_warning"></div></div>');
  assert.deepEqual(await watch.idle(5000), { errorDialog: true });
  await page.setContent('<div class="modal"><div class="o_form_view"></div></div>');
  assert.deepEqual(await watch.idle(5000), { errorDialog: false });

  // The view shown already: no click (the button would replace it with a marker).
  const views = `<div class="o_control_panel">
      <button class="o_switch_view o_list" onclick="document.body.dataset.clicked = 'list'; this.insertAdjacentHTML('afterend', '<div class=o_list_view>rows</div>')">List</button>
      <button class="o_switch_view o_kanban" onclick="document.body.dataset.clicked = 'kanban'">Kanban</button>
    </div>`;
  await page.setContent(`${views}<div class="o_kanban_view"></div>`);
  await switchView(page, 'kanban');
  assert.equal(await page.evaluate('document.body.dataset.clicked ?? null'), null);
  // Not shown: its switcher button is clicked and the view waited for.
  await switchView(page, 'list');
  assert.equal(await page.evaluate('document.body.dataset.clicked'), 'list');
  assert.equal(await page.locator('.o_list_view').count(), 1);
  // A control panel that renders later: the switch waits for its button.
  await page.setContent('<div id="later"></div>');
  await page.evaluate(
    `setTimeout(() => { document.getElementById('later').outerHTML = ${JSON.stringify(views)}; }, 300)`,
  );
  await switchView(page, 'list');
  assert.equal(await page.evaluate('document.body.dataset.clicked'), 'list');
});
