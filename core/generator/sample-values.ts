import type { FieldSpec } from '../spec/module-spec.js';
import type { TestValue } from '../spec/module-spec-schema.js';
import { findField, findModel, type AddonPlan, type PlannedField, type PlannedModel } from './addon-plan.js';
import { pyStr, pyValue } from './python-literal.js';
import { checkPasses, compileSqlCheck, type SqlValue } from '../sql/sql-check-eval.js';

/**
 * Picks values for generated tests: values that satisfy every CHECK constraint of a model (for
 * "create with required values"), and values that make one constraint fail (for "the
 * constraint refuses a bad value"). Values are rendered as Python expressions.
 */

/** A 1×1 PNG: Odoo's image fields check that an image really is one. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const MAX_COMBINATIONS = 4096;

export function candidates(field: FieldSpec): SqlValue[] {
  switch (field.type) {
    case 'integer':
      return [1, 0, -1, 10, 1000];
    case 'float':
    case 'monetary':
      return [1.5, 0, -1.5, 10, 1000];
    case 'char':
    case 'text':
      return ['Test value', 'abc', 'a', 'ab', 'abcd', 'A much longer test value for this field'];
    case 'html':
      return ['<p>Test value</p>'];
    case 'boolean':
      return [true, false];
    case 'date':
      return ['2024-01-10', '2024-01-01', '2024-01-20', '2023-12-31'];
    case 'datetime':
      return ['2024-01-10 10:00:00', '2024-01-01 08:00:00', '2024-01-20 18:00:00'];
    case 'selection': {
      const keys = Object.keys(field.options ?? {});
      const preferred = field.default !== undefined ? String(field.default) : undefined;
      return preferred && keys.includes(preferred) ? [preferred, ...keys.filter((key) => key !== preferred)] : keys;
    }
    default:
      return [];
  }
}

/** Fields a create() must be given: required, no default, not computed or related. */
export function fieldsToFill(model: PlannedModel): PlannedField[] {
  return model.fields.filter(
    (field) =>
      field.spec.required === true &&
      field.spec.default === undefined &&
      field.spec.sequence === undefined &&
      field.stage !== true &&
      field.company !== true &&
      field.spec.compute === undefined &&
      field.spec.related === undefined &&
      field.spec.type !== 'one2many' &&
      field.spec.type !== 'many2many',
  );
}

function checks(model: PlannedModel) {
  return model.constraints
    .filter((constraint) => constraint.kind === 'check')
    .map((constraint) => ({ constraint, compiled: compileSqlCheck(constraint.spec.check ?? '') }));
}

function literalDefault(field: FieldSpec): SqlValue | undefined {
  const value = field.default;
  if (value === undefined || ['today', 'now', 'current_user', 'company_currency'].includes(String(value))) return undefined;
  return field.type === 'selection' ? String(value) : value;
}

/**
 * Searches combinations of candidate values for `columns` (others fixed in `fixed`) until
 * `accept(row)` holds. Returns the chosen values for `columns`, or undefined.
 */
function search(
  model: PlannedModel,
  columns: string[],
  fixed: Record<string, SqlValue>,
  accept: (row: Record<string, SqlValue>) => boolean,
): Record<string, SqlValue> | undefined {
  const lists = columns.map((column) => {
    const field = findField(model, column);
    const values = field ? candidates(field.spec) : [];
    return field?.spec.required ? values : [...values, null];
  });
  if (lists.some((list) => list.length === 0)) return undefined;
  const total = lists.reduce((product, list) => product * list.length, 1);
  for (let index = 0; index < Math.min(total, MAX_COMBINATIONS); index += 1) {
    const row: Record<string, SqlValue> = { ...fixed };
    let rest = index;
    columns.forEach((column, i) => {
      const list = lists[i] ?? [];
      row[column] = list[rest % list.length] ?? null;
      rest = Math.floor(rest / list.length);
    });
    if (accept(row)) return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
  }
  return undefined;
}

function baseRow(model: PlannedModel): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = {};
  for (const field of model.fields) {
    const value = literalDefault(field.spec);
    if (value !== undefined) row[field.name] = value;
  }
  return row;
}

/**
 * Scalar values for a valid record: every required field, and every column that a CHECK
 * constraint reads and whose default we cannot evaluate (`today`, `now`), set explicitly.
 * Optional columns start as NULL (a CHECK passes on NULL); then each failing check is repaired
 * by searching its own columns only, so a model with many checked columns stays cheap.
 * `given` fields are kept as they are.
 */
export function validScalarValues(model: PlannedModel, given: Record<string, SqlValue> = {}): Record<string, SqlValue> | undefined {
  const compiled = checks(model);
  const required = fieldsToFill(model).filter((field) => candidates(field.spec).length > 0 && !(field.name in given));
  if (compiled.some((entry) => entry.compiled === undefined)) {
    // A check we cannot evaluate: fill required fields with first candidates and hope.
    return Object.fromEntries(required.map((field) => [field.name, candidates(field.spec)[0] ?? null]));
  }
  const row: Record<string, SqlValue> = { ...baseRow(model), ...given };
  const chosen = new Set<string>();
  for (const field of required) {
    row[field.name] = candidates(field.spec)[0] ?? null;
    chosen.add(field.name);
  }
  const checkColumns = new Set(compiled.flatMap((entry) => entry.compiled?.columns ?? []));
  for (const column of checkColumns) {
    const field = findField(model, column);
    if (!field || column in given || chosen.has(column)) continue;
    const tokenDefault = field.spec.default !== undefined && literalDefault(field.spec) === undefined;
    row[column] = tokenDefault ? (candidates(field.spec)[0] ?? null) : (row[column] ?? null);
    chosen.add(column);
  }
  const passes = (candidate: Record<string, SqlValue>) =>
    compiled.every((entry) => checkPasses(entry.compiled?.evaluate(candidate) ?? null));
  for (let round = 0; round < 4 && !passes(row); round += 1) {
    for (const entry of compiled) {
      if (checkPasses(entry.compiled?.evaluate(row) ?? null)) continue;
      const free = (entry.compiled?.columns ?? []).filter((column) => chosen.has(column) && findField(model, column)?.stored);
      const fixed = Object.fromEntries(Object.entries(row).filter(([column]) => !free.includes(column)));
      const repaired =
        search(model, free, fixed, passes) ??
        search(model, free, fixed, (candidate) => checkPasses(entry.compiled?.evaluate(candidate) ?? null));
      if (repaired) Object.assign(row, repaired);
    }
  }
  if (!passes(row)) return undefined;
  // NULL is left out of the create: Odoo would write False as 0 into an integer column.
  return Object.fromEntries([...chosen].filter((column) => row[column] !== null && row[column] !== undefined).map((column) => [column, row[column] ?? null]));
}

/** Values that make exactly the CHECK constraint `name` fail while every other check passes. */
export function violatingScalarValues(model: PlannedModel, constraintName: string): Record<string, SqlValue> | undefined {
  const compiled = checks(model);
  const target = compiled.find((entry) => entry.constraint.name === constraintName)?.compiled;
  if (!target || compiled.some((entry) => entry.compiled === undefined)) return undefined;
  const base = validScalarValues(model);
  if (!base) return undefined;
  const fixed = { ...baseRow(model), ...base };
  const columns = target.columns.filter((column) => findField(model, column)?.stored);
  const found = search(model, columns, fixed, (row) => {
    if (checkPasses(target.evaluate(row))) return false;
    return compiled.every((entry) => entry.compiled === target || checkPasses(entry.compiled?.evaluate(row) ?? null));
  });
  if (!found) return undefined;
  const values = { ...base, ...found };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

/** A Python expression for a scalar value of a field. */
export function pyScalar(field: FieldSpec, value: SqlValue): string {
  if (value === null) return 'False';
  // Selection keys are strings in Odoo, whatever type the YAML gave them (`3:` is an int).
  if (field.type === 'selection') return pyStr(String(value));
  if (field.type === 'float' || field.type === 'monetary') return typeof value === 'number' ? pyValue(value + 0.0) : pyValue(value);
  return pyValue(value);
}

/** Python expression giving the id of a record for a required many2one. */
export function pyRecordId(plan: AddonPlan, comodel: string, seen: readonly string[] = []): string {
  const special: Record<string, string> = {
    'res.users': 'self.env.user.id',
    'res.company': 'self.env.company.id',
    'res.currency': 'self.env.company.currency_id.id',
    'res.partner': 'self.env["res.partner"].create({"name": "Test Partner"}).id',
    'res.country': 'self.env.ref("base.be").id',
    'uom.uom': 'self.env.ref("uom.product_uom_unit").id',
  };
  const target = plan.models.find((model) => model.name === comodel);
  if (target && !seen.includes(comodel)) return `self.env[${pyStr(comodel)}].create(${pyDict(createValues(plan, target, {}, [...seen, comodel]))}).id`;
  return special[comodel] ?? `self.env[${pyStr(comodel)}].search([], limit=1).id`;
}

/** Field → Python expression for a create() of `model`, merging explicit test values. */
export function createValues(
  plan: AddonPlan,
  model: PlannedModel,
  values: Record<string, TestValue>,
  seen: readonly string[] = [model.name],
): [string, string][] {
  const scalarGiven: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null || typeof value !== 'object') scalarGiven[name] = value;
  }
  const scalars = validScalarValues(model, scalarGiven) ?? {};
  const out = new Map<string, string>();
  for (const field of fieldsToFill(model)) {
    if (field.spec.type === 'many2one' && field.spec.comodel && !(field.name in values)) {
      out.set(field.name, pyRecordId(plan, field.spec.comodel, seen));
    } else if ((field.spec.type === 'binary' || field.spec.type === 'image') && !(field.name in values)) {
      out.set(field.name, pyStr(field.spec.type === 'image' ? TINY_PNG : 'dGVzdA=='));
    }
  }
  for (const [name, value] of Object.entries(scalars)) {
    const field = findField(model, name);
    if (field && !(name in values)) out.set(name, pyScalar(field.spec, value));
  }
  for (const [name, value] of Object.entries(values)) {
    const field = findField(model, name);
    out.set(name, field ? pyTestValue(plan, field, value, seen) : pyValue(value as never));
  }
  const order = model.fields.map((field) => field.name);
  return [...out.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

/** Renders a test value of the spec for a field: records to create, refs, lists for x2many. */
export function pyTestValue(plan: AddonPlan, field: PlannedField, value: TestValue, seen: readonly string[]): string {
  const comodel = field.spec.comodel;
  if (field.spec.type === 'many2one' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value['ref'] === 'string') return `self.env.ref(${pyStr(value['ref'])}).id`;
    const target = comodel ? findModel(plan, comodel) : undefined;
    const nested = (value['create'] ?? {}) as Record<string, TestValue>;
    if (target && target.kind === 'model') return `self.env[${pyStr(target.name)}].create(${pyDict(createValues(plan, target, nested, [...seen, target.name]))}).id`;
    return `self.env[${pyStr(comodel ?? '')}].create(${pyValue(nested as never)}).id`;
  }
  if ((field.spec.type === 'one2many' || field.spec.type === 'many2many') && Array.isArray(value)) {
    const target = comodel ? findModel(plan, comodel) : undefined;
    const commands = value.map((item) => {
      const nested = (item ?? {}) as Record<string, TestValue>;
      if (typeof nested['ref'] === 'string') return `Command.link(self.env.ref(${pyStr(nested['ref'])}).id)`;
      const inverse = field.spec.type === 'one2many' ? field.spec.inverse : undefined;
      if (target && target.kind === 'model') {
        const pairs = createValues(plan, target, nested, [...seen, target.name]).filter(([name]) => name !== inverse);
        return `Command.create(${pyDict(pairs)})`;
      }
      return `Command.create(${pyValue(nested as never)})`;
    });
    return `[${commands.join(', ')}]`;
  }
  if (value === null || typeof value !== 'object') return pyScalar(field.spec, value);
  return pyValue(value as never);
}

export function pyDict(pairs: [string, string][]): string {
  return `{${pairs.map(([key, value]) => `${pyStr(key)}: ${value}`).join(', ')}}`;
}
