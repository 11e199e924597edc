import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, book, libraryErrors } from './spec-helpers.js';

/**
 * Issue 12 (random spec seed 2 index 108, 16.0): CHECK(length(c6) > 1) on a translated char was
 * not added by Odoo (jsonb column: "unable to add constraint"), so its generated test raised
 * nothing. A CHECK naming a translated field is refused at its path.
 */
describe('constraints: a CHECK on a translated field', () => {
  it('is refused, naming the field and what to do', () => {
    const errors = libraryErrors((spec) => {
      book(spec).fields['subtitle'] = { type: 'char', translate: true };
      book(spec).constraints = [{ name: 'subtitle_long', check: 'length(subtitle) > 1', message: 'Too short' }];
    });
    assertError(errors, 'models[0].constraints[0].check', 'subtitle is translated', 'drop translate: true');
  });

  it('is accepted on the same field untranslated', () => {
    assertLibraryValid((spec) => {
      book(spec).fields['subtitle'] = { type: 'char' };
      book(spec).constraints = [{ name: 'subtitle_long', check: 'length(subtitle) > 1', message: 'Too short' }];
    });
  });
});
