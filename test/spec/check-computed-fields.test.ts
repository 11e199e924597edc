import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, book, libraryErrors, loan } from './spec-helpers.js';

describe('checkSpecReferences: related fields', () => {
  it('refuses a first segment that is not a field of the model', () => {
    const errors = libraryErrors(
      (spec) => (loan(spec).fields['book_title'] = { type: 'char', related: 'bok_id.title' }),
    );
    assertError(
      errors,
      'models[1].fields.book_title.related',
      'library.loan has no field bok_id',
      'book_id, partner_id',
    );
  });

  it('refuses a path through a field that is not relational', () => {
    const errors = libraryErrors(
      (spec) => (loan(spec).fields['book_title'] = { type: 'char', related: 'date_out.title' }),
    );
    assertError(
      errors,
      'models[1].fields.book_title.related',
      'date_out is a date field',
      'many2one or x2many',
    );
  });

  it('follows the path through the models of the spec', () => {
    const missing = libraryErrors(
      (spec) => (loan(spec).fields['book_title'] = { type: 'char', related: 'book_id.name' }),
    );
    assertError(missing, 'models[1].fields.book_title.related', 'library.book has no field name', 'title');
    const wrongType = libraryErrors(
      (spec) => (loan(spec).fields['book_title'] = { type: 'integer', related: 'book_id.title' }),
    );
    assertError(wrongType, 'models[1].fields.book_title.related', 'ends at a char field', 'type: char');
    const wrongComodel = libraryErrors(
      (spec) =>
        (loan(spec).fields['book_currency_id'] = {
          type: 'many2one',
          comodel: 'res.partner',
          related: 'book_id.currency_id',
        }),
    );
    assertError(wrongComodel, 'models[1].fields.book_currency_id.related', 'comodel: res.currency');
    const wrongOptions = libraryErrors(
      (spec) =>
        (loan(spec).fields['book_state'] = {
          type: 'selection',
          options: { a: 'A' },
          related: 'book_id.state',
        }),
    );
    assertError(wrongOptions, 'models[1].fields.book_state.related', 'draft, available, lent');
  });

  it('stops without error at models the spec does not know', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['member_email'] = { type: 'char', related: 'partner_id.email' };
      loan(spec).fields['member_country_id'] = {
        type: 'many2one',
        comodel: 'res.country',
        related: 'partner_id.country_id',
      };
      loan(spec).fields['book_currency_name'] = { type: 'char', related: 'book_id.currency_id.name' };
      loan(spec).fields['creator_name'] = { type: 'char', related: 'create_uid.name' };
    });
  });
});

describe('checkSpecReferences: computed fields', () => {
  it('refuses a count over a field that is not an x2many', () => {
    const errors = libraryErrors(
      (spec) => (book(spec).fields['loan_count'] = { type: 'integer', compute: { count: 'pages' } }),
    );
    assertError(errors, 'models[0].fields.loan_count.compute.count', 'pages is a integer field', 'loan_ids');
  });

  it('refuses a count that is not an integer and a count with of', () => {
    const errors = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_count'] = { type: 'float', compute: { count: 'loan_ids', of: 'x' } }),
    );
    assertError(errors, 'models[0].fields.loan_count.compute', 'type: integer');
    assertError(errors, 'models[0].fields.loan_count.compute.of', 'only goes with sum');
  });

  it('refuses both count and sum, or neither', () => {
    const both = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_count'] = {
          type: 'integer',
          compute: { count: 'loan_ids', sum: 'loan_ids' },
        }),
    );
    assertError(both, 'models[0].fields.loan_count.compute', 'exactly one of');
    const neither = libraryErrors(
      (spec) => (book(spec).fields['loan_count'] = { type: 'integer', compute: {} }),
    );
    assertError(neither, 'models[0].fields.loan_count.compute', 'exactly one of');
  });

  it('checks a sum: numeric field, of required, of numeric on the comodel', () => {
    const noOf = libraryErrors(
      (spec) => (book(spec).fields['loan_days'] = { type: 'integer', compute: { sum: 'loan_ids' } }),
    );
    assertError(noOf, 'models[0].fields.loan_days.compute', 'needs of');
    const notNumeric = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_days'] = { type: 'char', compute: { sum: 'loan_ids', of: 'returned' } }),
    );
    assertError(notNumeric, 'models[0].fields.loan_days.compute', 'integer, float or monetary');
    assertError(
      notNumeric,
      'models[0].fields.loan_days.compute.of',
      'library.loan.returned is a boolean field',
    );
    const unknown = libraryErrors(
      (spec) =>
        (book(spec).fields['loan_days'] = { type: 'integer', compute: { sum: 'loan_ids', of: 'days' } }),
    );
    assertError(unknown, 'models[0].fields.loan_days.compute.of', 'library.loan has no field days');
  });

  it('accepts a sum of a numeric field, and a sum over an external comodel', () => {
    assertLibraryValid((spec) => {
      loan(spec).fields['days'] = { type: 'integer' };
      book(spec).fields['loan_days'] = { type: 'integer', compute: { sum: 'loan_ids', of: 'days' } };
      book(spec).fields['author_total'] = { type: 'float', compute: { sum: 'author_ids', of: 'credit' } };
    });
  });
});
