import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec, OdooSeries, SpecError } from '../../core/spec/module-spec.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, type SpecDoc } from './spec-helpers.js';

/**
 * ModuleSpec 1.1 multi-company (`company: true` on a model), on examples/equipment_rental.yaml
 * (both of its models are company-bound): the refusals with their paths and lines, the JSON
 * Schema, what is generated for 16.0, 17.0 and 18.0, and the example's golden files. Its proof
 * on a real Odoo is test/e2e/examples-on-real-odoo.test.ts (equipment_rental.yaml).
 */
const EXAMPLE_PATH = fileURLToPath(new URL('../../examples/equipment_rental.yaml', import.meta.url));
const EXAMPLE_YAML = readFileSync(EXAMPLE_PATH, 'utf8');
const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));
const UPDATE = process.env['FORGE_UPDATE_GOLDEN'] === '1';
const SERIES: OdooSeries[] = ['16.0', '17.0', '18.0'];
const GOLDEN_FILES = [
  'models/rental_equipment.py',
  'models/rental_order.py',
  'views/rental_order_views.xml',
  'security/security.xml',
  'tests/test_rental_order.py',
];

/** A fresh copy of the example as plain data (valid as is). */
function example(): SpecDoc {
  const result = parseSpec(EXAMPLE_YAML);
  assert.ok(
    result.ok,
    `examples/equipment_rental.yaml must stay valid: ${JSON.stringify(result.ok ? [] : result.errors)}`,
  );
  return structuredClone(result.spec) as unknown as SpecDoc;
}

function exampleYaml(edit: (spec: SpecDoc) => void): string {
  const spec = example();
  edit(spec);
  return stringify(spec);
}

function exampleErrors(edit: (spec: SpecDoc) => void): SpecError[] {
  const result = parseSpec(exampleYaml(edit));
  assert.equal(result.ok, false, 'expected the spec to be refused');
  return result.ok ? [] : result.errors;
}

function exampleFiles(
  series: OdooSeries,
  edit: (spec: SpecDoc) => void = () => undefined,
): Map<string, string> {
  const result = parseSpec(
    exampleYaml((spec) => {
      spec['odoo'] = series;
      edit(spec);
    }),
  );
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors));
  return generate(result.spec as ModuleSpec);
}

function file(files: Map<string, string>, path: string): string {
  const contents = files.get(path);
  assert.ok(contents !== undefined, `${path} is generated`);
  return contents;
}

const equipment = (spec: SpecDoc) => spec.models[0]!;
const order = (spec: SpecDoc) => spec.models[1]!;

describe('multi-company (ModuleSpec 1.1): validation', () => {
  it('accepts company-bound models whose demo records and tests leave company_id to its default', () => {
    const spec = example();
    assert.equal(equipment(spec)['company'], true);
    assert.equal(order(spec)['company'], true);
    assert.equal(spec.demo['rental.equipment']?.[0]?.['company_id'], undefined);
  });

  it('accepts a company_id declared with a help text, and a demo record given its company', () => {
    const result = parseSpec(
      exampleYaml((spec) => {
        equipment(spec).fields['company_id'] = { type: 'many2one', comodel: 'res.company', help: 'Owner' };
        spec.demo['rental.equipment']![0]!['company_id'] = { ref: 'base.main_company' };
      }),
    );
    assert.deepEqual(result.ok ? [] : result.errors, []);
  });

  it('refuses company: "yes" with its path and line', () => {
    const yaml = exampleYaml((spec) => {
      order(spec)['company'] = 'yes';
    });
    const result = parseSpec(yaml);
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assertError(errors, 'models[1].company', 'expected true or false');
    const line = yaml.split('\n').findIndex((text) => text.includes('company: yes')) + 1;
    assert.ok(line > 0);
    assert.ok(
      errors.some((error) => error.path === 'models[1].company' && error.line === line),
      `the error is at line ${line}: ${JSON.stringify(errors)}`,
    );
  });

  it('refuses a company_id of another type, to another comodel, computed, related or with a default', () => {
    const errors = exampleErrors((spec) => {
      equipment(spec).fields['company_id'] = { type: 'char' };
      order(spec).fields['company_id'] = { type: 'many2one', comodel: 'res.partner', default: 'x' };
    });
    assertError(
      errors,
      'models[0].fields.company_id.type',
      'rental.equipment has company: true',
      'write type: many2one',
    );
    assertError(errors, 'models[1].fields.company_id.comodel', 'a many2one to res.company, not res.partner');
    assertError(
      errors,
      'models[1].fields.company_id.default',
      'defaults to the current company',
      'remove default',
    );
    const related = exampleErrors((spec) => {
      order(spec).fields['company_id'] = {
        type: 'many2one',
        comodel: 'res.company',
        related: 'equipment_id.company_id',
      };
    });
    assertError(
      related,
      'models[1].fields.company_id.related',
      'company_id is set by the user',
      'remove related',
    );
  });

  it('refuses a demo record of a model without company that names company_id (no field is added)', () => {
    const errors = exampleErrors((spec) => {
      delete equipment(spec)['company'];
      spec.demo['rental.equipment']![0]!['company_id'] = { ref: 'base.main_company' };
    });
    assert.ok(
      errors.some((error) => error.path.startsWith('demo') && error.message.includes('company_id')),
      JSON.stringify(errors),
    );
  });
});

describe('multi-company (ModuleSpec 1.1): the JSON Schema the LLM fills', () => {
  it('declares company as a boolean of a model, with what it generates', () => {
    const schema = moduleSpecJsonSchema() as {
      properties: {
        models: { items: { properties: Record<string, { type?: string; description?: string }> } };
      };
    };
    const company = schema.properties.models.items.properties['company'];
    assert.equal(company?.type, 'boolean');
    assert.match(company?.description ?? '', /record rule/);
    assert.match(company?.description ?? '', /check_company/);
  });
});

describe('multi-company (ModuleSpec 1.1): generation for 16.0, 17.0 and 18.0', () => {
  for (const series of SERIES) {
    it(`${series}: company_id with its default, check_company, the record rule, the views, the tests`, () => {
      const files = exampleFiles(series);
      const orderPy = file(files, 'models/rental_order.py');
      assert.match(orderPy, /_check_company_auto = True\n/);
      assert.match(
        orderPy,
        /company_id = fields\.Many2one\(\n\s+comodel_name="res\.company",\n\s+string="Company",\n\s+required=True,\n\s+index=True,\n\s+default=lambda self: self\.env\.company,\n\s+\)/,
      );
      for (const relation of ['equipment_id', 'partner_id'])
        assert.match(orderPy, new RegExp(`${relation} = fields\\.Many2one\\([^)]*check_company=True,`));
      assert.doesNotMatch(
        orderPy,
        /currency_id = fields\.Many2one\([^)]*check_company/,
        'res.currency is not company-bound',
      );
      const security = file(files, 'security/security.xml');
      const domain =
        series === '16.0'
          ? "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
          : "[('company_id', 'in', company_ids + [False])]";
      for (const table of ['rental_equipment', 'rental_order']) {
        const rule =
          new RegExp(`<record id="${table}_rule_company" model="ir\\.rule">([^]*?)</record>`).exec(
            security,
          )?.[1] ?? '';
        assert.ok(rule.includes(`<field name="model_id" ref="model_${table}"/>`), rule);
        assert.ok(rule.includes(`<field name="domain_force">${domain.replace(/'/g, "'")}</field>`), rule);
        assert.doesNotMatch(rule, /name="groups"/, 'a global rule');
      }
      assert.match(
        file(files, '__manifest__.py'),
        /"security\/security\.xml",\n\s+"security\/ir\.model\.access\.csv",/,
      );
      const views = file(files, 'views/rental_order_views.xml');
      assert.match(
        views,
        /<field name="company_id" groups="base\.group_multi_company" optional="show"\/>\n\s+<\/(tree|list)>/,
      );
      assert.match(views, /<sheet>\n\s+<field name="company_id" invisible="1"\/>/);
      assert.match(
        views,
        /<field name="amount"\/>\n\s+<field name="company_id" groups="base\.group_multi_company"\/>\n\s+<\/group>/,
      );
      assert.match(
        views,
        /<filter name="group_by_company_id" string="Company" context="\{'group_by': 'company_id'\}" groups="base\.group_multi_company"\/>/,
      );
      const tests = file(files, 'tests/test_rental_order.py');
      assert.match(tests, /from odoo\.exceptions import AccessError/);
      assert.match(
        tests,
        /def test_company_rule_keeps_companies_apart\(self\):[^]*?with self\.assertRaises\(AccessError\):/,
      );
      assert.match(
        tests,
        /def test_company_check_on_equipment_id\(self\):[^]*?assertRaisesRegex\(UserError, "Incompatible companies"\)/,
      );
      assert.match(tests, /def test_company_check_on_partner_id\(self\):[^]*?"company_id": company_b\.id/);
      assert.doesNotMatch(
        tests.split('def test_')[0] ?? '',
        /"company_id"/,
        'create() leaves company_id to its default',
      );
    });
  }

  it('numbers a company-bound model per company (the sequence of the record company)', () => {
    const files = exampleFiles('18.0', (spec) => {
      order(spec).fields['name'] = {
        type: 'char',
        string: 'Reference',
        sequence: { prefix: 'RENT/%(year)s/' },
      };
    });
    assert.match(
      file(files, 'models/rental_order.py'),
      /with_company\(vals\.get\("company_id"\) or self\.env\.company\.id\)/,
    );
  });

  it('keeps the example without company as it was: no company_id, rule, check_company or security.xml', () => {
    const files = exampleFiles('17.0', (spec) => {
      delete equipment(spec)['company'];
      delete order(spec)['company'];
    });
    assert.equal(files.has('security/security.xml'), false);
    for (const [path, contents] of files)
      assert.doesNotMatch(contents, /company_id|check_company|group_multi_company/, path);
  });
});

describe('golden files: examples/equipment_rental.yaml for 16.0, 17.0 and 18.0', () => {
  for (const series of SERIES) {
    for (const path of GOLDEN_FILES) {
      it(`${series}: ${path} is byte for byte the golden file`, () => {
        const actual = file(exampleFiles(series), path);
        const golden = join(GOLDEN_DIR, series, 'equipment_rental', path);
        if (UPDATE) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, actual);
        }
        assert.equal(
          actual,
          readFileSync(golden, 'utf8'),
          `differs from ${golden} (FORGE_UPDATE_GOLDEN=1 rewrites it)`,
        );
      });
    }
  }
});
