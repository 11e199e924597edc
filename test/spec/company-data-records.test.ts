import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError } from './spec-helpers.js';

/**
 * Data records (ModuleSpec 1.1 `data`) on a company-bound model (`company: true`): company_id
 * defaults to the current company, as in demo records, so a data record need not give it. Found
 * by the property test once it drew company models (it was refused "missing company_id: the
 * field is required and has no default").
 */
const YAML = `spec_version: 1
odoo: "17.0"
module: {name: company_tags, title: Company Tags}
models:
  - name: forge.tag
    title: Tag
    company: true
    fields:
      name: {type: char, required: true}
      code: {type: char, required: true}
data:
  forge.tag:
    - id: tag_urgent
      values: {name: Urgent, code: U}
`;

describe('multi-company (ModuleSpec 1.1): data records of a company-bound model', () => {
  it('validates a data record that leaves company_id to its default, and writes no company_id value', () => {
    const result = parseSpec(YAML);
    assert.deepEqual(result.ok ? [] : result.errors, []);
    const files = generate(result.ok ? result.spec : ({} as ModuleSpec));
    const data = [...files].find(([path]) => path.startsWith('data/') && path.endsWith('.xml'))?.[1] ?? '';
    assert.match(data, /<record id="tag_urgent" model="forge.tag">/);
    assert.doesNotMatch(data, /company_id/);
  });

  it('still refuses a data record without another required field, with its path and line', () => {
    const yaml = YAML.replace('{name: Urgent, code: U}', '{name: Urgent}');
    const result = parseSpec(yaml);
    const errors = result.ok ? [] : result.errors;
    assertError(errors, 'data["forge.tag"][0].values', 'missing code');
    assert.ok(!errors.some((error) => error.message.includes('company_id')), JSON.stringify(errors));
    const line = yaml.split('\n').findIndex((text) => text.includes('values: {name: Urgent}')) + 1;
    assert.equal(errors.find((error) => error.path === 'data["forge.tag"][0].values')?.line, line);
  });
});
