import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml, loan } from './spec-helpers.js';

/** ModuleSpec 1.1 `sequence`: a char field numbered by an ir.sequence. */
describe('sequence (ModuleSpec 1.1): validation', () => {
  it('accepts a numbered char field with date parts, %% and a padding', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['number'] = {
        type: 'char',
        sequence: { prefix: 'LOAN/%(year)s/%(month)s-', suffix: '%%', padding: 5 },
      };
    });
  });

  it('refuses it on another type, with a default, computed or related, twice in a model, in extend', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['number'] = { type: 'integer', sequence: {} };
      loan(spec).fields['code'] = { type: 'char', default: 'X', sequence: {} };
      book(spec).fields['ref_one'] = { type: 'char', sequence: {} };
      book(spec).fields['ref_two'] = { type: 'char', sequence: {} };
      spec.extend[0]!.fields['partner_ref'] = { type: 'char', sequence: {} };
    });
    assertError(errors, 'models[1].fields.number.sequence', 'sequence only applies to char fields');
    assertError(errors, 'models[1].fields.code.default', 'shows "New"', 'remove default');
    assertError(errors, 'models[0].fields.ref_two.sequence', 'already numbers ref_one', 'one numbered field');
    assertError(errors, 'extend[0].fields.partner_ref.sequence', 'not of res.partner');
  });

  it('refuses unknown date parts and a bare %, with the line of the key', () => {
    const yaml = libraryYaml((spec) => {
      loan(spec).fields['number'] = { type: 'char', sequence: { prefix: 'L/%(yaer)s/', suffix: '-5%' } };
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    assertError(errors, 'models[1].fields.number.sequence.prefix', 'unknown date part %(yaer)s', '%(year)s');
    assertError(errors, 'models[1].fields.number.sequence.suffix', '%% for a percent sign');
    const line = yaml.split('\n').findIndex((text) => text.includes('prefix: L/%(yaer)s/')) + 1;
    assert.equal(errors.find((e) => e.path.endsWith('sequence.prefix'))?.line, line);
  });

  it('refuses a padding that is not 1 to 12 digits', () => {
    assertError(
      libraryErrors((spec) => (loan(spec).fields['number'] = { type: 'char', sequence: { padding: 0 } })),
      'models[1].fields.number.sequence.padding',
      'at least 1 digit',
    );
  });
});

describe('sequence (ModuleSpec 1.1): generation for 16.0, 17.0 and 18.0', () => {
  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`${series}: a noupdate ir.sequence, "New" until create() numbers it, a test of the number's shape`, () => {
      const parsed = parseSpec(
        libraryYaml((spec) => {
          spec['odoo'] = series;
          loan(spec).fields['number'] = {
            type: 'char',
            required: true,
            sequence: { prefix: 'LOAN/%(year)s/' },
          };
        }),
      );
      assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
      const files = generate(parsed.spec);
      const data = files.get('data/ir_sequence_data.xml') ?? '';
      assert.match(data, /<odoo noupdate="1">/);
      assert.match(data, /<field name="code">library\.loan<\/field>/);
      assert.match(data, /<field name="prefix">LOAN\/%\(year\)s\/<\/field>/);
      assert.match(data, /<field name="padding" eval="4"\/>/);
      assert.match(
        files.get('__manifest__.py') ?? '',
        /"security\/ir\.model\.access\.csv",\n\s+"data\/ir_sequence_data\.xml",/,
      );
      const python = files.get('models/library_loan.py') ?? '';
      assert.match(python, /from odoo import .*\bapi\b/);
      assert.match(python, /number = fields\.Char\([^)]*readonly=True,[^)]*copy=False,[^)]*default="New"/s);
      assert.match(python, /@api\.model_create_multi\n {4}def create\(self, vals_list\):/);
      assert.match(python, /next_by_code\("library\.loan"\) or "New"/);
      const tests = files.get('tests/test_library_loan.py') ?? '';
      assert.match(tests, /def test_number_numbered_on_create\(self\):/);
      assert.match(tests, /assertRegex\(record\.number, "\^LOAN\/\\\\d\{4\}\/\\\\d\{4,\}\$"\)/);
      assert.doesNotMatch(tests.split('def test_')[0] ?? '', /"number"/, 'create() is not given a number');
    });
  }

  it('numbers per company when the model has a company_id', () => {
    const parsed = parseSpec(
      libraryYaml((spec) => {
        loan(spec).fields['number'] = { type: 'char', sequence: {} };
        loan(spec).fields['company_id'] = { type: 'many2one', comodel: 'res.company' };
      }),
    );
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    assert.match(
      generate(parsed.spec).get('models/library_loan.py') ?? '',
      /with_company\(vals\.get\("company_id"\) or self\.env\.company\.id\)\.next_by_code/,
    );
  });
});
