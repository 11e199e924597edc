import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, assertPaths, libraryErrors } from './spec-helpers.js';

describe('checkSpecReferences: tests', () => {
  it('refuses a test of an unknown model and repeated test names', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({ name: 'x', create: { model: 'library.member' }, expect_error: true });
      spec.tests.push({
        name: 'A new book is a draft',
        create: { model: 'library.book', values: { title: 'X' } },
      });
    });
    assertError(
      errors,
      'tests[3].create.model',
      'library.member is not a model',
      'library.book, library.loan, res.partner',
    );
    assertError(errors, 'tests[4].name', 'already used by tests[0]');
  });

  it('refuses unknown, computed and magic fields in values, and lists the settable ones', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'bad values',
        create: { model: 'library.book', values: { titel: 'X', loan_count: 2, create_uid: 1 } },
      });
    });
    assertError(errors, 'tests[3].create.values.titel', 'no field titel', 'title, isbn');
    assertError(errors, 'tests[3].create.values.loan_count', 'computed');
    assertError(errors, 'tests[3].create.values.create_uid', 'set by Odoo');
  });

  it('types values: scalars, selection keys, many2one and x2many shapes', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'typed values',
        create: {
          model: 'library.loan',
          values: {
            returned: 'yes',
            date_out: 'today',
            book_id: 3,
            partner_id: { ref: 'contacts.partner_x' },
            date_due: '2024-13-01',
          },
        },
      });
      spec.tests.push({
        name: 'nested values',
        create: {
          model: 'library.book',
          values: { title: 'X', state: 'gone', loan_ids: [{ returned: 2 }, 'x'], author_ids: { name: 'A' } },
        },
      });
    });
    assertError(errors, 'tests[3].create.values.returned', 'true or false');
    assertError(errors, 'tests[3].create.values.date_out', 'YYYY-MM-DD');
    assertError(
      errors,
      'tests[3].create.values.book_id',
      '{create: {field: value, …}} or {ref: module.xml_id}',
    );
    assertError(errors, 'tests[3].create.values.partner_id.ref', 'add contacts to module.depends');
    assertError(errors, 'tests[3].create.values.date_due', '2024-13-01 is not a date');
    assertError(errors, 'tests[4].create.values.state', 'draft, available, lent');
    assertError(errors, 'tests[4].create.values.loan_ids[0].returned', 'true or false');
    assertError(errors, 'tests[4].create.values.loan_ids[1]', 'expected a record');
    assertError(errors, 'tests[4].create.values.author_ids', 'expected a list of records');
  });

  it('checks records created inside values against their model', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'nested',
        create: { model: 'library.loan', values: { book_id: { create: { title: 'X', pagez: 3 } } } },
      });
    });
    assertPaths(errors, ['tests[3].create.values.book_id.create.pagez']);
  });

  it('refuses references to demo records of the addon itself in tests', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'demo ref',
        create: { model: 'library.loan', values: { book_id: { ref: 'library_loans.library_book_demo_1' } } },
      });
    });
    assertError(errors, 'tests[3].create.values.book_id.ref', 'without demo data');
  });

  it('refuses a call that is not a button of the model, or from the wrong state', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'no such button',
        create: { model: 'library.book', values: { title: 'A' } },
        call: 'action_lend',
      });
      spec.tests.push({
        name: 'wrong start',
        create: { model: 'library.book', values: { title: 'A', state: 'lent' } },
        call: 'action_make_available',
      });
      spec.tests.push({
        name: 'no error',
        create: { model: 'library.book', values: { title: 'A' } },
        call: 'action_make_available',
        expect_error: true,
      });
      spec.tests.push({
        name: 'loan call',
        create: { model: 'library.loan' },
        call: 'action_make_available',
      });
    });
    assertError(
      errors,
      'tests[3].call',
      'not a workflow button',
      'action_make_available, action_reset_draft',
    );
    assertError(errors, 'tests[4].call', 'starts in state lent', 'only works from draft');
    const invalidStart = libraryErrors((spec) => {
      spec.tests.push({
        name: 'bad start',
        create: { model: 'library.book', values: { title: 'A', state: 'gone' } },
        call: 'action_make_available',
      });
    });
    assertPaths(invalidStart, ['tests[3].create.values.state']);
    assertError(errors, 'tests[5].expect_error', 'no error would come');
    assertError(errors, 'tests[6].call', 'there are no buttons to choose from');
  });

  it('refuses expect with expect_error, and checks expected values', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'both',
        create: { model: 'library.book', values: { title: 'A' } },
        expect: { state: 'draft' },
        expect_error: true,
      });
      spec.tests.push({
        name: 'bad expect',
        create: { model: 'library.book', values: { title: 'A' } },
        expect: { loan_count: 'none', loan_ids: 'x', currency_id: 5, nope: 1 },
      });
    });
    assertError(errors, 'tests[3].expect', 'nothing to compare');
    assertError(errors, 'tests[4].expect.loan_count', 'whole number');
    assertError(errors, 'tests[4].expect.loan_ids', 'number of records');
    assertError(errors, 'tests[4].expect.currency_id', 'display name');
    assertError(errors, 'tests[4].expect.nope', 'no field nope');
  });

  it('accepts refs, nested creates, counts, display names and extension fields', () => {
    assertLibraryValid((spec) => {
      spec.tests.push({
        name: 'a loan of a new book',
        create: {
          model: 'library.loan',
          values: {
            book_id: { create: { title: 'Emma' } },
            partner_id: { ref: 'base.partner_admin' },
            date_out: '2024-01-31',
          },
        },
        expect: {
          book_title: 'Emma',
          partner_id: { ref: 'base.partner_admin' },
          returned: false,
          date_due: null,
        },
      });
      spec.tests.push({
        name: 'a book with loans',
        create: {
          model: 'library.book',
          values: {
            title: 'Dune',
            loan_ids: [{ partner_id: { ref: 'base.partner_admin' } }],
            author_ids: [{ ref: 'base.partner_root' }, { name: 'Frank Herbert' }],
          },
        },
        expect: { loan_count: 1, loan_ids: 1, currency_id: 'EUR', create_uid: { ref: 'base.user_root' } },
      });
      spec.tests.push({
        name: 'a member',
        create: { model: 'res.partner', values: { name: 'Ann', library_member: true } },
        expect: { library_member: true, email: null },
      });
      spec.tests.push({
        name: 'a lent book can be reset',
        create: { model: 'library.book', values: { title: 'Z', state: 'lent' } },
        call: 'action_reset_draft',
        expect: { state: 'draft' },
      });
    });
  });
});

describe('checkSpecReferences: demo data', () => {
  it('refuses demo records of unknown models, unknown fields and missing required fields', () => {
    const errors = libraryErrors((spec) => {
      spec.demo['library.member'] = [{ name: 'Ann' }];
      spec.demo['library.loan'] = [{ book_id: { ref: 'library_book_demo_1' }, colour: 'red' }];
    });
    assertError(errors, 'demo["library.member"]', 'not a model of this spec');
    assertError(errors, 'demo["library.loan"][0].colour', 'no field colour');
    assertError(errors, 'demo["library.loan"][0]', 'missing partner_id');
  });

  it('refuses demo refs to unknown or later records, and x2many values', () => {
    const errors = libraryErrors((spec) => {
      spec.demo['library.loan'] = [
        { book_id: { ref: 'library_book_demo_3' }, partner_id: { ref: 'base.partner_admin' } },
        { book_id: { create: { title: 'X' } }, partner_id: { ref: 'base.partner_admin' } },
      ];
      spec.demo['library.book']!.push({ title: 'Emma', loan_ids: [{ partner_id: 1 }] });
    });
    assertError(errors, 'demo["library.loan"][0].book_id.ref', 'not a demo record', 'library_book_demo_1');
    assertError(errors, 'demo["library.loan"][1].book_id', '{ref: module.xml_id}');
    assertError(errors, 'demo["library.book"][1].loan_ids', 'cannot fill a one2many');
    const later = libraryErrors((spec) => {
      spec.demo = {
        'library.loan': [
          { book_id: { ref: 'library_book_demo_1' }, partner_id: { ref: 'base.partner_admin' } },
        ],
        ...spec.demo,
      };
    });
    assertError(later, 'demo["library.loan"][0].book_id.ref', 'defined after this record');
  });

  it('accepts demo refs to earlier records and demo of extended models', () => {
    assertLibraryValid((spec) => {
      spec.demo['res.partner'] = [{ name: 'Ann', library_member: true }];
      spec.demo['library.loan'] = [
        {
          book_id: { ref: 'library_loans.library_book_demo_1' },
          partner_id: { ref: 'base.partner_admin' },
          date_out: '2024-05-01',
        },
      ];
    });
  });
});

describe('checkSpecReferences: null for a required field', () => {
  it('refuses null for a required field in a test, in its lines and in demo data, at the field', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'a book without title',
        create: {
          model: 'library.book',
          values: { title: null, loan_ids: [{ date_due: '2099-01-01' }, { partner_id: null }] },
        },
        expect: { loan_count: 2 },
      });
      spec.tests.push({
        name: 'a loan of a new book without title',
        create: { model: 'library.loan', values: { book_id: { create: { title: null } } } },
        expect: { returned: false },
      });
      spec.demo['library.book']!.push({ title: null, pages: 3 });
    });
    assertPaths(errors, [
      'tests[3].create.values.title',
      'tests[3].create.values.loan_ids[1].partner_id',
      'tests[4].create.values.book_id.create.title',
      'demo["library.book"][1].title',
    ]);
    assertError(
      errors,
      'tests[3].create.values.loan_ids[1].partner_id',
      'partner_id is required: null leaves it empty',
      'expect_error',
    );
    assertError(errors, 'demo["library.book"][1].title', 'title is required', 'the install would fail');
  });

  it('accepts null for a required field in a test that expects the error, and for an optional one', () => {
    assertLibraryValid((spec) => {
      spec.tests.push({
        name: 'a line without member is refused',
        create: { model: 'library.book', values: { title: 'A', loan_ids: [{ partner_id: null }] } },
        expect_error: true,
      });
      spec.tests.push({
        name: 'a book without pages',
        create: {
          model: 'library.book',
          values: { title: 'B', pages: null, loan_ids: [{ date_due: null }] },
        },
        expect: { loan_count: 1 },
      });
    });
  });
});

describe('checkSpecReferences: records against CHECK constraints', () => {
  it('refuses a test whose values break a CHECK unless it expects the error', () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'negative',
        create: { model: 'library.book', values: { title: 'A', pages: -5 } },
        expect: { pages: -5 },
      });
    });
    assertError(errors, 'tests[3].create.values', 'pages >= 0', 'Pages cannot be negative.', 'expect_error');
  });

  it('refuses demo records that break a CHECK, with unset columns as NULL', () => {
    const errors = libraryErrors((spec) => {
      spec.demo['library.book']!.push({ title: 'Broken', pages: -1 });
      spec.demo['library.loan'] = [
        {
          book_id: { ref: 'library_book_demo_1' },
          partner_id: { ref: 'base.partner_admin' },
          date_out: '2024-05-10',
          date_due: '2024-05-01',
        },
        {
          book_id: { ref: 'library_book_demo_1' },
          partner_id: { ref: 'base.partner_admin' },
          date_out: '2024-05-10',
        },
      ];
    });
    assertPaths(errors, ['demo["library.book"][1]', 'demo["library.loan"][0]']);
  });

  it("refuses a one2many line or a many2one create that breaks its own model's CHECK, at its path", () => {
    const errors = libraryErrors((spec) => {
      spec.tests.push({
        name: 'a loan due before it starts',
        create: {
          model: 'library.book',
          values: {
            title: 'A',
            loan_ids: [
              { partner_id: { ref: 'base.partner_admin' }, date_out: '2024-05-10' },
              { partner_id: { ref: 'base.partner_admin' }, date_out: '2024-05-10', date_due: '2024-05-01' },
            ],
          },
        },
        expect: { loan_count: 2 },
      });
      spec.tests.push({
        name: 'a loan of a book with negative pages',
        create: {
          model: 'library.loan',
          values: {
            book_id: { create: { title: 'B', pages: -3 } },
            partner_id: { ref: 'base.partner_admin' },
          },
        },
        expect: { returned: false },
      });
    });
    assertPaths(errors, ['tests[3].create.values.loan_ids[1]', 'tests[4].create.values.book_id.create']);
    assertError(
      errors,
      'tests[3].create.values.loan_ids[1]',
      'date_due IS NULL OR date_due >= date_out',
      'of library.loan',
      'creating this line fails',
      'expect_error',
    );
    assertError(
      errors,
      'tests[4].create.values.book_id.create',
      'pages >= 0',
      'of library.book',
      'expect_error',
    );
  });

  it('accepts nested records that break a CHECK in a test that expects the error, and valid lines', () => {
    assertLibraryValid((spec) => {
      spec.tests.push({
        name: 'a line due before it starts is refused',
        create: {
          model: 'library.book',
          values: { title: 'A', loan_ids: [{ date_out: '2024-05-10', date_due: '2024-05-01' }] },
        },
        expect_error: true,
      });
      spec.tests.push({
        name: 'a line due later',
        create: {
          model: 'library.book',
          values: { title: 'B', loan_ids: [{ date_out: '2024-05-10', date_due: '2099-01-01' }] },
        },
        expect: { loan_count: 1 },
      });
    });
  });

  it('skips checks on columns a test leaves to Forge or to a token default', () => {
    assertLibraryValid((spec) => {
      spec.tests.push({
        name: 'due later',
        create: { model: 'library.loan', values: { date_due: '2024-01-01' } },
        expect: { returned: false },
      });
    });
  });
});
