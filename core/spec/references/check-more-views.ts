import { fieldLabel, MAGIC_FIELD_LABELS } from '../../odoo/field-label.js';
import type { SpecReferenceError } from '../check-spec-references.js';
import type { FieldSpec, FieldType, ModelSpec, ModuleSpec } from '../module-spec.js';
import { ORM_MEMBER_NAMES } from './orm-method-names.js';
import { smartButtonTarget, type SmartButtonSpec } from './smart-button-target.js';
import { choices, isStoredField, type SpecModelIndex, type SpecPath } from './spec-model-index.js';

type Add = (pathKeys: SpecPath, message: string) => void;
type Views = NonNullable<ModelSpec['views']>;

const DATE_TYPES: ReadonlySet<FieldType> = new Set(['date', 'datetime']);
const NOT_GROUPABLE: ReadonlySet<FieldType> = new Set([
  'one2many',
  'many2many',
  'binary',
  'image',
  'html',
  'text',
]);
const COLOR_TYPES: ReadonlySet<FieldType> = new Set(['many2one', 'selection', 'integer']);
const MEASURE_TYPES: ReadonlySet<FieldType> = new Set(['integer', 'float']);
const PANEL_TYPES: ReadonlySet<FieldType> = new Set(['many2one', 'selection']);

/**
 * ModuleSpec 1.1 more views: a calendar starts (and stops) on stored date/datetime fields and
 * is coloured by a many2one, selection or integer; pivot rows/columns and graph groups are
 * stored groupable fields, measures stored integers or floats; an activity view needs
 * mail.activity.mixin; a search panel lists stored many2one/selection fields once each; a
 * smart button counts a one2many of the model, or a model of the spec whose many2one points at
 * it, under names (count field, method, label) the model does not use, and every group that
 * may read the model may read the counted records.
 */
export function checkMoreViews(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    const views = model.views;
    if (!views || index.model(model.name)?.path[1] !== i) return;
    const at: SpecPath = ['models', i, 'views'];
    const field = fieldFinder(index, model.name, add);
    if (views.calendar) checkCalendar(views.calendar, field, [...at, 'calendar'], add);
    if (views.pivot) checkPivot(views.pivot, field, [...at, 'pivot'], add);
    if (views.graph) checkGraph(views.graph, field, [...at, 'graph'], add);
    if (views.activity === true && !(model.mixins ?? []).includes('mail.activity.mixin'))
      add(
        [...at, 'activity'],
        `an activity view needs the model's activities: add mail.activity.mixin to models[${i}].mixins`,
      );
    const panel = new Set<string>();
    (views.search_panel ?? []).forEach((name, f) => {
      const path: SpecPath = [...at, 'search_panel', f];
      if (panel.has(name)) add(path, `${name} is already in the search panel: list each field once`);
      panel.add(name);
      const found = field(name, path);
      if (found && (!PANEL_TYPES.has(found.type) || !isStoredField(found)))
        add(
          path,
          `${name} cannot be in the search panel (${describe(found)}): list stored many2one or selection fields`,
        );
    });
    checkSmartButtons(spec, index, model, i, add);
  });
  return errors;
}

type FieldFinder = (name: string, path: SpecPath) => FieldSpec | undefined;

/** The field of the model (its own or a magic one), or undefined after reporting it missing. */
function fieldFinder(index: SpecModelIndex, model: string, add: Add): FieldFinder {
  return (name, path) => {
    const lookup = index.lookup(model, name);
    if (lookup.found === 'spec' || lookup.found === 'magic') return lookup.field;
    if (lookup.found === 'no')
      add(path, `${model} has no field ${name}: ${choices('fields', index.fieldNames(model), name)}`);
    return undefined;
  };
}

function describe(field: FieldSpec): string {
  return isStoredField(field) ? `a ${field.type} field` : `a ${field.type} field not stored`;
}

function checkCalendar(
  calendar: NonNullable<Views['calendar']>,
  field: FieldFinder,
  at: SpecPath,
  add: Add,
): void {
  const dates = (key: 'start' | 'stop') => {
    const name = calendar[key];
    if (name === undefined) return;
    const found = field(name, [...at, key]);
    if (found && (!DATE_TYPES.has(found.type) || !isStoredField(found)))
      add(
        [...at, key],
        `a calendar ${key}s on a stored date or datetime field, ${name} is ${describe(found)}`,
      );
  };
  dates('start');
  dates('stop');
  if (calendar.stop !== undefined && calendar.stop === calendar.start)
    add(
      [...at, 'stop'],
      `stop is the start field ${calendar.start}: name the field of the end, or leave stop out`,
    );
  if (calendar.color !== undefined) {
    const found = field(calendar.color, [...at, 'color']);
    if (found && !COLOR_TYPES.has(found.type))
      add(
        [...at, 'color'],
        `a calendar is coloured by a many2one, selection or integer field, ${calendar.color} is a ${found.type} field`,
      );
  }
}

function checkGroupable(name: string, found: FieldSpec | undefined, path: SpecPath, add: Add): void {
  if (found?.type === 'monetary')
    add(
      path,
      `${name} is a monetary field: an amount without its currency groups nothing meaningful in a pivot or graph; group by its currency or another stored field`,
    );
  else if (found && (NOT_GROUPABLE.has(found.type) || !isStoredField(found)))
    add(
      path,
      `${name} cannot be grouped by (${describe(found)}): use a stored char, selection, many2one, date, boolean or number field`,
    );
}

function checkMeasure(name: string, found: FieldSpec | undefined, path: SpecPath, add: Add): void {
  if (found?.type === 'monetary')
    add(
      path,
      `${name} is a monetary field: amounts of several currencies do not add up in a pivot or graph; sum a stored integer or float field`,
    );
  else if (found && (!MEASURE_TYPES.has(found.type) || !isStoredField(found) || name === 'id'))
    add(path, `${name} cannot be summed (${describe(found)}): a measure is a stored integer or float field`);
}

function checkPivot(pivot: NonNullable<Views['pivot']>, field: FieldFinder, at: SpecPath, add: Add): void {
  if (!pivot.rows && !pivot.columns && !pivot.measures)
    add(at, 'an empty pivot: give rows, columns and/or measures');
  const grouped = new Map<string, string>();
  for (const key of ['rows', 'columns'] as const) {
    (pivot[key] ?? []).forEach((name, f) => {
      const path: SpecPath = [...at, key, f];
      const first = grouped.get(name);
      if (first !== undefined) add(path, `${name} is already in the pivot's ${first}: group by a field once`);
      grouped.set(name, key);
      checkGroupable(name, field(name, path), path, add);
    });
  }
  const measures = new Set<string>();
  (pivot.measures ?? []).forEach((name, f) => {
    const path: SpecPath = [...at, 'measures', f];
    if (measures.has(name)) add(path, `${name} is already a measure: list each measure once`);
    measures.add(name);
    if (grouped.has(name))
      add(
        path,
        `${name} is grouped by in the pivot's ${grouped.get(name) ?? ''}: it cannot be a measure too`,
      );
    checkMeasure(name, field(name, path), path, add);
  });
}

function checkGraph(graph: NonNullable<Views['graph']>, field: FieldFinder, at: SpecPath, add: Add): void {
  const groups = graph.group_by ?? [];
  groups.forEach((name, f) => {
    const path: SpecPath = [...at, 'group_by', f];
    if (groups.indexOf(name) !== f) add(path, `${name} is already in group_by: list each field once`);
    checkGroupable(name, field(name, path), path, add);
  });
  if (graph.measure !== undefined) {
    const path: SpecPath = [...at, 'measure'];
    if (groups.includes(graph.measure))
      add(path, `${graph.measure} is grouped by: it cannot be the measure too`);
    checkMeasure(graph.measure, field(graph.measure, path), path, add);
  }
}

function checkSmartButtons(
  spec: ModuleSpec,
  index: SpecModelIndex,
  model: ModelSpec,
  i: number,
  add: Add,
): void {
  const stems = new Set<string>();
  const methods = new Set((model.workflow?.buttons ?? []).map((button) => button.name));
  const labels = new Set([
    ...Object.entries(model.fields).map(([name, field]) => field.string ?? fieldLabel(name)),
    ...Object.values(index.model(model.name)?.mixinFields ?? {}),
    ...Object.values(MAGIC_FIELD_LABELS),
  ]);
  (model.views?.smart_buttons ?? []).forEach((button, b) => {
    const at: SpecPath = ['models', i, 'views', 'smart_buttons', b];
    if (!checkButtonSource(spec, index, model, button, at, add)) return;
    const target = smartButtonTarget(spec, model, button);
    if (!target) return;
    const rename = `give the button another name, such as name: ${target.stem}_records`;
    if (stems.has(target.stem)) {
      add(at, `another smart button of ${model.name} is named ${target.stem}: ${rename}`);
      return;
    }
    stems.add(target.stem);
    if (
      !target.reused &&
      (model.fields[target.countField] !== undefined || ORM_MEMBER_NAMES.has(target.countField))
    )
      add(at, `the button's count field ${target.countField} is already a field of ${model.name}: ${rename}`);
    if (
      model.fields[target.method] !== undefined ||
      methods.has(target.method) ||
      ORM_MEMBER_NAMES.has(target.method)
    )
      add(at, `the button's method ${target.method} is already used on ${model.name}: ${rename}`);
    methods.add(target.method);
    if (!target.reused && labels.has(target.countLabel))
      add(
        [...at, 'label'],
        `the button's count field would be labelled ${target.countLabel}, the label of another field of ${model.name}: give another label`,
      );
    labels.add(target.countLabel);
    checkButtonAccess(spec, model.name, target.comodel, at, add);
  });
}

/** The button names its records one way, and they are a model of the spec pointing at this one. */
function checkButtonSource(
  spec: ModuleSpec,
  index: SpecModelIndex,
  model: ModelSpec,
  button: SmartButtonSpec,
  at: SpecPath,
  add: Add,
): boolean {
  const byField = button.one2many !== undefined;
  const byModel = button.model !== undefined || button.field !== undefined;
  if (byField === byModel) {
    add(
      at,
      'expected either one2many: <one2many field> or model: <model> with field: <its many2one to this model>',
    );
    return false;
  }
  if (byField) {
    const name = button.one2many ?? '';
    const field = model.fields[name];
    if (field?.type !== 'one2many') {
      const one2manys = Object.entries(model.fields)
        .filter(([, other]) => other.type === 'one2many')
        .map(([key]) => key);
      add(
        [...at, 'one2many'],
        `${model.name} has no one2many field ${name}: ${choices('one2many fields', one2manys, name)}`,
      );
      return false;
    }
    if (!index.model(field.comodel ?? '')?.complete) {
      add(
        [...at, 'one2many'],
        `${name} lists ${field.comodel ?? '?'} records, not a model of this spec: a smart button opens records of this spec's models`,
      );
      return false;
    }
    return field.inverse !== undefined;
  }
  const target = (spec.models ?? []).find((candidate) => candidate.name === button.model);
  if (button.model === undefined || target === undefined) {
    add(
      [...at, 'model'],
      `${button.model ?? 'a model'} is not a model of this spec: ${choices(
        'models',
        (spec.models ?? []).map((m) => m.name),
        button.model,
      )}`,
    );
    return false;
  }
  const inverse = button.field === undefined ? undefined : target.fields[button.field];
  const pointing = Object.entries(target.fields)
    .filter(([, other]) => other.type === 'many2one' && other.comodel === model.name)
    .map(([key]) => key);
  if (button.field === undefined || inverse?.type !== 'many2one' || inverse.comodel !== model.name) {
    add(
      [...at, button.field === undefined ? 'model' : 'field'],
      `${button.model} has no many2one ${button.field ?? ''} to ${model.name}: ${choices(`many2one fields of ${button.model} to ${model.name}`, pointing, button.field)}`.replace(
        '  ',
        ' ',
      ),
    );
    return false;
  }
  if (!isStoredField(inverse)) {
    add([...at, 'field'], `${button.field} is not stored: the records are counted by a stored many2one`);
    return false;
  }
  return true;
}

/** With access rights, each group that reads the model (itself or through implied groups) reads the counted model. */
function checkButtonAccess(spec: ModuleSpec, model: string, comodel: string, at: SpecPath, add: Add): void {
  const blind = groupsBlindTo(spec, model, comodel);
  if (blind.length > 0)
    add(
      at,
      `the group${blind.length > 1 ? 's' : ''} ${blind.join(', ')} may read ${model} but not ${comodel}, so the button's count fails for them: give ${blind.length > 1 ? 'them' : 'it'} read access to ${comodel}`,
    );
}

/** The groups of `security.access` that may read `model` but not `comodel` (none without access rights). */
export function groupsBlindTo(spec: ModuleSpec, model: string, comodel: string): string[] {
  const access = spec.security?.access;
  if (!access) return [];
  const groups = spec.security?.groups ?? {};
  const implied = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const next of groups[key]?.implies ?? []) implied(next, seen);
    return seen;
  };
  const reads = (target: string, group: string) =>
    [...implied(group)].some((key) => (access[target]?.[key] ?? '').includes('r'));
  return Object.keys(access[model] ?? {}).filter((group) => reads(model, group) && !reads(comodel, group));
}
