import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainLeafFields, domainShapeProblem } from '../../core/spec/references/domain-text.js';
import { assertError, assertLibraryValid, book, libraryErrors, loan } from './spec-helpers.js';

describe('checkSpecReferences: views', () => {
  it('refuses unknown fields in list, search and form, and lists the fields', () => {
    const errors = libraryErrors((spec) => {
      book(spec).views.list = ['title', 'titel'];
      book(spec).views.search['fields'] = ['isbm'];
      book(spec).views['form'] = {
        groups: [['title', 'nope']],
        pages: [{ label: 'More', fields: ['notez'] }],
      };
    });
    assertError(
      errors,
      'models[0].views.list[1]',
      'no field titel',
      'did you mean title?',
      'title, isbn, pages',
    );
    assertError(errors, 'models[0].views.search.fields[0]', 'no field isbm');
    assertError(errors, 'models[0].views.form.groups[0][1]', 'no field nope');
    assertError(errors, 'models[0].views.form.pages[0].fields[0]', 'no field notez');
  });

  it('refuses a field twice in a form', () => {
    const errors = libraryErrors(
      (spec) =>
        (book(spec).views['form'] = {
          groups: [['title'], ['isbn']],
          pages: [{ label: 'Again', fields: ['title'] }],
        }),
    );
    assertError(errors, 'models[0].views.form.pages[0].fields[0]', 'already in the form (form.groups[0])');
  });

  it('refuses group_by on fields that cannot be grouped', () => {
    const errors = libraryErrors(
      (spec) => (book(spec).views.search['group_by'] = ['state', 'author_ids', 'notes', 'cover']),
    );
    assertError(errors, 'models[0].views.search.group_by[1]', 'many2many');
    assertError(errors, 'models[0].views.search.group_by[2]', 'html');
    assertError(errors, 'models[0].views.search.group_by[3]', 'image');
  });

  it('refuses filters whose domain is not a list or names unknown fields', () => {
    const errors = libraryErrors((spec) => {
      book(spec).views.search['filters'] = {
        a: "('state', '=', 'x')",
        b: "[('state', '=', 'x']",
        c: "[('stat', '=', 'x')]",
        d: "[('state', '=', 'x)]",
      };
    });
    assertError(errors, 'models[0].views.search.filters.a', 'Python list');
    assertError(errors, 'models[0].views.search.filters.b', 'unbalanced ]');
    assertError(errors, 'models[0].views.search.filters.c', 'stat, which is not a field');
    assertError(errors, 'models[0].views.search.filters.d', "unclosed '");
  });

  it('accepts magic and mixin fields, and dotted paths in domains', () => {
    assertLibraryValid((spec) => {
      book(spec).views.list = ['title', 'create_date', 'activity_state'];
      book(spec).views['form'] = {
        groups: [['title', 'isbn'], ['state']],
        pages: [{ label: 'Loans', fields: ['loan_ids'] }],
      };
      book(spec).views.search['filters'] = {
        mine: "[('loan_ids.partner_id', '=', uid), ('active', '=', True)]",
      };
    });
  });

  it('reads domain text', () => {
    assert.equal(domainShapeProblem("['|', ('a', '=', 'x]'), ('b', 'in', [1, 2])]"), undefined);
    assert.deepEqual(domainLeafFields("['|', ('a.b', '=', 1), (\"c\", '=', 'd')]"), ['a', 'c']);
  });
});

describe('checkSpecReferences: extension views and menus', () => {
  it("requires an extension view's module among the dependencies", () => {
    const errors = libraryErrors(
      (spec) => (spec.extend[0]!.view = { ref: 'contacts.view_partner_form_x', after: 'vat' }),
    );
    assertError(errors, 'extend[0].view.ref', 'add contacts to module.depends');
    const bare = libraryErrors((spec) => (spec.extend[0]!.view = { ref: 'view_partner_form', after: 'vat' }));
    assertError(bare, 'extend[0].view.ref', 'module.xml_id');
  });

  it('refuses placing the new fields after one of themselves', () => {
    const errors = libraryErrors(
      (spec) => (spec.extend[0]!.view = { ref: 'base.view_partner_form', after: 'library_member' }),
    );
    assertError(errors, 'extend[0].view.after', 'already has');
  });

  it('refuses menus of unknown models and repeated labels', () => {
    const errors = libraryErrors((spec) => {
      spec.menus.items.push({ model: 'library.member', label: 'Members' });
      spec.menus.items.push({ model: 'res.partner', label: 'Books' });
    });
    assertError(
      errors,
      'menus.items[2].model',
      'library.member is not a model',
      'library.book, library.loan, res.partner',
    );
    assertError(errors, 'menus.items[3].label', 'already used by menus.items[0]');
  });

  it('accepts a menu for an extended model', () => {
    assertLibraryValid((spec) => spec.menus.items.push({ model: 'res.partner', label: 'Members' }));
  });
});

describe('checkSpecReferences: form layout and searchability', () => {
  it('refuses custom form groups that leave out a required field', () => {
    const errors = libraryErrors((spec) =>
      Object.assign(loan(spec), { views: { form: { groups: [['book_id', 'date_out']] } } }),
    );
    assertError(errors, 'models[1].views.form.groups', 'partner_id is not on the form');
  });

  it('counts the title and workflow fields as placed by Forge', () => {
    assertLibraryValid((spec) => {
      book(spec).views['form'] = { groups: [['isbn', 'pages']] };
      Object.assign(loan(spec), { views: { form: { groups: [['book_id'], ['partner_id']] } } });
    });
  });

  it('refuses searching a non-stored compute and grouping by a non-stored related field', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(book(spec).fields['loan_count'] as object, { store: false });
      book(spec).views.search['fields'] = ['title', 'loan_count'];
      Object.assign(loan(spec), { views: { search: { group_by: ['book_title'] } } });
    });
    assertError(errors, 'models[0].views.search.fields[1]', 'cannot be searched');
    assertError(errors, 'models[1].views.search.group_by[0]', 'not stored');
  });
});
