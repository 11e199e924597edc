import type { AddonAction, AddonInventory, AddonMenu } from './addon-inventory.js';
import { grants, menuOpenTo } from './addon-inventory.js';
import type { UserSession } from './browser-session.js';
import { createThroughForm, readFormFields } from './create-through-form.js';
import type { FormTurns } from './form-turns.js';
import { NEW_BUTTON, openAction, switchView, waitForViewOrDialog } from './odoo-navigation.js';
import {
  clickSearchOption,
  closeSearchMenu,
  openSearchMenu,
  type SearchMenu,
} from './check-search-options.js';
import { pressWorkflowButtons } from './press-workflow-buttons.js';
import type { StepRecorder } from './step-recorder.js';

/** One user's pass: every menu of the addon it may see, every view of their actions. */
export interface UserPass {
  session: UserSession;
  login: string;
  /** Shown in messages: `admin` or the group's name. */
  label: string;
  /** Every group of the user. */
  groupIds: number[];
  inventory: AddonInventory;
  recorder: StepRecorder;
  baseUrl: string;
  /** Shared by the users checked at once: a user's form of a model is never interleaved with another's. */
  forms: FormTurns;
}

export async function checkAsUser(pass: UserPass): Promise<void> {
  const { inventory, recorder, session, login } = pass;
  const shown = new Set(
    Object.keys(await session.call<Record<string, unknown>>('ir.ui.menu', 'load_menus', [false])),
  );
  for (const menu of inventory.menus) {
    const action = menu.action;
    if (!action) continue;
    const page = `${login}: ${menu.path}`;
    const open = menuOpenTo(inventory.menus, menu, pass.groupIds);
    const canRead = grants(inventory.access, action.model, pass.groupIds, 'read');
    const seen = shown.has(String(menu.id));
    const step = await recorder.step(session, login, page, 'menu', async () => {
      if (open && !canRead) {
        return {
          problem: `${pass.label} may open the menu ${menu.path} but has no read access to ${action.model}, so Odoo hides the menu from it: give the group a read access row or restrict the menu`,
        };
      }
      if (seen !== (open && canRead)) {
        return {
          problem: `the menu is ${seen ? 'shown' : 'hidden'}, though its groups and the access rights say ${seen ? 'hidden' : 'shown'}`,
        };
      }
      return seen ? { note: 'shown' } : { note: 'hidden, as its groups say', expected: true };
    });
    if (step.ok && seen) await checkAction(pass, action, menu);
  }
  for (const action of inventory.otherActions) {
    if (grants(inventory.access, action.model, pass.groupIds, 'read')) await checkAction(pass, action);
  }
}

/** The multi-record views that have a New button and open a record's form. */
const RECORD_MODES: ReadonlySet<string> = new Set(['list', 'kanban']);

async function checkAction(pass: UserPass, action: AddonAction, menu?: AddonMenu): Promise<void> {
  const { recorder, session, login } = pass;
  const label = `${login}: ${menu?.path ?? action.name}`;
  const multi = action.viewModes.filter((mode) => mode !== 'form');
  const searchMode = multi.includes('list') ? 'list' : multi[0];
  // The action opens once; its other views are reached with the switcher, as a user would.
  let opened = false;
  let shownMode: string | undefined;
  for (const mode of multi) {
    const page = `${label} (${mode})`;
    const step = await recorder.step(session, login, page, 'open', async () => {
      if (!opened) await openAction(session, recorder.series, pass.baseUrl, action.id, menu?.id, mode);
      await switchView(session.page, mode);
      const first = !opened;
      opened = true;
      return first && menu ? brandProblem(pass, menu) : undefined;
    });
    shownMode = step.ok ? mode : undefined;
    if (!step.ok) opened = false;
    // Calendar, pivot, graph and activity views have no New button: the form is reached from the
    // list or kanban view, switched back to (ModuleSpec 1.1 more views).
    if (shownMode !== undefined && !RECORD_MODES.has(shownMode))
      shownMode = multi.find((other) => RECORD_MODES.has(other));
    if (step.ok && mode === searchMode) {
      for (const kind of ['filter', 'group by'] as const) await applySearchOptions(pass, page, mode, kind);
      await closeSearchMenu(session.page);
    }
    await recorder.page(session.page, login, page);
  }
  if (action.viewModes.includes('form'))
    await pass.forms.hold(action.model, () => checkForm(pass, action, label, shownMode, menu));
}

/** The navbar must show the menu's app (16.0/17.0 take it from the URL, 18.0 from the action). */
async function brandProblem(pass: UserPass, menu: AddonMenu): Promise<{ problem: string } | undefined> {
  // Opened inside the client, the navbar follows the action a moment later: one page script polls
  // for the app's name and reads the brand the page ends with (one round trip when it matches).
  const page = pass.session.page;
  const brandText = `document.querySelector('.o_menu_brand')?.textContent?.trim()`;
  const matched = await page
    .waitForFunction(`${brandText} === ${JSON.stringify(menu.app)}`, undefined, { timeout: 2000 })
    .then(() => true)
    .catch(() => false);
  if (matched) return undefined;
  const brand = (await page.evaluate<string | undefined>(brandText).catch(() => undefined)) ?? undefined;
  if (brand === undefined || brand === menu.app) return undefined;
  return { problem: `the navbar shows the app "${brand}", not "${menu.app}"` };
}

async function applySearchOptions(
  pass: UserPass,
  page: string,
  mode: string,
  kind: SearchMenu,
): Promise<void> {
  const { recorder, session, login } = pass;
  const labels = await openSearchMenu(session.page, recorder.series, kind).catch(() => []);
  for (const [index, option] of labels.entries()) {
    await recorder.step(session, login, page, `${kind} ${option}`, async () => {
      // On, the view reloaded with it (or an error dialog), then off again.
      await clickSearchOption(session.page, recorder.series, kind, index);
      await session.watch.idle(recorder.stepTimeoutMs);
      await waitForViewOrDialog(session.page, `.o_${mode}_view`);
      await clickSearchOption(session.page, recorder.series, kind, index);
    });
  }
}

async function checkForm(
  pass: UserPass,
  action: AddonAction,
  label: string,
  reuseMode: string | undefined,
  menu?: AddonMenu,
): Promise<void> {
  const { recorder, session, login, inventory, groupIds } = pass;
  const page = `${label} (form)`;
  const mayCreate = grants(inventory.access, action.model, groupIds, 'create');
  const mayWrite = grants(inventory.access, action.model, groupIds, 'write');
  // From the multi-record view left open, or the action opened afresh in its list view when the
  // last view failed (a broken kanban must not hide the form).
  const start = async (): Promise<void> => {
    const multi = action.viewModes.filter((mode) => mode !== 'form');
    const mode = reuseMode ?? (multi.includes('list') ? 'list' : multi[0]);
    if (!reuseMode) await openAction(session, recorder.series, pass.baseUrl, action.id, menu?.id, mode);
    if (mode) await switchView(session.page, mode);
  };
  const listMode = action.viewModes.some((mode) => mode !== 'form');
  let formOpen: boolean;
  if (mayCreate) {
    const created = await recorder.step(session, login, page, 'create', async () => {
      // The model's fields are read while the form opens.
      const fields = readFormFields(session.call, action.model);
      fields.catch(() => undefined);
      await start();
      if (listMode) {
        const button = session.page.locator(NEW_BUTTON);
        if ((await button.count()) === 0)
          return {
            problem: `no create button, though the access rights grant ${pass.label} create on ${action.model}`,
          };
        await button.first().click();
        await waitForViewOrDialog(session.page, '.o_form_view');
      }
      const { id, filled } = await createThroughForm(
        session.page,
        session.call,
        action.model,
        pass.forms.nextRound(),
        fields,
      );
      return {
        note: `saved ${action.model} #${id}${filled.length > 0 ? ` (filled ${filled.join(', ')})` : ''}`,
      };
    });
    formOpen = created.ok;
  } else {
    const refused = await recorder.step(session, login, page, 'create', async () => {
      await start();
      if ((await session.page.locator(NEW_BUTTON).count()) > 0) {
        return {
          problem: `a create button is shown, though no access right grants ${pass.label} create on ${action.model}`,
        };
      }
      return { note: 'no create button, as the access rights say', expected: true };
    });
    formOpen = refused.ok && (await openFirstRecord(pass, page));
  }
  if (formOpen) await pressWorkflowButtons(recorder, session, login, page, mayWrite);
  await recorder.page(session.page, login, page);
}

/** Opens the first record of the list or kanban view in the form; false when there is none. */
async function openFirstRecord(pass: UserPass, page: string): Promise<boolean> {
  const { recorder, session, login } = pass;
  let opened = false;
  await recorder.step(session, login, page, 'open record', async () => {
    const record = session.page.locator('.o_data_row .o_data_cell, .o_kanban_record:not(.o_kanban_ghost)');
    if ((await record.count()) === 0) return { note: 'no record to open' };
    await record.first().click();
    await waitForViewOrDialog(session.page, '.o_form_view');
    opened = (await session.page.locator('.o_form_view').count()) > 0;
    return undefined;
  });
  return opened;
}
