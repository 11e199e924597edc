import { checkPasses, compileSqlCheck, type SqlValue } from '../../sql/sql-check-eval.js';
import type { SpecReferenceError } from '../check-spec-references.js';
import type { TestValue } from '../module-spec-schema.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';

const TOKENS = new Set(['today', 'now', 'current_user', 'company_currency']);

/**
 * Records the spec writes out in full that break one of their model's CHECK constraints:
 * a test that does not expect an error (its create would fail), and a demo record (the install
 * would fail). The CHECK is evaluated with the record's values and the fields' defaults; a test
 * whose values leave a column of the CHECK open is skipped, since Forge fills it with a value
 * that passes. Expressions the evaluator does not understand are skipped too.
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
