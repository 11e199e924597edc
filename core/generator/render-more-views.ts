import { smartButtonTarget, type SmartButtonTarget } from '../spec/references/smart-button-target.js';
import type { ModelSpec } from '../spec/module-spec.js';
import { findField, type AddonPlan, type PlannedModel } from './addon-plan.js';
import { calendarQuickCreateAttr } from './series-profile.js';
import { el, type XmlElement } from './xml-element.js';

/**
 * ModuleSpec 1.1 more views of a model (`views.calendar`, `pivot`, `graph`, `activity`,
 * `search_panel`, `smart_buttons`): their arch records, their view modes in the window action,
 * the search panel of the search view and the smart buttons of the form. The arch is the same
 * on 16.0, 17.0 and 18.0 but for the calendar's quick-create attribute (series-profile.ts).
 */

/** The extra view modes of the window action, after `form`, in Odoo's usual order. */
export function moreViewModes(model: PlannedModel): string[] {
  const views = model.views;
  return [
    ...(views?.calendar ? ['calendar'] : []),
    ...(views?.pivot ? ['pivot'] : []),
    ...(views?.graph ? ['graph'] : []),
    ...(views?.activity ? ['activity'] : []),
  ];
}

/** The calendar, pivot, graph and activity view records of the model (none without the keys). */
export function moreViewRecords(plan: AddonPlan, model: PlannedModel): XmlElement[] {
  const views = model.views;
  const records: XmlElement[] = [];
  if (views?.calendar) records.push(viewRecord(model, 'calendar', calendarArch(plan, model, views.calendar)));
  if (views?.pivot) records.push(viewRecord(model, 'pivot', pivotArch(model, views.pivot)));
  if (views?.graph) records.push(viewRecord(model, 'graph', graphArch(model, views.graph)));
  if (views?.activity) records.push(viewRecord(model, 'activity', activityArch(model)));
  return records;
}

/** `<searchpanel>` for the search view, or undefined without `search_panel`. */
export function searchPanel(model: PlannedModel): XmlElement | undefined {
  const fields = model.views?.search_panel;
  if (!fields) return undefined;
  return el(
    'searchpanel',
    {},
    fields.map((name) =>
      el('field', {
        name,
        icon: findField(model, name)?.spec.type === 'many2one' ? 'fa-folder' : 'fa-filter',
        enable_counters: '1',
      }),
    ),
  );
}

/** The smart buttons of a model, resolved (names of the count field and the method). */
export function smartButtons(plan: AddonPlan, model: PlannedModel): SmartButtonTarget[] {
  const spec = modelSpec(plan, model);
  if (!spec) return [];
  return (spec.views?.smart_buttons ?? [])
    .map((button) => smartButtonTarget(plan.spec, spec, button))
    .filter((target): target is SmartButtonTarget => target !== undefined);
}

/** `<div class="oe_button_box">` with a stat button per smart button, or undefined. */
export function smartButtonBox(plan: AddonPlan, model: PlannedModel): XmlElement | undefined {
  const buttons = smartButtons(plan, model);
  if (buttons.length === 0) return undefined;
  return el(
    'div',
    { class: 'oe_button_box', name: 'button_box' },
    buttons.map((button) =>
      el('button', { name: button.method, type: 'object', class: 'oe_stat_button', icon: button.icon }, [
        el('field', { name: button.countField, widget: 'statinfo', string: button.label }),
      ]),
    ),
  );
}

function modelSpec(plan: AddonPlan, model: PlannedModel): ModelSpec | undefined {
  return model.kind === 'model'
    ? (plan.spec.models ?? []).find((candidate) => candidate.name === model.name)
    : undefined;
}

function viewRecord(model: PlannedModel, type: string, arch: XmlElement): XmlElement {
  return el('record', { id: `${model.table}_view_${type}`, model: 'ir.ui.view' }, [
    el('field', { name: 'name' }, [`${model.name}.${type}`]),
    el('field', { name: 'model' }, [model.name]),
    el('field', { name: 'arch', type: 'xml' }, [arch]),
  ]);
}

type Views = NonNullable<ModelSpec['views']>;

function isDate(model: PlannedModel, name: string): boolean {
  const type =
    findField(model, name)?.spec.type ??
    (['create_date', 'write_date'].includes(name) ? 'datetime' : undefined);
  return type === 'date' || type === 'datetime';
}

function calendarArch(
  plan: AddonPlan,
  model: PlannedModel,
  calendar: NonNullable<Views['calendar']>,
): XmlElement {
  return el(
    'calendar',
    {
      string: model.description,
      date_start: calendar.start,
      date_stop: calendar.stop,
      color: calendar.color,
      mode: calendar.mode ?? 'month',
      [calendarQuickCreateAttr(plan.profile.series)]: '0',
    },
    calendar.color ? [el('field', { name: calendar.color })] : [],
  );
}

function groupField(model: PlannedModel, name: string, type: 'row' | 'col' | undefined): XmlElement {
  return el('field', {
    name,
    ...(isDate(model, name) ? { interval: 'month' } : {}),
    ...(type ? { type } : {}),
  });
}

function pivotArch(model: PlannedModel, pivot: NonNullable<Views['pivot']>): XmlElement {
  return el('pivot', { string: model.description, sample: '1' }, [
    ...(pivot.rows ?? []).map((name) => groupField(model, name, 'row')),
    ...(pivot.columns ?? []).map((name) => groupField(model, name, 'col')),
    ...(pivot.measures ?? []).map((name) => el('field', { name, type: 'measure' })),
  ]);
}

function graphArch(model: PlannedModel, graph: NonNullable<Views['graph']>): XmlElement {
  return el('graph', { string: model.description, type: graph.type ?? 'bar', sample: '1' }, [
    ...(graph.group_by ?? []).map((name) => groupField(model, name, undefined)),
    graph.measure ? el('field', { name: graph.measure, type: 'measure' }) : undefined,
  ]);
}

function activityArch(model: PlannedModel): XmlElement {
  const named = model.recName ?? 'name';
  const title = findField(model, named)?.spec.type === 'char' ? named : 'display_name';
  return el('activity', { string: model.description }, [
    el('templates', {}, [
      el('div', { 't-name': 'activity-box' }, [
        el('div', {}, [el('field', { name: title, display: 'full' })]),
      ]),
    ]),
  ]);
}
