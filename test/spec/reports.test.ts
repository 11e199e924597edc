import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml } from './spec-helpers.js';

/** ModuleSpec 1.1 `reports`: a QWeb PDF report of a record with its ir.actions.report. */
describe('reports (ModuleSpec 1.1): validation', () => {
  it('accepts fields of the model and columns of an addon comodel', () => {
    assertLibraryValid((spec) => {
      book(spec).reports = [
        { title: 'Shelf label', fields: ['title', 'display_name'], lines: { loan_ids: ['returned'] } },
      ];
    });
  });

  it('refuses an unknown field, a lines key that is not a one2many, an unknown column, a repeated title', () => {
    const errors = libraryErrors((spec) => {
      book(spec).reports = [
        {
          title: 'Card',
          fields: ['title', 'colour'],
          lines: { author_ids: ['name'], loan_ids: ['date_out', 'fine'] },
        },
        { title: 'card', fields: ['isbn'], lines: { shelf_ids: ['x'] } },
      ];
    });
    assertError(errors, 'models[0].reports[0].fields[1]', 'library.book has no field colour');
    assertError(errors, 'models[0].reports[0].lines.author_ids', 'many2many field', 'one2many');
    assertError(
      errors,
      'models[0].reports[0].lines.loan_ids[1]',
      'library.loan (the lines of loan_ids) has no field fine',
    );
    assertError(errors, 'models[0].reports[1].title', 'same title');
    assertError(errors, 'models[0].reports[1].lines.shelf_ids', 'has no field shelf_ids');
  });

  it('names the line of the wrong column and refuses reports without fields', () => {
    const yaml = libraryYaml((spec) => {
      book(spec).reports = [
        { title: 'Card', fields: ['title'], lines: { loan_ids: ['date_out', 'fine_amount'] } },
      ];
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    const error = errors.find((e) => e.path === 'models[0].reports[0].lines.loan_ids[1]');
    assert.ok(error, JSON.stringify(errors));
    assert.ok(
      error.line !== undefined && yaml.split('\n')[error.line - 1]!.includes('fine_amount'),
      JSON.stringify(error),
    );
    assertError(
      libraryErrors((spec) => (book(spec).reports = [{ title: 'Card', fields: [] }])),
      'models[0].reports[0].fields',
      'at least one field',
    );
  });
});

describe('reports (ModuleSpec 1.1): generated addon', () => {
  it('writes the template, the ir.actions.report bound to the model, the manifest entry and a test', () => {
    const parsed = parseSpec(
      libraryYaml((spec) => {
        book(spec).reports = [
          { title: 'Book card', fields: ['title', 'isbn'], lines: { loan_ids: ['partner_id', 'date_out'] } },
        ];
      }),
    );
    assert.ok(parsed.ok);
    const files = generate(parsed.spec);
    const xml = files.get('report/library_book_reports.xml') ?? '';
    assert.match(xml, /<template id="report_library_book_book_card">/);
    assert.match(xml, /t-call="web.html_container"/);
    assert.match(xml, /t-call="web.external_layout"/);
    assert.match(xml, /<tr t-foreach="o.loan_ids" t-as="line">/);
    assert.match(xml, /<span t-field="line.partner_id"\/>/);
    assert.match(xml, /<th>Member<\/th>/);
    assert.match(xml, /<field name="report_name">library_loans.report_library_book_book_card<\/field>/);
    assert.match(xml, /<field name="binding_model_id" ref="model_library_book"\/>/);
    assert.match(files.get('__manifest__.py') ?? '', /"report\/library_book_reports.xml"/);
    const test = files.get('tests/test_library_book.py') ?? '';
    assert.match(test, /def test_report_book_card_renders_the_record\(self\):/);
    assert.match(test, /_render_qweb_html\(report.report_name, record.ids\)/);
    assert.match(test, /self.assertIn\(record.isbn, html\)/);
  });

  it('leaves an addon without reports as it was', () => {
    const parsed = parseSpec(libraryYaml((spec) => delete book(spec).reports));
    assert.ok(parsed.ok);
    const files = generate(parsed.spec);
    assert.equal([...files.keys()].filter((path) => path.startsWith('report/')).length, 0);
    assert.doesNotMatch(files.get('__manifest__.py') ?? '', /report\//);
  });
});
