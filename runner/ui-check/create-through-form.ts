import type { Locator, Page } from 'playwright-core';
import { candidates } from '../../core/generator/sample-values.js';
import type { FieldSpec } from '../../core/spec/module-spec.js';
import type { CallKw } from './odoo-json-rpc.js';
import { recordIdOf } from './odoo-navigation.js';

/**
 * Fills the required fields that the new record's form leaves empty, with the generator's sample
 * values (core/generator/sample-values.ts) for the field's type, the first option of a selection
 * and the first proposal of a many2one, then saves. Resolves with the new record's id, or throws
 * naming the field that could not be filled or the fields Odoo marks invalid.
 */
export interface OdooField {
  type: string;
  string: string;
  selection?: [string, string][];
}

const SAMPLE_TYPES = new Set(['char', 'text', 'integer', 'float', 'monetary', 'date', 'datetime']);
const NUMBER_TYPES = new Set(['integer', 'float', 'monetary']);

/**
 * `round`: the number of this form among those the check fills (FormTurns.nextRound), so that
 * each gets other text and later days than the earlier ones.
 */
export async function createThroughForm(
  page: Page,
  call: CallKw,
  model: string,
  round: number,
  fieldsOf?: Promise<Record<string, OdooField>>,
): Promise<{ id: number; filled: string[] }> {
  const fields = await (fieldsOf ?? readFormFields(call, model));
  const filled: string[] = [];
  // The required widgets' values in one page script, read again after each fill (an onchange may
  // have filled or shown others): one round trip per field filled, not three or four per widget.
  for (;;) {
    const shown = await page.evaluate<RequiredWidget[]>(REQUIRED_WIDGETS);
    const next = shown.find(({ name }) => {
      const field = fields[name];
      return field !== undefined && !filled.includes(name) && isEmpty(shown, name, field);
    });
    if (!next) break;
    const field = fields[next.name] as OdooField;
    const widget = page
      .locator(`.o_form_view .o_field_widget.o_required_modifier[name="${next.name}"]:visible`)
      .first();
    await fill(widget, next.name, field, filled.length, round);
    filled.push(next.name);
  }
  const save = page.locator('.o_form_button_save:visible');
  if ((await save.count()) > 0) await save.first().click();
  await page
    .waitForFunction(
      () =>
        /[#&]id=\d+/.test(location.hash) ||
        /\/\d+$/.test(location.pathname) ||
        document.querySelector('.o_field_invalid, .modal') !== null,
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  const invalid = await page
    .locator('.o_field_widget.o_field_invalid')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('name') ?? '?'));
  if (invalid.length > 0) {
    throw new Error(
      `the form refused to save: invalid field(s) ${invalid.join(', ')} (filled: ${filled.join(', ') || 'none'})`,
    );
  }
  const id = recordIdOf(page.url());
  if (id === undefined)
    throw new Error(`the form did not save a ${model} record (no record id in ${page.url()})`);
  return { id, filled };
}

/** The fields of `model` that the form filler reads (their type, label and options). */
export function readFormFields(call: CallKw, model: string): Promise<Record<string, OdooField>> {
  return call<Record<string, OdooField>>(model, 'fields_get', [], {
    attributes: ['type', 'string', 'selection'],
  });
}

/** A required widget of the form: its select's value, else its first input's, null when none. */
interface RequiredWidget {
  name: string;
  select: string | null;
  input: string | null;
}

/** Text, not a function: tsx's helpers do not exist in the page. */
const REQUIRED_WIDGETS = `[...document.querySelectorAll('.o_form_view .o_field_widget.o_required_modifier[name]')]
  .filter((node) => node.getClientRects().length > 0)
  .map((node) => {
    const select = node.querySelector('select');
    const input = node.querySelector('input, textarea');
    return { name: node.getAttribute('name'), select: select ? select.value : null, input: input ? input.value : null };
  })`;

function isEmpty(shown: RequiredWidget[], name: string, field: OdooField): boolean {
  const widget = shown.find((one) => one.name === name);
  if (!widget) return false;
  if (field.type === 'selection') return widget.select !== null && ['false', ''].includes(widget.select);
  if (widget.input === null) return false;
  const value = widget.input.trim();
  // A new number field shows 0 ("0.00"): a required number left at 0 is "empty" here, since a
  // CHECK such as `hours > 0` is the usual reason to require it.
  if (NUMBER_TYPES.has(field.type)) return value === '' || /^0+([.,]0+)?$/.test(value);
  return value === '';
}

async function fill(
  widget: Locator,
  name: string,
  field: OdooField,
  index: number,
  round: number,
): Promise<void> {
  if (field.type === 'many2one') return pickFirst(widget, name, field);
  if (field.type === 'selection') {
    const keys = (field.selection ?? []).map(([key]) => key);
    const options = Object.fromEntries(keys.map((key) => [key, key]));
    const value = candidates({ type: 'selection', options } as FieldSpec)[0];
    if (value === undefined)
      throw new Error(`the required selection ${name} (${field.string}) has no option`);
    await widget.locator('select').selectOption(JSON.stringify(String(value)));
    return;
  }
  if (!SAMPLE_TYPES.has(field.type)) {
    throw new Error(`no sample value for the required ${field.type} field ${name} (${field.string})`);
  }
  const sample = candidates({ type: field.type } as FieldSpec)[0];
  const value =
    field.type === 'date' || field.type === 'datetime'
      ? dayAfterToday(field.type, index + 1 + round * 10)
      : (field.type === 'char' || field.type === 'text') && round > 0
        ? `${String(sample)} ${round + 1}`
        : sample;
  const input = widget.locator('input, textarea').first();
  await input.fill(String(value));
  await input.press('Tab');
}

/**
 * The proposals drop down inside the field's own autocomplete (16.0 to 18.0): picks the first.
 * A click while the proposals still load (or render again) can be lost, so up to three tries: a
 * click is lost when the proposals are still shown a moment later with the field still empty,
 * and then tried again at once; a click taken lands in the field after a read of the record's
 * display name, which is waited for.
 */
async function pickFirst(widget: Locator, name: string, field: OdooField): Promise<void> {
  const input = widget.locator('input').first();
  const menu = widget.locator('.o-autocomplete--dropdown-menu');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Clicking the input of an open autocomplete closes it: click only when it is closed.
    if ((await menu.count()) === 0) await input.click();
    const option = widget
      .locator('.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):visible')
      .first();
    const shown = await option
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (!shown) continue;
    await option.click().catch(() => undefined);
    if (await valueWithin(input, 600)) return;
    if ((await menu.count()) > 0) continue; // the click was lost: the proposals are still open
    if (await valueWithin(input, 2400)) return;
  }
  throw new Error(
    `no record could be picked for the required field ${name} (${field.string}) in three tries`,
  );
}

/**
 * Dates from tomorrow on, one day further for each field filled, in the user's format (en_US:
 * MM/DD/YYYY): an end date filled after a start that defaults to today then comes after it (the
 * generator's fixed sample dates would lie before today).
 */
function dayAfterToday(type: string, days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${pad(day.getMonth() + 1)}/${pad(day.getDate())}/${day.getFullYear()}`;
  return type === 'datetime' ? `${date} 10:00:00` : date;
}

/** Whether the input shows a value within `ms` (waited for in the page, no polling from here). */
async function valueWithin(input: Locator, ms: number): Promise<boolean> {
  const handle = await input.elementHandle({ timeout: ms }).catch(() => null);
  if (!handle) return false;
  return input
    .page()
    .waitForFunction((node) => (node as HTMLInputElement).value.trim() !== '', handle, { timeout: ms })
    .then(() => true)
    .catch(() => false)
    .finally(() => handle.dispose().catch(() => undefined));
}
