import type { SpecTest } from '../spec/module-spec.js';
import type { TestValue } from '../spec/module-spec-schema.js';
import { findField, type AddonPlan, type PlannedField, type PlannedModel } from './addon-plan.js';
import { licenseHeader } from './render-manifest.js';
import { floatTolerance } from './float-tolerance.js';
import { pyStr, slugIdentifier } from './python-literal.js';
import { noOverlapTest } from './render-overlap-test.js';
import { reportTests } from './render-report-test.js';
import { sequenceTest } from './render-sequence-test.js';
import { defaultStagesTest, stageFieldTest } from './render-stage-test.js';
import { stageFields } from './render-stages.js';
import { scheduledJobTests } from './render-scheduled-test.js';
import { mailTemplateTests } from './render-mail-test.js';
import { wizardTests } from './render-wizard-test.js';
import { moreViewTests } from './render-more-views-test.js';
import { companyTests } from './render-company-test.js';
import { dataRecordsTest } from './render-data-test.js';
import { candidates, createValues, pyDict, pyRecordId, pyScalar, validScalarValues, violatingScalarValues } from './sample-values.js';
import type { SqlValue } from '../sql/sql-check-eval.js';

/**
 * `tests/test_<model>.py`: smoke tests for every model (create with the required values, every
 * workflow transition and refusal, every constraint refusing a bad value) plus the spec's own
 * tests. Written with Odoo's TransactionCase; SQL errors are asserted inside Odoo's savepoint
 * handling (`assertRaises`) with `odoo.sql_db` muted, and flushed inside the block.
 */
export function renderModelTests(plan: AddonPlan, model: PlannedModel): string {
  const methods: string[][] = [];
  const used = new Set<string>();
  const name = (base: string): string => {
    let candidate = `test_${slugIdentifier(base)}`;
    for (let n = 2; used.has(candidate); n += 1) candidate = `test_${slugIdentifier(base)}_${n}`;
    used.add(candidate);
    return candidate;
  };
  if (model.kind === 'model') {
    const given = new Set(createValues(plan, model, {}).map(([field]) => field));
    methods.push(createTest(name('create with required values'), model, given));
    if (model.sequence) methods.push(sequenceTest(model, model.sequence, name));
    if (model.stages) methods.push(defaultStagesTest(plan, model, model.stages, name));
    for (const field of stageFields(model)) methods.push(stageFieldTest(model, field, name));
    methods.push(...scheduledJobTests(plan, model, name));
    methods.push(...reportTests(plan, model, name));
    methods.push(...mailTemplateTests(plan, model, name));
    methods.push(...wizardTests(plan, model, name));
    methods.push(...moreViewTests(plan, model, name));
    methods.push(...companyTests(plan, model, name));
    methods.push(...dataRecordsTest(plan, model, name));
    for (const constraint of model.pythonConstraints ?? []) {
      if (constraint.spec.no_overlap) methods.push(noOverlapTest(model, constraint, name));
    }
    for (const button of model.workflow?.buttons ?? []) methods.push(...workflowTests(model, button, name));
    for (const constraint of model.constraints) {
      const method = constraintTest(plan, model, constraint.name, name);
      if (method) methods.push(method);
    }
  }
  for (const test of plan.spec.tests ?? []) {
    if (test.create.model === model.name) methods.push(specTest(plan, model, test, name(test.name)));
  }
  const body = [
    `class Test${model.className}(TransactionCase):`,
    '    def _create_record(self, **values):',
    ...valsLines(model.kind === 'model' ? createValues(plan, model, {}) : extensionBase(model)),
    '        vals.update(values)',
    `        return self.env[${pyStr(model.name)}].create(vals)`,
    ...methods.flatMap((method) => ['', ...method.map((line) => (line ? `    ${line}` : ''))]),
  ].join('\n');
  return `${licenseHeader(plan)}${imports(body)}\n\n\n${body}\n`;
}

/** `vals = {...}` on one line when short, one key per line otherwise (as black would). */
function valsLines(pairs: [string, string][]): string[] {
  const oneLine = `        vals = ${pyDict(pairs)}`;
  if (oneLine.length <= 88) return [oneLine];
  return ['        vals = {', ...pairs.map(([key, value]) => `            ${pyStr(key)}: ${value},`), '        }'];
}

function imports(body: string): string {
  const lines: string[] = [];
  if (body.includes('IntegrityError')) lines.push('from psycopg2 import IntegrityError', '');
  if (body.includes('ValidationError')) lines.push('from odoo.exceptions import ValidationError');
  if (body.includes('Command.')) lines.push('from odoo import Command');
  if (body.includes('UserError')) lines.push('from odoo.exceptions import UserError');
  if (body.includes('AccessError')) lines.push('from odoo.exceptions import AccessError');
  lines.push(body.includes('Form(') ? 'from odoo.tests import Form, TransactionCase' : 'from odoo.tests import TransactionCase');
  if (body.includes('mute_logger')) lines.push('from odoo.tools import mute_logger');
  return lines.join('\n');
}

/** Existing models have required fields we do not know; `name` is the usual one. */
function extensionBase(model: PlannedModel): [string, string][] {
  const named = ['res.partner', 'product.template', 'product.product', 'res.partner.category', 'project.project', 'crm.team'];
  return named.includes(model.name) ? [['name', pyStr(`Test ${model.name}`)]] : [];
}

function createTest(method: string, model: PlannedModel, given: ReadonlySet<string>): string[] {
  const lines = [`def ${method}(self):`, '    record = self._create_record()', '    self.assertTrue(record.exists())'];
  // Defaults are asserted only for fields the create leaves to them.
  for (const field of model.fields.filter((candidate) => !given.has(candidate.name))) {
    const assertion = defaultAssertion(field);
    if (assertion) lines.push(`    ${assertion}`);
  }
  return lines;
}

function defaultAssertion(field: PlannedField): string | undefined {
  const spec = field.spec;
  if (spec.compute?.count) return `self.assertEqual(record.${field.name}, 0)`;
  if (spec.required && spec.default === undefined) return undefined;
  if (spec.default === undefined || ['today', 'now', 'current_user', 'company_currency'].includes(String(spec.default))) return undefined;
  if (spec.type === 'boolean') return `self.assert${spec.default ? 'True' : 'False'}(record.${field.name})`;
  if (spec.type === 'float' || spec.type === 'monetary') return `self.assertAlmostEqual(record.${field.name}, ${pyScalar(spec, spec.default)}${floatTolerance(spec, spec.default)})`;
  if (spec.type === 'selection') return `self.assertEqual(record.${field.name}, ${pyStr(String(spec.default))})`;
  if (['char', 'text', 'integer'].includes(spec.type)) return `self.assertEqual(record.${field.name}, ${pyScalar(spec, spec.default)})`;
  return undefined;
}

function workflowTests(
  model: PlannedModel,
  button: { name: string; label: string; from: string[]; to: string },
  name: (base: string) => string,
): string[][] {
  const field = model.workflow?.field ?? 'state';
  const options = Object.keys(findField(model, field)?.spec.options ?? {});
  const start = button.from[0] ?? '';
  const tests: string[][] = [
    [
      `def ${name(`${button.name} from ${start}`)}(self):`,
      '    record = self._create_record()',
      `    record.write({${pyStr(field)}: ${pyStr(start)}})`,
      `    record.${button.name}()`,
      `    self.assertEqual(record.${field}, ${pyStr(button.to)})`,
    ],
  ];
  const wrong = options.find((state) => !button.from.includes(state));
  if (wrong !== undefined) {
    tests.push([
      `def ${name(`${button.name} refused from ${wrong}`)}(self):`,
      '    record = self._create_record()',
      `    record.write({${pyStr(field)}: ${pyStr(wrong)}})`,
      '    with self.assertRaises(UserError):',
      `        record.${button.name}()`,
      `    self.assertEqual(record.${field}, ${pyStr(wrong)})`,
    ]);
  }
  return tests;
}

/** A value for a unique column no valid sample covers: a key of a selection, not free text. */
function uniqueTestValue(field: PlannedField): SqlValue | undefined {
  const type = field.spec.type;
  if (type === 'boolean') return true;
  if (type === 'integer') return 1;
  if (type === 'float' || type === 'monetary') return 1.5;
  if (type === 'char' || type === 'text') return 'Unique test value';
  return candidates(field.spec)[0];
}

function constraintTest(plan: AddonPlan, model: PlannedModel, constraintName: string, name: (base: string) => string): string[] | undefined {
  const constraint = model.constraints.find((candidate) => candidate.name === constraintName);
  if (!constraint) return undefined;
  if (constraint.kind === 'unique') {
    const columns = constraint.spec.unique ?? [];
    const scalars = columns.map((column) => findField(model, column)).filter((field): field is PlannedField => field !== undefined);
    const base = validScalarValues(model) ?? {};
    const values: [string, string][] = [];
    const setup: string[] = [];
    for (const field of scalars) {
      if (field.spec.type === 'many2one') {
        setup.push(`    ${field.name} = ${pyRecordId(plan, field.spec.comodel ?? '')}`);
        values.push([field.name, field.name]);
      } else {
        // A computed or related column is not given: create() would ignore it.
        if (field.spec.compute !== undefined || field.spec.related !== undefined) continue;
        const value = base[field.name] ?? uniqueTestValue(field);
        if (value === undefined) return undefined;
        values.push([field.name, pyScalar(field.spec, value)]);
      }
    }
    const kwargs = values.map(([key, value]) => `${key}=${value}`).join(', ');
    return [
      `def ${name(`constraint ${constraint.name}`)}(self):`,
      ...setup,
      `    self._create_record(${kwargs})`,
      '    with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):',
      `        self._create_record(${kwargs})`,
      '        self.env.flush_all()',
    ];
  }
  const bad = violatingScalarValues(model, constraint.name);
  if (!bad) return undefined;
  const kwargs = Object.entries(bad)
    .map(([key, value]) => {
      const field = findField(model, key);
      return field ? `${key}=${pyScalar(field.spec, value)}` : undefined;
    })
    .filter((item): item is string => item !== undefined)
    .join(', ');
  return [
    `def ${name(`constraint ${constraint.name}`)}(self):`,
    '    with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):',
    `        self._create_record(${kwargs})`,
    '        self.env.flush_all()',
  ];
}

function specTest(plan: AddonPlan, model: PlannedModel, test: SpecTest, method: string): string[] {
  const values = test.create.values ?? {};
  const pairs = model.kind === 'model' ? createValues(plan, model, values) : [...extensionBase(model).filter(([key]) => !(key in values)), ...createValues(plan, model, values)];
  const create = `self.env[${pyStr(model.name)}].create(${pyDict(pairs)})`;
  const lines = [`def ${method}(self):`, `    """${test.name.replace(/\\/g, '/').replace(/"/g, "'")}"""`];
  if (test.expect_error && !test.call) {
    return [...lines, '    with mute_logger("odoo.sql_db"), self.assertRaises(Exception):', `        ${create}`, '        self.env.flush_all()'];
  }
  lines.push(`    record = ${create}`);
  if (test.call) {
    if (test.expect_error) return [...lines, '    with self.assertRaises(UserError):', `        record.${test.call}()`];
    lines.push(`    record.${test.call}()`);
  }
  for (const [fieldName, expected] of Object.entries(test.expect ?? {})) {
    lines.push(`    ${expectation(findField(model, fieldName), fieldName, expected)}`);
  }
  if (!test.expect || Object.keys(test.expect).length === 0) lines.push('    self.assertTrue(record.exists())');
  return lines;
}

function expectation(field: PlannedField | undefined, name: string, expected: TestValue): string {
  const type = field?.spec.type;
  if (expected === null) return `self.assertFalse(record.${name})`;
  if ((type === 'one2many' || type === 'many2many') && typeof expected === 'number') return `self.assertEqual(len(record.${name}), ${expected})`;
  if (type === 'many2one' && typeof expected === 'object' && !Array.isArray(expected) && typeof expected['ref'] === 'string') {
    return `self.assertEqual(record.${name}, self.env.ref(${pyStr(expected['ref'])}))`;
  }
  if (type === 'many2one' && typeof expected === 'string') return `self.assertEqual(record.${name}.display_name, ${pyStr(expected)})`;
  if ((type === 'float' || type === 'monetary') && typeof expected === 'number') return `self.assertAlmostEqual(record.${name}, ${pyScalar(field?.spec ?? { type: 'float' }, expected)}${floatTolerance(field?.spec, expected)})`;
  if ((type === 'date' || type === 'datetime') && typeof expected === 'string') return `self.assertEqual(str(record.${name}), ${pyStr(expected)})`;
  if (type === 'selection' && (typeof expected === 'string' || typeof expected === 'number')) return `self.assertEqual(record.${name}, ${pyStr(String(expected))})`;
  if (typeof expected === 'boolean') return `self.assert${expected ? 'True' : 'False'}(record.${name})`;
  if (typeof expected === 'string' || typeof expected === 'number') return `self.assertEqual(record.${name}, ${field ? pyScalar(field.spec, expected) : pyStr(String(expected))})`;
  return `self.assertTrue(record.${name})`;
}
