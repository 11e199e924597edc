import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, assertPaths, book, libraryErrors, loan } from './spec-helpers.js';

describe('checkSpecReferences: field keys', () => {
  it('refuses keys that do not fit the field type', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(loan(spec).fields['returned'] as object, {
        options: { a: 'A' },
        comodel: 'res.partner',
        digits: [16, 2],
        translate: true,
      });
      Object.assign(book(spec).fields['pages'] as object, {
        ondelete: 'cascade',
        max_width: 128,
        currency: 'currency_id',
      });
    });
    for (const key of ['options', 'comodel', 'digits', 'translate'])
      assertError(errors, `models[1].fields.returned.${key}`, 'only applies to');
    assertError(errors, 'models[0].fields.pages.ondelete', 'many2one');
    assertError(errors, 'models[0].fields.pages.max_width', 'image');
    assertError(errors, 'models[0].fields.pages.currency', 'monetary');
  });

  it('requires options on a selection, comodel on relations and inverse on a one2many', () => {
    const errors = libraryErrors((spec) => {
      delete book(spec).fields['state']?.['options'];
      delete loan(spec).fields['partner_id']?.['comodel'];
      delete book(spec).fields['loan_ids']?.['inverse'];
      loan(spec).fields['kind'] = { type: 'selection', options: {} };
    });
    assertError(errors, 'models[0].fields.state', 'needs options');
    assertError(errors, 'models[1].fields.partner_id', 'needs comodel');
    assertError(errors, 'models[0].fields.loan_ids', 'needs inverse');
    assertError(errors, 'models[1].fields.kind.options', 'at least one option');
  });

  it('checks the inverse of a one2many against the comodel of the spec', () => {
    const missing = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_ids'] = { type: 'one2many', comodel: 'library.loan', inverse: 'book' }),
    );
    assertError(
      missing,
      'models[0].fields.loan_ids.inverse',
      'library.loan has no field book',
      'expected one of book_id',
    );
    const wrongType = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_ids'] = {
          type: 'one2many',
          comodel: 'library.loan',
          inverse: 'partner_id',
        }),
    );
    assertError(
      wrongType,
      'models[0].fields.loan_ids.inverse',
      'many2one with comodel library.book',
      'to res.partner',
    );
  });

  it('refuses an inverse that is related and not stored', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['copy_book_id'] = {
        type: 'many2one',
        comodel: 'library.book',
        related: 'book_id.loan_ids.book_id',
        string: 'Same book',
      };
      book(spec).fields['loan_ids'] = { type: 'one2many', comodel: 'library.loan', inverse: 'copy_book_id' };
    });
    assertError(errors, 'models[0].fields.loan_ids.inverse', 'not stored');
  });

  it('accepts an inverse on an external model the spec does not know', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['message_ids'] = {
        type: 'one2many',
        comodel: 'mail.message',
        inverse: 'res_id',
        string: 'Mail',
      };
    });
  });

  it("refuses a required many2one with ondelete 'set null'", () => {
    const errors = libraryErrors((spec) =>
      Object.assign(loan(spec).fields['book_id'] as object, { ondelete: 'set null' }),
    );
    assertError(errors, 'models[1].fields.book_id.ondelete', "'restrict' or 'cascade'");
  });

  it('requires a currency for a monetary field', () => {
    const noCurrency = libraryErrors((spec) => (loan(spec).fields['fee'] = { type: 'monetary' }));
    assertError(noCurrency, 'models[1].fields.fee', 'needs a currency', 'currency_id');
    const badCurrency = libraryErrors(
      (spec) => (loan(spec).fields['fee'] = { type: 'monetary', currency: 'partner_id' }),
    );
    assertError(badCurrency, 'models[1].fields.fee.currency', 'res.currency');
    const unknown = libraryErrors(
      (spec) => (loan(spec).fields['fee'] = { type: 'monetary', currency: 'money_id' }),
    );
    assertError(unknown, 'models[1].fields.fee.currency', 'no field money_id');
  });

  it('refuses tracking on a model without mail.thread but allows it on an extension', () => {
    const errors = libraryErrors((spec) =>
      Object.assign(loan(spec).fields['date_due'] as object, { tracking: true }),
    );
    assertError(errors, 'models[1].fields.date_due.tracking', 'mail.thread');
    assertLibraryValid((spec) =>
      Object.assign(spec.extend[0]?.fields['library_member'] as object, { tracking: true }),
    );
  });

  it('refuses related with compute, default or required on computed fields, store on plain fields', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(loan(spec).fields['book_title'] as object, {
        compute: { count: 'x' },
        default: 'x',
        required: true,
      });
      Object.assign(loan(spec).fields['date_due'] as object, { store: false });
    });
    assertError(errors, 'models[1].fields.book_title.compute', 'not both');
    assertError(errors, 'models[1].fields.book_title.default', 'remove default');
    assertError(errors, 'models[1].fields.book_title.required', 'cannot be required');
    assertError(errors, 'models[1].fields.date_due.store', 'computed or related');
  });
});

describe('checkSpecReferences: defaults', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['boolean', { type: 'boolean', default: 'yes' }, 'true or false'],
    ['integer', { type: 'integer', default: 1.5 }, 'whole number'],
    ['float', { type: 'float', default: 'x' }, 'a number'],
    ['char', { type: 'char', default: 3 }, 'a text'],
    [
      'selection',
      { type: 'selection', options: { a: 'A', b: 'B' }, default: 'c' },
      'one of the options a, b',
    ],
    ['date', { type: 'date', default: '2024-02-30' }, 'February 2024 has 29 days'],
    ['datetime', { type: 'datetime', default: '2024-01-01' }, 'YYYY-MM-DD HH:MM:SS'],
    ['date token', { type: 'date', default: 'now' }, 'only fits a datetime'],
    ['datetime token', { type: 'datetime', default: 'today' }, 'only fits a date'],
    ['user token', { type: 'many2one', comodel: 'res.partner', default: 'current_user' }, 'res.users'],
    ['currency token', { type: 'char', default: 'company_currency' }, 'res.currency'],
    ['many2one literal', { type: 'many2one', comodel: 'res.users', default: 'admin' }, 'must be a token'],
    ['many2many', { type: 'many2many', comodel: 'res.partner', default: 'x' }, 'cannot have a default'],
    ['binary', { type: 'binary', default: 'x' }, 'binary'],
  ];
  for (const [name, field, fragment] of cases) {
    it(`refuses a wrong ${name} default`, () => {
      assertError(
        libraryErrors((spec) => (loan(spec).fields['extra_value'] = field)),
        'models[1].fields.extra_value.default',
        fragment,
      );
    });
  }

  it('accepts well-typed defaults and tokens', () => {
    assertLibraryValid((spec) => {
      Object.assign(loan(spec).fields, {
        count_a: { type: 'integer', default: 3 },
        amount_b: { type: 'float', default: 2 },
        day_c: { type: 'date', default: '2024-02-29' },
        moment_d: { type: 'datetime', default: '2024-01-01 23:59:00' },
        moment_e: { type: 'datetime', default: 'now' },
        user_id: { type: 'many2one', comodel: 'res.users', default: 'current_user' },
        kind: { type: 'selection', options: { '1': 'One', '2': 'Two' }, default: 1 },
        flag: { type: 'boolean', default: false },
        note: { type: 'text', default: 'none yet' },
      });
    });
  });

  it('reports every problem of a spec, not only the first', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(loan(spec).fields, {
        a1: { type: 'integer', default: 'x' },
        a2: { type: 'boolean', default: 1 },
      });
      loan(spec).fields['class'] = { type: 'char' };
    });
    assertPaths(errors, [
      'models[1].fields.a1.default',
      'models[1].fields.a2.default',
      'models[1].fields.class',
    ]);
  });
});

describe('checkSpecReferences: report order', () => {
  it('lists reference errors in the order of the spec text', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({ name: 'bad', create: { model: 'library.book', values: { nope: 1 } } });
      spec.menus.items.push({ model: 'library.nope', label: 'Nope' });
      loan(spec).fields['class'] = { type: 'char' };
      book(spec).workflow.buttons.push({ name: 'action_x', label: 'X', from: ['gone'], to: 'draft' });
    });
    const lines = errors.map((error) => error.line ?? 0);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
      errors.map((e) => `${e.line} ${e.path}`).join('\n'),
    );
    assert.equal(errors.length, 4);
  });
});
