import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleOfModel, reachableModules } from '../../core/spec/references/odoo-model-modules.js';
import { assertError, assertLibraryValid, libraryErrors, loan } from './spec-helpers.js';

describe('checkSpecReferences: comodels and dependencies', () => {
  it('suggests the model of the spec a comodel almost names', () => {
    const errors = libraryErrors(
      (spec) => (loan(spec).fields['book_id'] = { type: 'many2one', comodel: 'library.bok', required: true }),
    );
    assertError(errors, 'models[1].fields.book_id.comodel', 'did you mean library.book?');
  });

  it('asks for the module of a well-known comodel or extended model', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['product_id'] = { type: 'many2one', comodel: 'product.product' };
      spec.extend.push({ model: 'sale.order', fields: { loan_note: { type: 'char' } } });
    });
    assertError(
      errors,
      'models[1].fields.product_id.comodel',
      'comes from module product',
      'add product to module.depends',
    );
    assertError(errors, 'extend[1].model', 'add sale to module.depends');
  });

  it('accepts comodels reachable through the dependencies, and unknown modules', () => {
    assertLibraryValid((spec) => {
      spec.module['depends'] = ['mail', 'sale'];
      loan(spec).fields['product_id'] = { type: 'many2one', comodel: 'product.product' };
      loan(spec).fields['analytic_id'] = { type: 'many2one', comodel: 'account.analytic.account' };
    });
    assertLibraryValid((spec) => {
      spec.module['depends'] = ['mail', 'my_custom_addon'];
      loan(spec).fields['product_id'] = { type: 'many2one', comodel: 'product.product' };
      loan(spec).fields['thing_id'] = { type: 'many2one', comodel: 'custom.thing' };
    });
  });

  it('knows which module defines a model and what a module reaches', () => {
    for (const series of ['16.0', '17.0', '18.0']) {
      assert.equal(moduleOfModel('account.analytic.line', series), 'analytic');
      assert.equal(moduleOfModel('account.move', series), 'account');
      assert.equal(moduleOfModel('crm.team', series), 'sales_team');
      assert.equal(moduleOfModel('library.book', series), undefined);
      assert.ok(reachableModules(['sale'], series)?.has('product'));
      assert.equal(reachableModules(['sale', 'unknown_addon'], series), undefined);
    }
  });
});

describe('checkSpecReferences: more model rules', () => {
  it('refuses two models that share a table', () => {
    const errors = libraryErrors((spec) => {
      spec.models.push({ name: 'library.book_x', title: 'X', fields: { a: { type: 'char' } } } as never);
      spec.models.push({ name: 'library_book.x', title: 'Y', fields: { a: { type: 'char' } } } as never);
      delete (spec as { security?: unknown }).security;
    });
    assertError(errors, 'models[3].name', 'share the table library_book_x with library.book_x');
  });

  it('refuses a computed workflow field', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['phase'] = {
        type: 'selection',
        options: { a: 'A', b: 'B' },
        related: 'book_id.state',
      };
      loan(spec)['workflow'] = {
        field: 'phase',
        buttons: [{ name: 'action_b', label: 'B', from: ['a'], to: 'b' }],
      };
    });
    assertError(errors, 'models[1].workflow.field', 'is related');
  });
});
