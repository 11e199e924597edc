import type { FieldSpec, ModelSpec } from '../../../core/spec/module-spec.js';
import {
  hasColumn,
  isPlain,
  NOT_GROUPABLE,
  NUMERIC,
  TEXTS,
  type Draw,
  type ModelDraft,
} from './random-draw.js';

/** Model rules of a random spec: constraints, workflow, views, rec_name and order (see random-spec.ts). */

export function columns(model: ModelDraft, keep: (field: FieldSpec) => boolean = () => true): string[] {
  return Object.entries(model.spec.fields)
    .filter(([, field]) => hasColumn(field) && keep(field))
    .map(([name]) => name);
}

export function addConstraints(d: Draw, model: ModelDraft): void {
  const constraints: NonNullable<ModelSpec['constraints']> = [];
  const names = new Set<string>();
  const named = () => {
    if (!d.chance(30)) return undefined;
    const name = `${d.identifier()}_check`;
    if (names.has(name)) return undefined;
    names.add(name);
    return name;
  };
  const uniqueable = columns(model, (field) =>
    ['char', 'integer', 'date', 'many2one', 'selection'].includes(field.type),
  );
  if (uniqueable.length > 0 && d.chance(40))
    constraints.push({ unique: d.subset(uniqueable, 1, 2), message: d.pick(TEXTS), name: named() });
  const checks = d.int(0, 2);
  for (let i = 0; i < checks; i += 1) {
    const check = checkExpression(d, model);
    if (check) constraints.push({ check, message: d.pick(TEXTS), name: named() });
  }
  if (constraints.length > 0) model.spec.constraints = constraints;
}

export function checkExpression(d: Draw, model: ModelDraft): string | undefined {
  const numbers = columns(model, (field) => NUMERIC.has(field.type));
  const texts = columns(model, (field) => field.type === 'char' && field.translate !== true);
  const dates = columns(model, (field) => field.type === 'date' && isPlain(field));
  const selections = columns(model, (field) => field.type === 'selection' && isPlain(field));
  const options: string[] = [];
  for (const x of numbers)
    options.push(
      `${x} >= 0`,
      // A computed count is 0 on a new record: the validator refuses a CHECK that 0 breaks.
      ...(model.spec.fields[x]?.compute?.count !== undefined ? [] : [`${x} > 0 OR ${x} IS NULL`]),
      `${x} BETWEEN 0 AND 1000`,
      `NOT (${x} < -10)`,
      `${x} * 2 <= 100000`,
    );
  for (const x of texts) options.push(`length(${x}) > 1`, `${x} <> 'forbidden'`, `${x} ILIKE '%x%'`);
  if (dates.length >= 2) options.push(`${dates[1]} IS NULL OR ${dates[1]} >= ${dates[0]}`);
  for (const x of selections) {
    const keys = Object.keys(model.spec.fields[x]?.options ?? {});
    options.push(
      `${x} IN (${keys.map((key) => `'${key}'`).join(', ')})`,
      `${x} NOT IN ('${keys[0] ?? ''}x')`,
    );
  }
  return options.length > 0 ? d.pick(options) : undefined;
}

export function addWorkflow(d: Draw, model: ModelDraft): void {
  const selections = Object.entries(model.spec.fields).filter(
    ([, field]) =>
      field.type === 'selection' && isPlain(field) && Object.keys(field.options ?? {}).length >= 2,
  );
  if (selections.length === 0 || !d.chance(60)) return;
  const [field, spec] = d.pick(selections);
  const states = Object.keys(spec.options ?? {});
  const buttons = Array.from({ length: d.int(1, 3) }, (_, i) => ({
    name: `action_${d.pick(['go', 'confirm', 'reset', 'close'])}_${i + 1}`,
    label: d.chance(30) ? d.pick(TEXTS) : `Step ${i + 1}`,
    from: d.subset(states, 1, states.length - 1),
    to: d.pick(states),
  })).filter((button) => !model.names.has(button.name));
  if (buttons.length > 0) model.spec.workflow = { field, buttons };
}

export function addViews(d: Draw, model: ModelDraft): void {
  if (!d.chance(50)) return;
  const all = Object.keys(model.spec.fields);
  const views: NonNullable<ModelSpec['views']> = {};
  if (d.chance(60)) views.list = d.subset([...all, 'create_date'], 1, 6);
  if (d.chance(40)) {
    // Required fields without default must be on a custom form (or nobody could save a record).
    const required = all.filter((name) => {
      const field = model.spec.fields[name] as FieldSpec;
      return field.required === true && field.default === undefined && isPlain(field);
    });
    const chosen = d.subset(all, 1);
    const shuffled = all.filter((name) => chosen.includes(name) || required.includes(name));
    const cut = d.int(0, shuffled.length);
    const grouped = shuffled.slice(0, cut);
    const paged = shuffled.slice(cut);
    const groups =
      grouped.length > 0
        ? [
            grouped.slice(0, Math.ceil(grouped.length / 2)),
            grouped.slice(Math.ceil(grouped.length / 2)),
          ].filter((group) => group.length > 0)
        : undefined;
    const pages = paged.length > 0 ? [{ label: d.pick(TEXTS), fields: paged }] : undefined;
    views.form = { groups, pages };
  }
  if (d.chance(60)) {
    const searchable = all.filter((name) => {
      const field = model.spec.fields[name] as FieldSpec;
      return !(field.compute !== undefined && field.store === false);
    });
    const groupable = columns(model, (field) => !NOT_GROUPABLE.has(field.type));
    const filters: Record<string, string> = {};
    for (const name of d.subset(all, 0, 3)) filters[`filter_${name}`] = domain(model, name);
    views.search = {
      fields: searchable.length > 0 ? d.subset(searchable, 1, 4) : undefined,
      filters: Object.keys(filters).length > 0 ? filters : undefined,
      group_by: groupable.length > 0 && d.chance(60) ? d.subset(groupable, 1, 3) : undefined,
    };
  }
  if (d.chance(50)) views.kanban = true;
  model.spec.views = views;
}

export function domain(model: ModelDraft, name: string): string {
  const field = model.spec.fields[name] as FieldSpec;
  if (field.type === 'boolean') return `[('${name}', '=', True)]`;
  if (field.type === 'selection') return `[('${name}', '=', '${Object.keys(field.options ?? {})[0] ?? ''}')]`;
  if (field.type === 'many2one' && field.comodel === 'res.users') return `[('${name}', '=', uid)]`;
  if (field.type === 'date') return `[('${name}', '<', context_today().strftime('%Y-%m-%d'))]`;
  if (field.type === 'char') return `['|', ('${name}', 'ilike', "it's"), ('${name}', '=', False)]`;
  return `[('${name}', '!=', False)]`;
}

export function addRecNameAndOrder(d: Draw, model: ModelDraft): void {
  const chars = columns(model, (field) => field.type === 'char' && isPlain(field));
  if (chars.length > 0 && d.chance(30)) model.spec.rec_name = d.pick(chars);
  const ordered = columns(model);
  if (ordered.length > 0 && d.chance(30)) {
    model.spec.order = d
      .subset([...ordered, 'id'], 1, 2)
      .map((name) => `${name}${d.pick(['', ' asc', ' desc', ' desc nulls last'])}`)
      .join(', ');
  }
}
