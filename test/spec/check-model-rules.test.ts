import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sqlIdentifiers } from '../../core/spec/references/sql-identifiers.js';
import { assertError, assertLibraryValid, book, libraryErrors, loan } from './spec-helpers.js';

describe('checkSpecReferences: rec_name and order', () => {
  it('refuses a rec_name that is not a field', () => {
    assertError(
      libraryErrors((spec) => (book(spec)['rec_name'] = 'name')),
      'models[0].rec_name',
      'no field name',
      'title, isbn',
    );
  });

  it('refuses order terms with unknown, unstored or badly written fields', () => {
    const errors = libraryErrors((spec) => (book(spec)['order'] = 'titel, loan_ids desc, pages upward'));
    assertError(errors, 'models[0].order', 'no field titel');
    assertError(errors, 'models[0].order', 'loan_ids is not stored');
    assertError(errors, 'models[0].order', '"pages upward" is not an order term');
  });

  it('accepts directions, nulls placement and magic fields', () => {
    assertLibraryValid(
      (spec) => (book(spec)['order'] = 'published desc nulls last, title ASC, create_date desc, id'),
    );
  });
});

describe('checkSpecReferences: constraints', () => {
  it('refuses unique fields that do not exist or have no column', () => {
    const errors = libraryErrors((spec) =>
      book(spec).constraints.push({ unique: ['isbn', 'isnb', 'author_ids'], message: 'x' }),
    );
    assertError(errors, 'models[0].constraints[2].unique[1]', 'no field isnb');
    assertError(errors, 'models[0].constraints[2].unique[2]', 'no column');
  });

  it('refuses a check naming unknown columns, but not SQL words, strings or functions', () => {
    const errors = libraryErrors((spec) =>
      loan(spec).constraints.push({
        check: "date_due >= date_start AND LENGTH(COALESCE(book_title, '')) > 0 AND 'x y' <> 'z'",
        message: 'x',
      }),
    );
    assertError(errors, 'models[1].constraints[1].check', 'no field date_start', 'book_title has no column');
  });

  it('refuses neither or both of unique and check, and repeated names', () => {
    const errors = libraryErrors((spec) => {
      book(spec).constraints.push({ message: 'nothing' });
      book(spec).constraints.push({ unique: ['isbn'], check: 'pages > 0', message: 'both' });
      book(spec).constraints.push({ check: 'pages < 10000', message: 'a', name: 'pages_max' });
      book(spec).constraints.push({ check: 'pages < 9000', message: 'b', name: 'pages_max' });
    });
    assertError(errors, 'models[0].constraints[2]', 'exactly one of');
    assertError(errors, 'models[0].constraints[3]', 'exactly one of');
    assertError(errors, 'models[0].constraints[5].name', 'already used by constraints[4]');
  });

  it('accepts checks on magic columns and on extension columns of existing models', () => {
    assertLibraryValid((spec) => {
      book(spec).constraints.push({
        check: "id > 0 AND (state <> 'lent' OR pages::numeric >= 0)",
        message: 'ok',
      });
      spec.extend[0]!.constraints = [{ check: 'library_member IS NOT NULL OR name IS NULL', message: 'ok' }];
    });
  });

  it('extracts column names from SQL', () => {
    assert.deepEqual(
      sqlIdentifiers(`state != 'it''s' AND LENGTH(isbn) = 13 AND "Odd" > 1.5e3 AND x::text <> ''`),
      ['state', 'isbn', 'Odd', 'x'],
    );
  });
});

describe('checkSpecReferences: workflow', () => {
  it('refuses a workflow field that is not a selection', () => {
    const errors = libraryErrors((spec) => (book(spec).workflow.field = 'title'));
    assertError(errors, 'models[0].workflow.field', 'title is a char field', 'state');
  });

  it('refuses unknown states and lists the valid ones', () => {
    const errors = libraryErrors((spec) => {
      book(spec).workflow.buttons.push({
        name: 'action_lend',
        label: 'Lend',
        from: ['available', 'avialable'],
        to: 'borrowed',
      });
    });
    assertError(
      errors,
      'models[0].workflow.buttons[2].from[1]',
      'unknown state avialable',
      'expected one of the states draft, available, lent',
    );
    assertError(errors, 'models[0].workflow.buttons[2].to', 'unknown state borrowed');
  });
});
