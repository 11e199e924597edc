import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec, OdooSeries } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError } from './spec-helpers.js';

/**
 * A company-bound model (ModuleSpec 1.1 `company: true`) with its own form groups: company_id is
 * added by the generator (the current company by default, at the end of the last group), so it
 * is not a required field missing from the form. Found by the property test once it drew
 * company models (test/generator/support/random-spec-company.ts).
 */
function specYaml(series: OdooSeries, company: boolean, formFields: string): string {
  return `spec_version: 1
odoo: "${series}"
module: {name: company_forms, title: Company Forms}
models:
  - name: forge.visit
    title: Visit
    company: ${String(company)}
    fields:
      name: {type: char, required: true}
      date: {type: date}
      code: {type: char, required: true}
    views:
      form:
        groups:
          - [${formFields}]
`;
}

/** The form view record of forge.visit in the generated views file. */
function formArch(files: Map<string, string>): string {
  const views = files.get('views/forge_visit_views.xml');
  assert.ok(views !== undefined, `views/forge_visit_views.xml is generated: ${[...files.keys()].join(', ')}`);
  const form = /<form\b[\s\S]*?<\/form>/.exec(views)?.[0];
  assert.ok(form !== undefined, 'the views file has a form');
  return form;
}

describe('multi-company (ModuleSpec 1.1): a company-bound model with its own form groups', () => {
  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`validates, and the generated form has company_id in the last group (${series})`, () => {
      const result = parseSpec(specYaml(series, true, 'name, date, code'));
      assert.deepEqual(result.ok ? [] : result.errors, []);
      const form = formArch(generate(result.ok ? result.spec : ({} as ModuleSpec)));
      const group = /<group name="group_1">([\s\S]*?)<\/group>/.exec(form)?.[1] ?? '';
      assert.match(
        group,
        /<field name="code"\/>\s*<field name="company_id" groups="base.group_multi_company"\/>/,
      );
      // And hidden at the top for the check_company domains of its relations.
      assert.match(form, /<field name="company_id" invisible="1"\/>/);
    });
  }

  it('keeps company_id where the spec places it, once', () => {
    const result = parseSpec(specYaml('17.0', true, 'name, company_id, code'));
    assert.deepEqual(result.ok ? [] : result.errors, []);
    const form = formArch(generate(result.ok ? result.spec : ({} as ModuleSpec)));
    assert.match(
      form,
      /<field name="name"\/>\s*<field name="company_id" groups="base.group_multi_company"\/>\s*<field name="code"\/>/,
    );
    assert.equal(form.match(/<field name="company_id" groups=/g)?.length, 1);
  });

  it('shows company_id placed in a form page to multi-company users only, as in the groups', () => {
    const yaml = specYaml('16.0', true, 'name, code').replace(
      '          - [name, code]\n',
      '          - [name, code]\n        pages:\n          - {label: Other, fields: [date, company_id]}\n',
    );
    const result = parseSpec(yaml);
    assert.deepEqual(result.ok ? [] : result.errors, []);
    const form = formArch(generate(result.ok ? result.spec : ({} as ModuleSpec)));
    assert.match(
      form,
      /<page [^>]*>[\s\S]*<field name="company_id" groups="base.group_multi_company"\/>[\s\S]*<\/page>/,
    );
    assert.equal(form.match(/<field name="company_id" groups=/g)?.length, 1);
  });

  it('still refuses a required field of the model left off the form, at the groups line', () => {
    const yaml = specYaml('18.0', true, 'name, date');
    const result = parseSpec(yaml);
    const errors = result.ok ? [] : result.errors;
    assertError(errors, 'models[0].views.form.groups', 'required field code is not on the form');
    assert.ok(
      !errors.some((error) => error.message.includes('company_id')),
      `company_id is not named: ${JSON.stringify(errors)}`,
    );
    const line = yaml.split('\n').findIndex((text) => text.trim() === 'groups:') + 1;
    assert.equal(errors.find((error) => error.path === 'models[0].views.form.groups')?.line, line);
  });

  it('does not let a model without company: true name company_id in its form', () => {
    const errors = parseSpec(specYaml('18.0', false, 'name, company_id, code'));
    assert.equal(errors.ok, false);
    assertError(
      errors.ok ? [] : errors.errors,
      'models[0].views.form.groups[0][1]',
      'has no field company_id',
    );
  });
});
