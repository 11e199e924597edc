import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import {
  assertError,
  assertLibraryValid,
  book,
  library,
  libraryErrors,
  libraryYaml,
  loan,
} from './spec-helpers.js';

/** ModuleSpec 1.1 `wizards`: a transient model acting on the selected records. */
describe('wizards (ModuleSpec 1.1): validation', () => {
  it('accepts a wizard that writes a many2one and a selection and moves the records', () => {
    assertLibraryValid((spec) => {
      book(spec).wizards = [
        {
          name: 'lend',
          label: 'Lend',
          fields: {
            state: { type: 'selection', options: { lent: 'Lent' } },
            currency_id: { type: 'many2one', comodel: 'res.currency' },
            note: { type: 'char' },
          },
          write: ['currency_id'],
          move_to: 'draft',
        },
      ];
    });
  });

  it('refuses unknown, computed and mistyped written fields, a move_to no button leads to, repeated names', () => {
    const errors = libraryErrors((spec) => {
      book(spec).wizards = [
        {
          name: 'bulk',
          label: 'Bulk',
          fields: {
            pages: { type: 'char' },
            loan_count: { type: 'integer' },
            colour: { type: 'char' },
            currency_id: { type: 'many2one', comodel: 'res.partner' },
          },
          write: ['pages', 'loan_count', 'colour', 'missing', 'currency_id'],
          move_to: 'lent',
        },
        { name: 'bulk', label: 'Again', move_to: 'available', button: false, list_action: false },
      ];
      loan(spec).wizards = [{ name: 'noop', label: 'Nothing' }];
    });
    assertError(errors, 'models[0].wizards[0].write[0]', 'library.book.pages is a integer field', 'char');
    assertError(errors, 'models[0].wizards[0].write[1]', 'computed');
    assertError(errors, 'models[0].wizards[0].write[2]', 'library.book has no field colour');
    assertError(errors, 'models[0].wizards[0].write[3]', 'wizard bulk has no field missing');
    assertError(errors, 'models[0].wizards[0].write[4]', 'many2one to res.currency', 'res.partner');
    assertError(errors, 'models[0].wizards[0].move_to', 'no workflow button leads to lent');
    assertError(errors, 'models[0].wizards[1].name', 'already has a wizard bulk');
    assertError(errors, 'models[0].wizards[1]', 'cannot be opened');
    assertError(errors, 'models[1].wizards[0]', 'does nothing');
  });

  it('refuses move_to without a workflow, a selection without options, a many2one without comodel, a bad type', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).wizards = [
        {
          name: 'close',
          label: 'Close',
          fields: { kind: { type: 'selection' }, who: { type: 'many2one' } },
          move_to: 'done',
        },
      ];
    });
    assertError(errors, 'models[1].wizards[0].move_to', 'library.loan has no workflow');
    assertError(errors, 'models[1].wizards[0].fields.kind', 'give its options');
    assertError(errors, 'models[1].wizards[0].fields.who', 'give its comodel');
    assertError(
      libraryErrors((spec) => {
        loan(spec).wizards = [
          { name: 'x', label: 'X', fields: { lines: { type: 'one2many' } }, write: ['lines'] },
        ];
      }),
      'models[1].wizards[0].fields.lines.type',
      'expected one of char',
    );
  });

  it('names the line of a wrong written field', () => {
    const yaml = libraryYaml((spec) => {
      loan(spec).wizards = [
        { name: 'extend', label: 'Extend', fields: { date_due: { type: 'date' } }, write: ['date_due_typo'] },
      ];
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    const error = errors.find((e) => e.path === 'models[1].wizards[0].write[0]');
    assert.ok(error, JSON.stringify(errors));
    assert.ok(
      error.line !== undefined && yaml.split('\n')[error.line - 1]!.includes('date_due_typo'),
      JSON.stringify(error),
    );
  });
});

describe('wizards (ModuleSpec 1.1): generated per series', () => {
  const generated = (series: ModuleSpec['odoo']) => {
    const spec = library() as unknown as ModuleSpec;
    spec.odoo = series;
    const bookSpec = (spec.models ?? [])[0]!;
    bookSpec.wizards = [{ ...bookSpec.wizards![0]!, button: true }];
    return generate(spec);
  };

  it('16.0 hides the move_to button with attrs and lists in <tree>; 17.0/18.0 with invisible', () => {
    const button16 = generated('16.0').get('views/library_book_views.xml')!;
    assert.match(
      button16,
      /<button name="%\(library_book_make_available_wizard_action\)d" type="action" string="Make available" attrs="\{'invisible': \[\('state', 'not in', \['draft'\]\)\]\}"\/>/,
    );
    for (const series of ['17.0', '18.0'] as const) {
      const views = generated(series).get('views/library_book_views.xml')!;
      assert.match(views, /type="action" string="Make available" invisible="state not in \['draft'\]"\/>/);
      assert.doesNotMatch(views, /attrs=/);
    }
  });

  it('gives the transient models access rows on every series and loads their action before the forms', () => {
    for (const series of ['16.0', '17.0', '18.0'] as const) {
      const files = generated(series);
      const csv = files.get('security/ir.model.access.csv')!;
      assert.match(
        csv,
        /^access_library_loan_extend_wizard_user,.*,model_library_loan_extend_wizard,group_user,1,1,1,1$/m,
      );
      // library.book is read-only for users: only managers may run its wizard.
      assert.match(csv, /model_library_book_make_available_wizard,group_manager,1,1,1,1$/m);
      assert.doesNotMatch(csv, /model_library_book_make_available_wizard,group_user/);
      const manifest = files.get('__manifest__.py')!;
      assert.ok(
        manifest.indexOf('wizards/library_book_make_available_wizard_views.xml') <
          manifest.indexOf('views/library_book_views.xml'),
        manifest,
      );
      assert.match(files.get('wizards/library_book_make_available_wizard.py')!, /models\.TransientModel/);
    }
  });
});
