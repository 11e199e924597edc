import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { pythonExpression } from '../../core/generator/render-expression.js';
import { ExpressionProblem } from '../../core/spec/expression/expression-ast.js';
import { typeExpression, type ResolvePath } from '../../core/spec/expression/type-expression.js';
import type { FieldSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml, loan } from './spec-helpers.js';

/** ModuleSpec 1.1: `compute: {expression}` and the constraints `condition` and `no_overlap`. */
const FIELDS: Record<string, FieldSpec> = {
  quantity: { type: 'integer' },
  price: { type: 'float' },
  name: { type: 'char' },
  state: { type: 'selection', options: { draft: 'Draft', done: 'Done' } },
  start: { type: 'date' },
  stop: { type: 'date' },
  partner_id: { type: 'many2one', comodel: 'res.partner' },
};
const resolve: ResolvePath = (path) => FIELDS[path[0] ?? ''] ?? `no field ${path.join('.')}`;

function python(source: string): string {
  return pythonExpression(typeExpression(source, resolve));
}

function problem(source: string): { message: string; column: number } {
  try {
    typeExpression(source, resolve);
  } catch (thrown) {
    assert.ok(thrown instanceof ExpressionProblem, String(thrown));
    return { message: thrown.message, column: thrown.column };
  }
  assert.fail(`${source} was accepted`);
}

describe('the expression language: parsed, type-checked, turned into Python', () => {
  it('writes arithmetic, date differences, texts and conditions as guarded Python', () => {
    assert.equal(python('quantity * price'), 'record.quantity * record.price');
    assert.equal(python('(quantity + 1) * price - 2'), '(record.quantity + 1) * record.price - 2');
    assert.equal(python('quantity - (price - 1)'), 'record.quantity - (record.price - 1)');
    assert.equal(
      python('stop - start'),
      '((record.stop - record.start).days if record.stop and record.start else 0)',
    );
    assert.equal(python('price / quantity'), '(record.price / record.quantity if record.quantity else 0.0)');
    assert.equal(python("name + ' x'"), '(record.name or "") + " x"');
    assert.equal(
      python("state == 'done' and not quantity > 2"),
      '(record.state or "") == "done" and not record.quantity > 2',
    );
    assert.equal(python('price if quantity > 0 else 0.0'), 'record.price if record.quantity > 0 else 0.0');
    assert.equal(
      python('stop >= start'),
      'bool(record.stop and record.start and record.stop >= record.start)',
    );
  });

  it('derives the read paths (for @api.depends) in order of first use', () => {
    assert.deepEqual(typeExpression('price * quantity + price', resolve).paths, ['price', 'quantity']);
  });

  it('refuses what is not the language or does not type, with the column', () => {
    assert.deepEqual(problem('quantity = 2'), { message: 'unexpected "=" (compare with ==)', column: 10 });
    assert.match(problem('__import__("os")').message, /unexpected \(: expected an operator or the end/);
    assert.match(problem('os.system').message, /no field os\.system/);
    assert.match(problem('quantity +').message, /ends too early/);
    assert.match(problem('name * 2').message, /\* multiplies numbers, not a text and a integer/);
    assert.match(problem('start + 1').message, /\+ adds two numbers or joins two texts/);
    assert.match(
      problem("state == 'dnoe'").message,
      /'dnoe' is not an option of the selection: expected one of draft, done/,
    );
    assert.match(problem('quantity and price').message, /and needs a condition/);
    assert.match(problem('partner_id').message, /partner_id is a many2one field: name one of its fields/);
    assert.match(problem('1 < quantity < 3').message, /cannot be chained/);
    assert.equal(problem("name + 'x").column, 8);
  });
});

describe('compute: {expression} in a spec', () => {
  it('accepts an expression over the fields of the spec, through a many2one', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['pages_twice'] = { type: 'integer', compute: { expression: 'book_id.pages * 2' } };
    });
  });

  it('refuses a wrong result type, reading itself, mixing with count, and a bad expression with path and line', () => {
    const yaml = libraryYaml((spec) => {
      loan(spec).fields['ratio'] = { type: 'integer', compute: { expression: 'book_id.pages / 2' } };
      loan(spec).fields['loop'] = { type: 'integer', compute: { expression: 'loop + 1' } };
      loan(spec).fields['mixed'] = { type: 'integer', compute: { expression: '1', count: 'x' } };
      loan(spec).fields['typo'] = { type: 'integer', compute: { expression: 'book_id.pgaes + 1' } };
    });
    const parsed = parseSpec(yaml);
    const errors = parsed.ok ? [] : parsed.errors;
    assertError(errors, 'models[1].fields.ratio.compute.expression', 'gives a float', 'set type: float');
    assertError(errors, 'models[1].fields.loop.compute.expression', 'reads loop itself');
    assertError(errors, 'models[1].fields.mixed.compute', 'computes the value alone');
    assertError(
      errors,
      'models[1].fields.typo.compute.expression',
      'column 1',
      'library.book has no field pgaes',
    );
    const line = yaml.split('\n').findIndex((text) => text.includes('book_id.pgaes + 1')) + 1;
    assert.equal(errors.find((e) => e.path === 'models[1].fields.typo.compute.expression')?.line, line);
  });

  it('generates the compute with @api.depends from the expression, on every series', () => {
    for (const series of ['16.0', '17.0', '18.0'] as const) {
      const parsed = parseSpec(
        libraryYaml((spec) => {
          spec['odoo'] = series;
          loan(spec).fields['pages_twice'] = {
            type: 'integer',
            compute: { expression: 'book_id.pages * 2' },
          };
        }),
      );
      assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
      const python = generate(parsed.spec).get('models/library_loan.py') ?? '';
      assert.match(python, /pages_twice = fields\.Integer\([^)]*compute="_compute_pages_twice",\s+store=True/);
      assert.match(
        python,
        /@api\.depends\("book_id\.pages"\)\n {4}def _compute_pages_twice\(self\):\n[^\n]*\n {8}for record in self:\n {12}record\.pages_twice = record\.book_id\.pages \* 2\n/,
      );
    }
  });
});

describe('constraints: condition and no_overlap', () => {
  it('refuses a condition that is not one, a bad no_overlap, and both in extend', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).constraints = [
        { condition: 'book_id.pages + 1', message: 'm' },
        { no_overlap: { same: 'loan_ids', start: 'date_out', end: 'date_out' }, message: 'm' },
        { condition: 'x > 1', check: 'true', message: 'm' },
      ];
      spec.extend[0]!.constraints = [{ condition: 'True', message: 'm' }];
    });
    assertError(errors, 'models[1].constraints[0].condition', 'gives true or false, not a integer');
    assertError(
      errors,
      'models[1].constraints[1].no_overlap.same',
      'loan_ids is not a stored field of library.loan',
    );
    assertError(errors, 'models[1].constraints[1].no_overlap.end', 'start and end are the same');
    assertError(errors, 'models[1].constraints[2]', 'expected exactly one of unique');
    assertError(errors, 'extend[0].constraints[0].condition', 'not to res.partner');
  });

  it('generates @api.constrains methods and a test of the overlap, leaving SQL constraints as they were', () => {
    const parsed = parseSpec(
      libraryYaml((spec) => {
        loan(spec).fields['date_back'] = { type: 'date' };
        loan(spec).constraints = [
          ...(loan(spec).constraints ?? []),
          { condition: 'date_back >= date_out', message: 'Back after out.' },
          {
            no_overlap: { same: 'book_id', start: 'date_out', end: 'date_back' },
            message: 'The book is lent then.',
          },
        ];
        book(spec).fields['dummy'] = { type: 'char' };
      }),
    );
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    const files = generate(parsed.spec);
    const python = files.get('models/library_loan.py') ?? '';
    assert.match(python, /from odoo\.exceptions import [^\n]*ValidationError/);
    assert.match(
      python,
      /@api\.constrains\("date_back", "date_out"\)\n {4}def _check_date_back_date_out\(self\):/,
    );
    assert.match(
      python,
      /record\.date_back\s+and record\.date_out\s+and not \(record\.date_back >= record\.date_out\)/,
    );
    assert.match(python, /@api\.constrains\("book_id", "date_out", "date_back"\)/);
    assert.match(
      python,
      /\("book_id", "=", record\.book_id\.id\),\n\s+\("date_out", "<", record\.date_back\),\n\s+\("date_back", ">", record\.date_out\),/,
    );
    assert.match(python, /raise ValidationError\(_\("The book is lent then\."\)\)/);
    assert.doesNotMatch(python, /"CHECK\(true\)"/, 'a Python constraint is no SQL constraint');
    const tests = files.get('tests/test_library_loan.py') ?? '';
    assert.match(tests, /def test_no_overlap_book_id_refuses_an_overlap\(self\):/);
    assert.match(
      tests,
      /with self\.assertRaises\(ValidationError\):\n\s+first\.copy\(\{"date_out": "2024-01-15", "date_back": "2024-01-25"\}\)/,
    );
  });
});
