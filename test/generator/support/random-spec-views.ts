import { fieldLabel, MAGIC_FIELD_LABELS } from '../../../core/odoo/field-label.js';
import { KNOWN_MIXINS } from '../../../core/odoo/mixins.js';
import type { FieldSpec, ModelSpec, ModuleSpec } from '../../../core/spec/module-spec.js';
import { groupsBlindTo } from '../../../core/spec/references/check-more-views.js';
import { ORM_MEMBER_NAMES } from '../../../core/spec/references/orm-method-names.js';
import {
  smartButtonTarget,
  type SmartButtonSpec,
} from '../../../core/spec/references/smart-button-target.js';
import { isPlain, type ModelDraft } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';
import { columns } from './random-spec-rules.js';

type Views = NonNullable<ModelSpec['views']>;
const NOT_GROUPABLE = new Set(['one2many', 'many2many', 'binary', 'image', 'html', 'text', 'monetary']);

/**
 * ModuleSpec 1.1 more views in a random spec (see random-spec.ts): a calendar on a stored date
 * or datetime field, a pivot and a graph over stored groupable fields and numbers, an activity
 * view on a model with mail.activity.mixin, a search panel of stored many2one/selection fields.
 * Valid by construction.
 */
export function addMoreViews(ctx: SpecContext, model: ModelDraft): void {
  const d = ctx.d;
  if (!d.chance(40)) return;
  const views: Views = model.spec.views ?? {};
  const dates = columns(model, (field) => field.type === 'date' || field.type === 'datetime');
  const colours = columns(model, (field) => ['many2one', 'selection', 'integer'].includes(field.type));
  const groupable = columns(model, (field) => !NOT_GROUPABLE.has(field.type));
  const numbers = columns(model, (field) => field.type === 'integer' || field.type === 'float');
  const panel = columns(model, (field) => field.type === 'many2one' || field.type === 'selection');
  if (dates.length > 0 && d.chance(50)) {
    const [start, stop] = d.subset(dates, 1, 2);
    views.calendar = dropEmpty({
      start: start ?? dates[0]!,
      stop: d.chance(60) ? stop : undefined,
      color: colours.length > 0 && d.chance(50) ? d.pick(colours) : undefined,
      mode: d.chance(40) ? d.pick(['day', 'week', 'month', 'year'] as const) : undefined,
    });
  }
  if ((groupable.length > 0 || numbers.length > 0) && d.chance(50)) {
    const grouped = groupable.length > 0 ? d.subset(groupable, 1, Math.min(3, groupable.length)) : [];
    const cut = d.int(0, grouped.length);
    const measures = numbers.filter((name) => !grouped.includes(name));
    const pivot = dropEmpty({
      rows: cut > 0 ? grouped.slice(0, cut) : undefined,
      columns: cut < grouped.length ? grouped.slice(cut) : undefined,
      measures: measures.length > 0 && d.chance(70) ? d.subset(measures, 1, 2) : undefined,
    });
    if (Object.keys(pivot).length > 0) views.pivot = pivot;
  }
  if (d.chance(40)) {
    const groupBy =
      groupable.length > 0 && d.chance(80)
        ? d.subset(groupable, 1, Math.min(2, groupable.length))
        : undefined;
    const measures = numbers.filter((name) => !(groupBy ?? []).includes(name));
    views.graph = dropEmpty({
      type: d.chance(50) ? d.pick(['bar', 'line', 'pie'] as const) : undefined,
      group_by: groupBy,
      measure: measures.length > 0 && d.chance(60) ? d.pick(measures) : undefined,
    });
  }
  if ((model.spec.mixins ?? []).includes('mail.activity.mixin') && d.chance(50)) views.activity = true;
  if (panel.length > 0 && d.chance(40)) views.search_panel = d.subset(panel, 1, Math.min(2, panel.length));
  model.spec.views = views;
}

/**
 * Smart buttons, once the spec has its security (a group that reads the model must read the
 * counted records): by a one2many of the model, or by a model of the spec with a many2one to
 * it, named so that the count field, the method and the label are free.
 */
export function addSmartButtons(ctx: SpecContext): void {
  const d = ctx.d;
  for (const model of ctx.models) {
    if (!d.chance(35)) continue;
    const candidates: SmartButtonSpec[] = [];
    for (const [name, field] of Object.entries(model.spec.fields))
      if (field.type === 'one2many') candidates.push({ one2many: name });
    for (const other of ctx.models)
      for (const [name, field] of Object.entries(other.spec.fields))
        if (field.type === 'many2one' && field.comodel === model.spec.name && isPlain(field))
          candidates.push({
            model: other.spec.name,
            field: name,
            name: `${other.word}_${name.replace(/_id$/, '')}`,
          });
    const buttons: SmartButtonSpec[] = [];
    const stems = new Set<string>();
    const labels = labelsOf(model);
    const methods = new Set((model.spec.workflow?.buttons ?? []).map((button) => button.name));
    for (const candidate of d.subset(candidates, 0, Math.min(2, candidates.length))) {
      const button: SmartButtonSpec = {
        ...candidate,
        ...(d.chance(40) ? { icon: d.pick(['fa-list', 'fa-calendar', 'fa-users']) } : {}),
      };
      if (d.chance(30)) button.label = `Related ${buttons.length + 1}`;
      const target = smartButtonTarget(ctx.spec, model.spec, button);
      if (!target || stems.has(target.stem) || methods.has(target.method)) continue;
      if (model.spec.fields[target.method] !== undefined || ORM_MEMBER_NAMES.has(target.method)) continue;
      const taken =
        model.spec.fields[target.countField] !== undefined || ORM_MEMBER_NAMES.has(target.countField);
      if (!target.reused && (taken || labels.has(target.countLabel))) continue;
      if (groupsBlindTo(ctx.spec, model.spec.name, target.comodel).length > 0) continue;
      stems.add(target.stem);
      methods.add(target.method);
      labels.add(target.countLabel);
      buttons.push(button);
    }
    if (buttons.length > 0) model.spec.views = { ...model.spec.views, smart_buttons: buttons };
  }
}

function labelsOf(model: ModelDraft): Set<string> {
  const mixinLabels = (model.spec.mixins ?? []).flatMap((mixin) =>
    Object.values(KNOWN_MIXINS[mixin]?.fields ?? {}),
  );
  return new Set([
    ...Object.entries(model.spec.fields).map(
      ([name, field]: [string, FieldSpec]) => field.string ?? fieldLabel(name),
    ),
    ...mixinLabels,
    ...Object.values(MAGIC_FIELD_LABELS),
  ]);
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The count fields the smart buttons of `model` add to its Python (not those it reuses). */
export function smartButtonCountFields(spec: ModuleSpec, model: ModelSpec): Record<string, FieldSpec> {
  const fields: Record<string, FieldSpec> = {};
  for (const button of model.views?.smart_buttons ?? []) {
    const target = smartButtonTarget(spec, model, button);
    if (target && !target.reused) fields[target.countField] = { type: 'integer' };
  }
  return fields;
}

/** The methods the smart buttons of `model` call. */
export function smartButtonMethods(spec: ModuleSpec, model: ModelSpec): string[] {
  return (model.views?.smart_buttons ?? []).flatMap((button) => {
    const target = smartButtonTarget(spec, model, button);
    return target ? [target.method] : [];
  });
}
