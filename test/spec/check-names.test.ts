import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSpec } from '../../core/spec/parse-spec.js';
import {
  assertError,
  assertLibraryValid,
  assertPaths,
  book,
  LIBRARY_YAML,
  libraryErrors,
  loan,
} from './spec-helpers.js';

describe('checkSpecReferences: names', () => {
  it('accepts the library example exactly as written', () => {
    const result = parseSpec(LIBRARY_YAML);
    assert.deepEqual(result.ok ? [] : result.errors, []);
  });

  it('refuses reserved field names', () => {
    for (const name of ['id', 'create_uid', 'create_date', 'write_uid', 'write_date', 'display_name']) {
      const errors = libraryErrors((spec) => {
        loan(spec).fields[name] = { type: 'char', string: `Custom ${name}` };
      });
      assertError(errors, `models[1].fields.${name}`, 'reserves');
    }
  });

  it('refuses Python keywords as field names', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['class'] = { type: 'char' };
      loan(spec).fields['lambda'] = { type: 'char' };
    });
    assertError(errors, 'models[1].fields.class', 'Python keyword');
    assertError(errors, 'models[1].fields.lambda', 'Python keyword');
  });

  it('refuses a field that hides an ORM method', () => {
    assertError(
      libraryErrors((spec) => (loan(spec).fields['copy'] = { type: 'boolean' })),
      'models[1].fields.copy',
      'ORM method copy()',
    );
  });

  it("refuses a field that clashes with a mixin's field", () => {
    const errors = libraryErrors(
      (spec) => (book(spec).fields['message_ids'] = { type: 'char', string: 'My messages' }),
    );
    assertError(errors, 'models[0].fields.message_ids', 'mixins');
  });

  it('refuses an unknown mixin and lists the known ones', () => {
    const errors = libraryErrors((spec) => (loan(spec).mixins = ['mail.thred']));
    assertError(
      errors,
      'models[1].mixins[0]',
      'unknown mixin mail.thred',
      'mail.thread, mail.activity.mixin',
    );
  });

  it('refuses a model defined twice and an extension of a model of the spec', () => {
    const errors = libraryErrors((spec) => {
      spec.models.push({ ...loan(spec) });
      spec.extend.push({ model: 'library.book', fields: { extra: { type: 'char' } } });
      spec.extend.push({ model: 'res.partner', fields: { other: { type: 'char' } } });
    });
    assertError(errors, 'models[2].name', 'already defined by models[1]');
    assertError(errors, 'extend[1].model', 'defined in models[0]');
    assertError(errors, 'extend[2].model', 'already extended by extend[0]');
  });

  it('refuses two fields with the same label, explicit or derived', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['member_id'] = { type: 'many2one', comodel: 'res.partner', string: 'Member' };
      loan(spec).fields['book'] = { type: 'char' };
    });
    assertError(errors, 'models[1].fields.member_id.string', 'label "Member"', 'partner_id');
    assertError(errors, 'models[1].fields.book', 'label "Book"', 'derived from the name', 'book_id');
  });

  it("refuses a label equal to a magic field's or a mixin's label", () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['created'] = { type: 'date', string: 'Created on' };
      book(spec).fields['followers'] = { type: 'integer' };
    });
    assertError(errors, 'models[1].fields.created.string', 'create_date');
    assertError(errors, 'models[0].fields.followers', 'message_follower_ids');
  });

  it('accepts distinct labels that only differ from a derived one', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['member_note'] = { type: 'char', string: 'Note about the member' };
    });
  });

  it('refuses a button method named like a field, a keyword or an ORM method, and repeated', () => {
    const errors = libraryErrors((spec) => {
      const buttons = book(spec).workflow.buttons;
      buttons.push({ name: 'state', label: 'A', from: ['draft'], to: 'lent' });
      buttons.push({ name: 'write', label: 'B', from: ['draft'], to: 'lent' });
      buttons.push({ name: 'action_make_available', label: 'C', from: ['lent'], to: 'available' });
    });
    assertError(errors, 'models[0].workflow.buttons[2].name', 'name of a field');
    assertError(errors, 'models[0].workflow.buttons[3].name', 'override');
    assertError(errors, 'models[0].workflow.buttons[4].name', 'already used by workflow.buttons[0]');
  });

  it('refuses a module depending on itself or listing a dependency twice', () => {
    const errors = libraryErrors((spec) => (spec.module['depends'] = ['mail', 'mail', 'library_loans']));
    assertPaths(errors, ['module.depends[1]', 'module.depends[2]']);
  });
});

describe('checkSpecReferences: more names', () => {
  it('refuses a mixin listed twice and a group key that is a Python keyword', () => {
    const errors = libraryErrors((spec) => {
      book(spec).mixins = ['mail.thread', 'mail.thread'];
      spec.security.groups['global'] = { name: 'Everyone' };
    });
    assertError(errors, 'models[0].mixins', 'listed once');
    assertError(errors, 'security.groups.global', 'Python keyword');
  });
});

describe('checkSpecReferences: PostgreSQL and Odoo name limits', () => {
  it('refuses x_ field names and names too long for PostgreSQL', () => {
    const long = `f${'x'.repeat(63)}`;
    const errors = libraryErrors((spec) => {
      loan(spec).fields['x_note'] = { type: 'char' };
      loan(spec).fields[long] = { type: 'char', string: 'Long' };
    });
    assertError(errors, 'models[1].fields.x_note', 'Studio');
    assertError(errors, `models[1].fields.${long}`, '63 characters');
  });

  it('refuses a many2many whose derived table name is too long', () => {
    const errors = libraryErrors((spec) => {
      spec.models.push({
        name: 'library.very_long_model_name_for_testing_relations',
        title: 'Long',
        fields: { a: { type: 'char' } },
      } as never);
      loan(spec).fields['long_ids'] = {
        type: 'many2many',
        comodel: 'library.very_long_model_name_for_testing_relations',
      };
      delete (spec as { security?: unknown }).security;
    });
    assertError(
      errors,
      'models[1].fields.long_ids',
      'library_loan_library_very_long_model_name_for_testing_relations_rel',
    );
  });

  it('accepts two many2many to one comodel (the generator names their tables)', () => {
    assertLibraryValid((spec) => {
      book(spec).fields['editor_ids'] = { type: 'many2many', comodel: 'res.partner', string: 'Editors' };
    });
  });
});
