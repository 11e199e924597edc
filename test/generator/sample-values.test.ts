import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planAddon, type AddonPlan, type PlannedModel } from '../../core/generator/addon-plan.js';
import {
  candidates,
  createValues,
  fieldsToFill,
  pyDict,
  pyRecordId,
  pyScalar,
  validScalarValues,
  violatingScalarValues,
} from '../../core/generator/sample-values.js';
import { checkPasses, compileSqlCheck, type SqlValue } from '../../core/sql/sql-check-eval.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

const SPEC = `
spec_version: 1
odoo: "17.0"
module: {name: sample_values, title: Sample values}
models:
  - name: sample.item
    title: Item
    fields:
      name: {type: char, required: true}
      qty: {type: integer, required: true}
      start: {type: date, required: true}
      stop: {type: date}
      state: {type: selection, options: {draft: Draft, done: Done, cancel: Cancelled}, default: done}
      code: {type: char}
      partner_id: {type: many2one, comodel: res.partner, required: true}
      picture: {type: image, required: true}
      kind_id: {type: many2one, comodel: sample.kind, required: true, ondelete: restrict}
      note: {type: text, required: true, default: Nothing}
      count: {type: integer, compute: {count: tag_ids}}
      tag_ids: {type: many2many, comodel: sample.kind, string: Tags}
      kind_name: {type: char, related: kind_id.name}
    constraints:
      - {name: qty_positive, check: "qty > 0", message: Positive.}
      - {name: qty_small, check: "qty <= 100", message: Small.}
      - {name: dates_ok, check: "stop IS NULL OR stop >= start", message: Dates.}
      - {name: state_ok, check: "state IN ('draft', 'done')", message: State.}
      - {name: code_len, check: "code IS NULL OR length(code) BETWEEN 2 AND 3", message: Code.}
      - {name: name_unique, unique: [name], message: Unique.}
  - name: sample.kind
    title: Kind
    fields:
      name: {type: char, required: true}
      level: {type: integer}
    constraints:
      - {name: name_odd, check: "name ILIKE '%x%'", message: Not understood by the evaluator.}
      - {name: level_positive, check: "level > 0", message: Positive.}
  - name: sample.range
    title: Range
    fields:
      low: {type: float}
      high: {type: float, required: true}
    constraints:
      - {name: range_ok, check: "low IS NULL OR high >= low", message: Range.}
      - {name: high_positive, check: "high > 0", message: Positive.}
  # Eight checked columns: more combinations than the search tries (4096).
  - name: sample.wide
    title: Wide
    fields:
      name: {type: char, required: true}
      qty: {type: integer, required: true}
      low: {type: float}
      high: {type: float}
      start: {type: date, required: true}
      stop: {type: date}
      state: {type: selection, options: {draft: Draft, done: Done, cancel: Cancelled}, default: done}
      code: {type: char}
    constraints:
      - {check: "qty > 0", message: Positive.}
      - {check: "high IS NULL OR low IS NULL OR high >= low", message: Range.}
      - {check: "stop IS NULL OR stop >= start", message: Dates.}
      - {check: "state IN ('draft', 'done')", message: State.}
      - {check: "code IS NULL OR length(code) BETWEEN 2 AND 3", message: Code.}
`;

function plan(source = SPEC): AddonPlan {
  const parsed = parseSpec(source);
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  return planAddon(parsed.spec);
}

function model(addon: AddonPlan, name: string): PlannedModel {
  const found = addon.models.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
}

/** The outcome of every CHECK of `item` for a row: constraint name → passes. */
function outcomes(item: PlannedModel, row: Record<string, SqlValue>): Record<string, boolean> {
  return Object.fromEntries(
    item.constraints
      .filter((constraint) => constraint.kind === 'check')
      .map((constraint) => {
        const compiled = compileSqlCheck(constraint.spec.check ?? '');
        assert.ok(compiled, constraint.name);
        return [constraint.name, checkPasses(compiled.evaluate(row))];
      }),
  );
}

/** Defaults the record gets when the create does not set the field. */
const DEFAULTS: Record<string, SqlValue> = { state: 'done', note: 'Nothing' };

describe('sample values for generated tests', () => {
  const addon = plan();
  const item = model(addon, 'sample.item');
  const checks = item.constraints
    .filter((constraint) => constraint.kind === 'check')
    .map((constraint) => constraint.name);

  it('fills the required settable fields only (no default, not computed, related or x2many)', () => {
    assert.deepEqual(
      fieldsToFill(item).map((field) => field.name),
      ['name', 'qty', 'start', 'partner_id', 'picture', 'kind_id'],
    );
  });

  it('offers candidates by type, the selection default first', () => {
    const field = (name: string) =>
      item.fields.find((candidate) => candidate.name === name)?.spec ?? { type: 'char' as const };
    assert.deepEqual(candidates(field('state')), ['done', 'draft', 'cancel']);
    assert.ok(
      candidates(field('qty')).includes(0) &&
        candidates(field('qty')).some((value) => typeof value === 'number' && value < 0),
    );
    assert.deepEqual(candidates(field('partner_id')), []);
    assert.ok(
      candidates(field('start')).every(
        (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
      ),
    );
  });

  it('finds valid values that satisfy every CHECK, setting the required columns (optional ones stay NULL)', () => {
    const valid = validScalarValues(item);
    assert.ok(valid);
    for (const column of ['name', 'qty', 'start']) assert.ok(column in valid, `${column} is set`);
    assert.ok(
      Object.values(valid).every((value) => value !== null),
      'NULL is left out of the create',
    );
    assert.deepEqual(
      outcomes(item, { ...DEFAULTS, ...valid }),
      Object.fromEntries(checks.map((name) => [name, true])),
    );
  });

  it('keeps given values and still satisfies the checks around them', () => {
    const valid = validScalarValues(item, { qty: 100, start: '2024-01-20' });
    assert.ok(valid);
    assert.equal('qty' in valid, false, 'a given value is not chosen again');
    const row = { ...DEFAULTS, qty: 100, start: '2024-01-20', ...valid };
    assert.deepEqual(outcomes(item, row), Object.fromEntries(checks.map((name) => [name, true])));
  });

  for (const target of ['qty_positive', 'qty_small', 'dates_ok', 'state_ok', 'code_len']) {
    it(`finds values that break exactly ${target}`, () => {
      const bad = violatingScalarValues(item, target);
      assert.ok(bad, `values for ${target}`);
      const result = outcomes(item, { ...DEFAULTS, ...bad });
      assert.deepEqual(result, Object.fromEntries(checks.map((name) => [name, name !== target])));
    });
  }

  it('breaks a check that compares two columns, keeping the other check true', () => {
    const range = model(addon, 'sample.range');
    const valid = validScalarValues(range);
    assert.ok(valid);
    assert.deepEqual(outcomes(range, valid), { range_ok: true, high_positive: true });
    const bad = violatingScalarValues(range, 'range_ok');
    assert.ok(bad);
    assert.deepEqual(outcomes(range, bad), { range_ok: false, high_positive: true });
    assert.ok(typeof bad['low'] === 'number' && typeof bad['high'] === 'number' && bad['high'] < bad['low']);
  });

  it('finds valid values for a model whose checks read eight columns', () => {
    const wide = model(addon, 'sample.wide');
    const valid = validScalarValues(wide);
    assert.ok(valid, 'valid values exist, e.g. qty 1 with every optional column NULL');
    assert.ok(Object.values(outcomes(wide, { state: 'done', ...valid })).every(Boolean));
  });

  it('gives up (undefined) for a unique constraint, an unknown name, or a model with a check it cannot read', () => {
    assert.equal(violatingScalarValues(item, 'name_unique'), undefined);
    assert.equal(violatingScalarValues(item, 'no_such_constraint'), undefined);
    const kind = model(addon, 'sample.kind');
    assert.equal(violatingScalarValues(kind, 'level_positive'), undefined);
    assert.deepEqual(
      validScalarValues(kind),
      { name: 'Test value' },
      'required fields get first candidates, and the rest is hoped for',
    );
  });

  it('writes create values as Python: records for required many2one, a real PNG for images, given values last', () => {
    const pairs = Object.fromEntries(createValues(addon, item, {}));
    assert.equal(pairs['partner_id'], 'self.env["res.partner"].create({"name": "Test Partner"}).id');
    assert.equal(pairs['kind_id'], 'self.env["sample.kind"].create({"name": "Test value"}).id');
    assert.match(pairs['picture'] ?? '', /^"iVBORw0KGgo/);
    assert.equal(pairs['qty'] !== undefined && Number(pairs['qty']) > 0 && Number(pairs['qty']) <= 100, true);
    const given = Object.fromEntries(
      createValues(addon, item, {
        qty: 7,
        kind_id: { create: { name: 'Custom' } },
        tag_ids: [{ name: 'A' }],
      }),
    );
    assert.equal(given['qty'], '7');
    assert.equal(given['kind_id'], 'self.env["sample.kind"].create({"name": "Custom"}).id');
    assert.equal(given['tag_ids'], '[Command.create({"name": "A"})]');
    assert.equal(
      pyDict([
        ['a', '1'],
        ['b', '"x"'],
      ]),
      '{"a": 1, "b": "x"}',
    );
  });

  it('creates related records for external comodels it knows, and searches for the others', () => {
    assert.equal(pyRecordId(addon, 'res.users'), 'self.env.user.id');
    assert.equal(pyRecordId(addon, 'res.currency'), 'self.env.company.currency_id.id');
    assert.equal(pyRecordId(addon, 'product.product'), 'self.env["product.product"].search([], limit=1).id');
    assert.equal(
      pyRecordId(addon, 'sample.kind', ['sample.kind']),
      'self.env["sample.kind"].search([], limit=1).id',
      'no endless recursion',
    );
  });

  it('renders scalars for their field type (NULL is False)', () => {
    assert.match(
      pyScalar({ type: 'float' }, 1),
      /^1(\.0)?$/,
      'a whole float is a Python number (int or float: Odoo takes both)',
    );
    assert.equal(pyScalar({ type: 'monetary' }, 2.5), '2.5');
    assert.equal(pyScalar({ type: 'integer' }, 3), '3');
    assert.equal(pyScalar({ type: 'char' }, 'it\'s "x"'), '"it\'s \\"x\\""');
    assert.equal(pyScalar({ type: 'boolean' }, true), 'True');
    assert.equal(pyScalar({ type: 'date' }, null), 'False');
  });
});
