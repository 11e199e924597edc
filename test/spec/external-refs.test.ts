import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { supportedSeries } from '../support/odoo-trees.js';
import { assertError, assertLibraryValid, libraryErrors, loan, type SpecDoc } from './spec-helpers.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The library example for `series`, changed by `edit`. */
const onSeries = (series: string, edit: (spec: SpecDoc) => void) => (spec: SpecDoc) => {
  spec['odoo'] = series;
  edit(spec);
};

for (const series of supportedSeries) {
  describe(`checkSpecReferences on Odoo ${series}: what standard modules define`, () => {
    it('refuses a comodel that no installed module defines, with a did you mean', () => {
      const errors = libraryErrors(
        onSeries(
          series,
          (spec) => (loan(spec).fields['partner_id'] = { type: 'many2one', comodel: 'res.partnr' }),
        ),
      );
      assertError(
        errors,
        'models[1].fields.partner_id.comodel',
        'unknown model res.partnr',
        'did you mean res.partner?',
      );
    });

    it('refuses an extended model with a typo, with a did you mean', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => ((spec.extend[0] as { model: string }).model = 'res.partnre')),
      );
      assertError(
        errors,
        'extend[0].model',
        `unknown model res.partnre`,
        `Odoo ${series}`,
        'did you mean res.partner?',
      );
    });

    it('refuses an extended model that is a near miss of a model of the spec, not an Odoo model', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => ((spec.extend[0] as { model: string }).model = 'library.bok')),
      );
      assertError(errors, 'extend[0].model', 'unknown model library.bok', `Odoo ${series}`);
    });

    it('names the module to add for a near miss of a model of a module outside the dependencies', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => (loan(spec).fields['lead_id'] = { type: 'many2one', comodel: 'crm.led' })),
      );
      assertError(
        errors,
        'models[1].fields.lead_id.comodel',
        'did you mean crm.lead?',
        'add crm to module.depends',
      );
    });

    it('refuses a view ref that its module does not define, with a did you mean', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => ((spec.extend[0]?.view as { ref: string }).ref = 'base.view_partner_fom')),
      );
      assertError(
        errors,
        'extend[0].view.ref',
        'unknown view base.view_partner_fom',
        'did you mean base.view_partner_form?',
      );
    });

    it('points a view ref of the wrong module at the module that defines the id', () => {
      const errors = libraryErrors(
        onSeries(
          series,
          (spec) =>
            ((spec.extend[0]?.view as { ref: string }).ref = 'base.res_partner_view_form_inherit_mail'),
        ),
      );
      assertError(errors, 'extend[0].view.ref', 'did you mean mail.res_partner_view_form_inherit_mail?');
    });

    it('refuses a group external id that its module does not define, in access rows, implies and rules', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => {
          spec.security.access['library.book'] = { 'base.group_usr': 'r', manager: 'crud' };
          (spec.security.groups['user'] as { implies?: string[] }).implies = ['base.group_portl'];
          (spec.security.rules[0] as { groups: string[] }).groups = ['base.group_sytem'];
        }),
      );
      assertError(
        errors,
        'security.access["library.book"]["base.group_usr"]',
        'unknown group',
        'did you mean base.group_user?',
      );
      assertError(errors, 'security.groups.user.implies[0]', 'did you mean base.group_portal?');
      assertError(errors, 'security.rules[0].groups[0]', 'did you mean base.group_system?');
    });

    it('refuses an external id or model of a module outside the dependencies, naming the module to add', () => {
      const errors = libraryErrors(
        onSeries(series, (spec) => {
          (spec.extend[0]?.view as { ref: string }).ref = 'sale.view_order_form';
          spec.security.access['library.book'] = { 'sales_team.group_sale_manager': 'r', manager: 'crud' };
          loan(spec).fields['order_id'] = { type: 'many2one', comodel: 'sale.order' };
        }),
      );
      assertError(errors, 'extend[0].view.ref', 'add sale to module.depends');
      assertError(
        errors,
        'security.access["library.book"]["sales_team.group_sale_manager"]',
        'add sales_team to module.depends',
      );
      assertError(errors, 'models[1].fields.order_id.comodel', 'add sale to module.depends');
    });

    it('accepts what the dependencies of the dependencies define', () => {
      assertLibraryValid(
        onSeries(series, (spec) => {
          spec.module['depends'] = ['mail', 'sale'];
          (spec.extend[0]?.view as { ref: string }).ref = 'mail.res_partner_view_form_inherit_mail';
          spec.security.access['library.book'] = { 'sales_team.group_sale_salesman': 'r', manager: 'crud' };
          loan(spec).fields['product_id'] = { type: 'many2one', comodel: 'product.product' };
          loan(spec).fields['order_id'] = { type: 'many2one', comodel: 'sale.order' };
        }),
      );
    });

    it('says nothing of an unknown model when a dependency is not a standard module', () => {
      assertLibraryValid(
        onSeries(series, (spec) => {
          spec.module['depends'] = ['mail', 'my_custom_addon'];
          loan(spec).fields['thing_id'] = { type: 'many2one', comodel: 'custom.thing' };
        }),
      );
    });

    it('validates every example', () => {
      for (const file of readdirSync(examplesDir).filter((name) => name.endsWith('.yaml'))) {
        const text = readFileSync(`${examplesDir}${file}`, 'utf8').replace(
          /^odoo: .*$/m,
          `odoo: "${series}"`,
        );
        const result = parseSpec(text);
        assert.deepEqual(result.ok ? [] : result.errors, [], `${file} on ${series}`);
      }
    });
  });
}
