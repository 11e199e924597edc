import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ODOO_SERIES } from '../../core/spec/module-spec-schema.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { generate } from '../../core/generator/generate.js';
import {
  assertError,
  assertLibraryValid,
  book,
  errorsOf,
  LIBRARY_YAML,
  libraryErrors,
  libraryYaml,
  loan,
} from './spec-helpers.js';

/** Issue 14, items 7 and the small ones: specs that validated and could never install or mislead. */
describe('issue 14: names of standard Odoo models and modules', () => {
  it('refuses a model named like an Odoo model of the target series: use extend (7)', () => {
    for (const series of ODOO_SERIES) {
      const errors = libraryErrors((spec) => {
        spec['odoo'] = series;
        book(spec).name = 'res.partner';
      });
      assertError(
        errors,
        'models[0].name',
        'res.partner is an Odoo model: use extend',
        `Odoo ${series}`,
        'base',
      );
    }
    // A model of a module the spec does not even depend on is still Odoo's (sale.order).
    assertError(
      libraryErrors((spec) => (book(spec).name = 'sale.order')),
      'models[0].name',
      'sale.order is an Odoo model: use extend',
      'module sale',
    );
  });

  it('refuses the technical name of a standard module (base, sale, mail) (7)', () => {
    for (const name of ['base', 'sale', 'mail']) {
      const errors = libraryErrors((spec) => (spec.module['name'] = name));
      assertError(errors, 'module.name', `${name} is a standard module of Odoo 18.0`, 'choose another');
    }
  });

  it('accepts a name that only looks standard (library_loans, library.book)', () => {
    assertLibraryValid((spec) => (spec.module['name'] = 'sale_extra_notes'));
  });
});

describe('issue 14: odoo series in the JSON Schema and the validator agree', () => {
  it('the JSON Schema declares odoo as strings only, and the validator refuses an unquoted 18.0 with the fix', () => {
    const schema = moduleSpecJsonSchema() as { properties: { odoo: { enum?: unknown[]; type?: string } } };
    assert.deepEqual(schema.properties.odoo.enum, ['16.0', '17.0', '18.0']);
    for (const [written, fix] of [
      ['18.0', '"18.0"'],
      ['17', '"17.0"'],
      ['16.0', '"16.0"'],
    ] as const) {
      const errors = errorsOf(LIBRARY_YAML.replace(/^odoo: .*$/m, `odoo: ${written}`));
      assertError(errors, 'odoo', 'got the number', `write odoo: ${fix}`);
      const line = LIBRARY_YAML.split('\n').findIndex((text) => text.startsWith('odoo:')) + 1;
      assert.equal(errors.find((e) => e.path === 'odoo')?.line, line, 'the error points at the line of odoo');
    }
  });
});

describe('issue 14: dates that do not exist', () => {
  it('says 2024-02-30 is not a date and how many days the month has', () => {
    const errors = libraryErrors((spec) => {
      loan(spec).fields['date_due'] = { type: 'date', default: '2024-02-30' };
    });
    assertError(
      errors,
      'models[1].fields.date_due.default',
      '2024-02-30 is not a date (February 2024 has 29 days)',
    );
    const more = libraryErrors((spec) => {
      loan(spec).fields['date_due'] = { type: 'date', default: '2023-02-29' };
      loan(spec).fields['returned_at'] = { type: 'datetime', default: '2024-13-01 10:00:00' };
    });
    assertError(more, 'models[1].fields.date_due.default', 'February 2023 has 28 days');
    assertError(
      more,
      'models[1].fields.returned_at.default',
      '2024-13-01 is not a date (there is no month 13)',
    );
  });

  it('accepts the 29th of February of a leap year, and still explains a date written otherwise', () => {
    assertLibraryValid((spec) => (loan(spec).fields['date_due'] = { type: 'date', default: '2024-02-29' }));
    assertError(
      libraryErrors((spec) => (loan(spec).fields['date_due'] = { type: 'date', default: '29/02/2024' })),
      'models[1].fields.date_due.default',
      'expected a date written YYYY-MM-DD',
    );
  });
});

describe('issue 14: menus.root is optional', () => {
  it('takes the module title as the root menu when menus.root is left out', () => {
    const yaml = libraryYaml((spec) => {
      delete (spec.menus as { root?: string }).root;
    });
    const parsed = parseSpec(yaml);
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    const menus = generate(parsed.spec).get('views/menus.xml') ?? '';
    const title = parsed.spec.module.title;
    assert.match(menus, new RegExp(`<menuitem id="menu_root" name="${title}"`));
    assert.ok(menus.includes(parsed.spec.menus?.items[0]?.label ?? '?'), 'the items stay as written');
  });
});
