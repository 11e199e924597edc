import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, book, libraryErrors } from './spec-helpers.js';

/**
 * Issue 12 (random spec seed 2 index 131, 17.0): CHECK(asset_count > 0 OR asset_count IS NULL)
 * on a computed count broke every create() on real Odoo (CheckViolation: a new record's count is
 * 0). A CHECK that a count of 0 breaks is refused at its path.
 */
describe('constraints: a CHECK on a computed count', () => {
  it('is refused when 0 breaks it, naming the count and what to do', () => {
    const errors = libraryErrors((spec) => {
      book(spec).constraints = [{ name: 'lent', check: 'loan_count > 0 OR loan_count IS NULL', message: 'Never lent' }];
    });
    assertError(errors, 'models[0].constraints[0].check', 'loan_count is a count computed by Odoo', 'loan_count >= 0');
  });

  it('is accepted when 0 satisfies it', () => {
    assertLibraryValid((spec) => {
      book(spec).constraints = [{ name: 'lent', check: 'loan_count >= 0', message: 'Negative' }];
    });
  });
});
