import { checkPasses, compileSqlCheck, type SqlValue } from '../../sql/sql-check-eval.js';
import type { SpecReferenceError } from '../check-spec-references.js';
import type { TestValue } from '../module-spec-schema.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import type { SpecPath } from './spec-model-index.js';

const TOKENS = new Set(['today', 'now', 'current_user', 'company_currency']);

/**
 * Records the spec writes out in full that break one of their model's CHECK constraints:
 * a test that does not expect an error (its create would fail), and a demo record (the install
 * would fail). The CHECK is evaluated with the record's values and the fields' defaults; a test
 * whose values leave a column of the CHECK open is skipped, since Forge fills it with a value
 * that passes. Expressions the evaluator does not understand are skipped too. A test's nested
 * records (one2many/many2many lines, many2one `{create: …}`) are created with it: each is checked
 * against its own model's CHECKs and reported at its own path.
 */
export function checkRecordConstraints(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const models = new Map((spec.models ?? []).map((model) => [model.name, model] as const));
  (spec.tests ?? []).forEach((test, t) => {
    const model = models.get(test.create.model);
    if (!model || test.expect_error === true) return;
    const broken = brokenChecks(model, test.create.values ?? {}, 'open');
    if (broken.length > 0) {
      errors.push({
        pathKeys: ['tests', t, 'create', 'values'],
        message: `${broken.join('; ')}: creating the record fails, so add expect_error: true or change the values`,
      });
    }
    for (const nested of nestedRecords(models, model, test.create.values ?? {}, [
      'tests',
      t,
      'create',
      'values',
    ])) {
      const brokenNested = brokenChecks(nested.model, nested.values, 'open');
      if (brokenNested.length > 0) {
        errors.push({
          pathKeys: nested.at,
          message: `${brokenNested.join('; ')} of ${nested.model.name}: creating this ${nested.kind} fails, and the test's record with it, so add expect_error: true or change the values`,
        });
      }
    }
  });
  for (const [modelName, records] of Object.entries(spec.demo ?? {})) {
    const model = models.get(modelName);
    if (!model) continue;
    records.forEach((values, r) => {
      const broken = brokenChecks(model, values, 'null');
      if (broken.length > 0) {
        errors.push({
          pathKeys: ['demo', modelName, r],
          message: `${broken.join('; ')}: the install would fail`,
        });
      }
    });
  }
  return errors;
}

/**
 * The CHECK constraints a record breaks, described for users. `missing` says what a column
 * nobody set holds: `null` (demo data, stored as given) or `open` (tests fill it: skip the check).
 */
export function brokenChecks(
  model: ModelSpec,
  values: Record<string, TestValue>,
  missing: 'null' | 'open',
): string[] {
  const row: Record<string, SqlValue> = {};
  const unknown = new Set<string>();
  for (const [name, field] of Object.entries(model.fields)) {
    const given = values[name];
    if (given !== undefined) {
      if (given === null || typeof given !== 'object') row[name] = given;
      else unknown.add(name);
    } else if (field.default !== undefined && !TOKENS.has(String(field.default))) {
      row[name] = field.type === 'selection' ? String(field.default) : field.default;
    } else if (
      field.default !== undefined ||
      field.sequence !== undefined ||
      missing === 'open' ||
      field.compute !== undefined ||
      field.related !== undefined
    ) {
      unknown.add(name);
    } else row[name] = null;
  }
  const broken: string[] = [];
  for (const constraint of model.constraints ?? []) {
    if (constraint.check === undefined) continue;
    const compiled = compileSqlCheck(constraint.check);
    if (!compiled || compiled.columns.some((column) => unknown.has(column) || !(column in row))) continue;
    if (!checkPasses(compiled.evaluate(row)))
      broken.push(`these values break the constraint "${constraint.check}" (${constraint.message})`);
  }
  return broken;
}

interface NestedRecord {
  model: ModelSpec;
  values: Record<string, TestValue>;
  at: SpecPath;
  /** How the record is written: a line of a one2many/many2many, or a many2one's `{create: …}`. */
  kind: 'line' | 'record';
}

type Mapping = { [key: string]: TestValue };

function isMapping(value: TestValue | undefined): value is Mapping {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The records a test's values create along with it, at any depth, on models of the spec: the
 * lines of its one2many and many2many fields (a `{ref: …}` links an existing record) and its
 * many2one `{create: …}`. A one2many line's inverse is set by Odoo, so it is left open. Values
 * of the wrong shape are reported by checkRecordValues and skipped here.
 */
function nestedRecords(
  models: ReadonlyMap<string, ModelSpec>,
  model: ModelSpec,
  values: Record<string, TestValue>,
  at: SpecPath,
): NestedRecord[] {
  const found: NestedRecord[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = model.fields[name];
    const comodel = field?.comodel === undefined ? undefined : models.get(field.comodel);
    if (!field || !comodel) continue;
    const add = (record: Mapping, path: SpecPath, kind: NestedRecord['kind'], inverse?: string) => {
      const own = Object.fromEntries(Object.entries(record).filter(([key]) => key !== inverse));
      found.push(
        { model: comodel, values: own, at: path, kind },
        ...nestedRecords(models, comodel, own, path),
      );
    };
    if (field.type === 'many2one' && isMapping(value) && Object.keys(value).length === 1) {
      const create = value['create'];
      if (isMapping(create)) add(create, [...at, name, 'create'], 'record');
    } else if ((field.type === 'one2many' || field.type === 'many2many') && Array.isArray(value)) {
      value.forEach((item, j) => {
        const isRef = isMapping(item) && Object.keys(item).length === 1 && typeof item['ref'] === 'string';
        if (isMapping(item) && !isRef)
          add(item, [...at, name, j], 'line', field.type === 'one2many' ? field.inverse : undefined);
      });
    }
  }
  return found;
}
