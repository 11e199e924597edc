import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec, OdooSeries } from '../../core/spec/module-spec.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertPaths, errorsOf } from './spec-helpers.js';

/**
 * ModuleSpec 1.1 `settings`: fields of res.config.settings kept as system parameters or on the
 * company, in the module's block of the Settings app. examples/helpdesk.yaml uses them; its
 * settings files are golden files (rewrite them with FORGE_UPDATE_GOLDEN=1 and review the diff).
 */
const HELPDESK_YAML = readFileSync(
  fileURLToPath(new URL('../../examples/helpdesk.yaml', import.meta.url)),
  'utf8',
);
const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));
const UPDATE = process.env['FORGE_UPDATE_GOLDEN'] === '1';
const SERIES: OdooSeries[] = ['16.0', '17.0', '18.0'];
const SETTINGS_FILES = [
  'models/res_config_settings.py',
  'models/res_company.py',
  'views/res_config_settings_views.xml',
  'tests/test_res_config_settings.py',
];

type Doc = Record<string, unknown> & { settings?: Record<string, unknown>[]; extend?: unknown[] };

function helpdesk(): Doc {
  const parsed = parseSpec(HELPDESK_YAML);
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  return structuredClone(parsed.spec) as unknown as Doc;
}

function helpdeskYaml(edit: (spec: Doc) => void): string {
  const spec = helpdesk();
  edit(spec);
  return stringify(spec);
}

function generated(series: OdooSeries, edit: (spec: Doc) => void = () => undefined): Map<string, string> {
  const parsed = parseSpec(helpdeskYaml(edit));
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  return generate({ ...parsed.spec, odoo: series } as ModuleSpec);
}

describe('settings (ModuleSpec 1.1): validation', () => {
  it('accepts the settings of examples/helpdesk.yaml and a setting with its own parameter key and company field', () => {
    const parsed = parseSpec(
      helpdeskYaml((spec) => {
        spec.settings?.push(
          { name: 'helpdesk_ratio', type: 'float', config_parameter: 'helpdesk_lite.ratio', default: 0.5 },
          {
            name: 'helpdesk_open',
            type: 'boolean',
            company_field: 'helpdesk_open_on_weekends',
            default: true,
          },
        );
      }),
    );
    assert.deepEqual(parsed.ok ? [] : parsed.errors, []);
  });

  it('refuses a setting kept nowhere or in two places, a repeated name, label, key or company field', () => {
    const errors = errorsOf(
      helpdeskYaml((spec) => {
        spec.settings = [
          { name: 'helpdesk_a', type: 'char' },
          { name: 'helpdesk_b', type: 'char', config_parameter: true, company_field: true },
          { name: 'helpdesk_c', type: 'char', label: 'Same', config_parameter: 'helpdesk_lite.key' },
          { name: 'helpdesk_d', type: 'char', label: 'same', config_parameter: 'helpdesk_lite.key' },
          { name: 'helpdesk_e', type: 'char', company_field: 'helpdesk_x' },
          { name: 'helpdesk_f', type: 'char', company_field: 'helpdesk_x' },
          { name: 'helpdesk_f', type: 'integer', config_parameter: true },
        ];
      }),
    );
    assertError(errors, 'settings[0]', 'say where the value is kept', 'config_parameter', 'company_field');
    assertError(errors, 'settings[1]', 'not both');
    assertError(errors, 'settings[3].label', 'helpdesk_c has the same label');
    assertError(errors, 'settings[3].config_parameter', 'already keeps its value in helpdesk_lite.key');
    assertError(errors, 'settings[5].company_field', 'res.company.helpdesk_x');
    assertError(errors, 'settings[6].name', 'already a setting helpdesk_f');
    assertPaths(errors, [
      'settings[0]',
      'settings[1]',
      'settings[3].label',
      'settings[3].config_parameter',
      'settings[5].company_field',
      'settings[6].name',
    ]);
  });

  it('refuses names Odoo already gives a meaning, and a company field res.company already has', () => {
    const errors = errorsOf(
      helpdeskYaml((spec) => {
        spec.settings = [
          { name: 'company_id', type: 'char', config_parameter: true },
          { name: 'group_helpdesk', type: 'boolean', config_parameter: true },
          { name: 'module_helpdesk', type: 'boolean', config_parameter: true },
          { name: 'helpdesk_mail', type: 'char', label: 'Mail', company_field: 'email' },
        ];
      }),
    );
    assertError(errors, 'settings[0].name', 'already has a field company_id');
    assertError(errors, 'settings[1].name', 'starting with group_');
    assertError(errors, 'settings[2].name', 'starting with module_');
    assertError(
      errors,
      'settings[3].company_field',
      'res.company already has a field email',
      'helpdesk_lite_email',
    );
  });

  it('refuses options off a selection, a selection without options, defaults of the wrong type, a true parameter default', () => {
    const errors = errorsOf(
      helpdeskYaml((spec) => {
        spec.settings = [
          { name: 'helpdesk_a', type: 'char', options: { a: 'A' }, config_parameter: true },
          { name: 'helpdesk_b', type: 'selection', config_parameter: true },
          {
            name: 'helpdesk_c',
            type: 'selection',
            options: { a: 'A', b: 'B' },
            default: 'c',
            config_parameter: true,
          },
          { name: 'helpdesk_d', type: 'integer', default: 1.5, config_parameter: true },
          { name: 'helpdesk_e', type: 'char', default: 3, config_parameter: true },
          { name: 'helpdesk_f', type: 'boolean', default: true, config_parameter: true },
          { name: 'helpdesk_g', type: 'float', default: 'x', company_field: true },
        ];
      }),
    );
    assertError(errors, 'settings[0].options', 'options are for a selection setting');
    assertError(errors, 'settings[1]', 'needs its options');
    assertError(errors, 'settings[2].default', 'c is not an option of helpdesk_c', 'a, b');
    assertError(errors, 'settings[3].default', 'whole number');
    assertError(errors, 'settings[4].default', 'a text');
    assertError(errors, 'settings[5].default', 'cannot default to true');
    assertError(errors, 'settings[6].default', 'a number');
  });

  it('refuses a bad type, a bad key, unknown keys, and settings beside an extension of res.config.settings or res.company', () => {
    const errors = errorsOf(
      helpdeskYaml((spec) => {
        spec.settings = [
          { name: 'helpdesk_a', type: 'date', config_parameter: true },
          { name: 'helpdesk_b', type: 'char', config_parameter: 'nodot' },
          { name: 'helpdesk_c', type: 'char', config_paramter: true },
        ];
      }),
    );
    assertError(errors, 'settings[0].type', 'boolean, char, integer, float, selection');
    assertError(errors, 'settings[1].config_parameter', 'dotted parameter key');
    assertError(errors, 'settings[2].config_paramter', 'did you mean `config_parameter`?');
    const extended = errorsOf(
      helpdeskYaml((spec) => {
        spec.settings?.push({ name: 'helpdesk_x', type: 'char', company_field: true });
        spec.extend = [
          { model: 'res.config.settings', fields: { helpdesk_y: { type: 'char' } } },
          { model: 'res.company', fields: { helpdesk_z: { type: 'char' } } },
        ];
      }),
    );
    assertError(extended, 'extend[0].model', 'move these fields to settings');
    assertError(extended, 'settings[2].company_field', 'extend[1] also adds fields to res.company');
  });

  it('gives the line of a refused setting', () => {
    const yaml = helpdeskYaml((spec) => {
      spec.settings?.push({ name: 'helpdesk_nowhere', type: 'char' });
    });
    const parsed = parseSpec(yaml);
    const error = (parsed.ok ? [] : parsed.errors).find((candidate) => candidate.path === 'settings[4]');
    assert.ok(error, 'an error at settings[4]');
    assert.equal(
      error.line,
      yaml.split('\n').findIndex((text) => text.includes('name: helpdesk_nowhere')) + 1,
    );
  });

  it('is in the JSON Schema the LLM fills', () => {
    const text = JSON.stringify(moduleSpecJsonSchema());
    assert.match(text, /"settings"/);
    assert.match(text, /"config_parameter"/);
    assert.match(text, /"company_field"/);
  });
});

describe('settings (ModuleSpec 1.1): generation', () => {
  for (const series of SERIES) {
    for (const path of SETTINGS_FILES) {
      it(`${series}: helpdesk_lite's ${path} is byte for byte the golden file`, () => {
        const actual = generated(series).get(path);
        assert.ok(actual !== undefined, `${path} is generated`);
        const golden = join(GOLDEN_DIR, series, 'helpdesk_lite', path);
        if (UPDATE) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, actual);
        }
        assert.equal(actual, readFileSync(golden, 'utf8'));
      });
    }

    it(`${series}: the manifest depends on base_setup and loads the settings view; models and tests import them`, () => {
      const files = generated(series);
      const manifest = files.get('__manifest__.py') ?? '';
      assert.match(manifest, /"depends": \[\n {8}"mail",\n {8}"base_setup",\n {4}\]/);
      assert.match(manifest, /"views\/res_config_settings_views\.xml",\n {8}"views\/menus\.xml",/);
      assert.match(
        files.get('models/__init__.py') ?? '',
        /from \. import res_config_settings\nfrom \. import res_company\n$/,
      );
      assert.match(files.get('tests/__init__.py') ?? '', /from \. import test_res_config_settings\n$/);
    });
  }

  it('a spec without settings gets none of their files and no base_setup', () => {
    const files = generated('18.0', (spec) => {
      delete spec.settings;
    });
    for (const path of SETTINGS_FILES) assert.equal(files.has(path), false, path);
    assert.doesNotMatch(files.get('__manifest__.py') ?? '', /base_setup|res_config_settings/);
  });

  it('config parameters only: no res.company file, no company assertion', () => {
    const files = generated('17.0', (spec) => {
      spec.settings = spec.settings?.filter((setting) => setting['config_parameter'] !== undefined);
    });
    assert.equal(files.has('models/res_company.py'), false);
    assert.doesNotMatch(files.get('models/__init__.py') ?? '', /res_company/);
    assert.doesNotMatch(files.get('tests/test_res_config_settings.py') ?? '', /self\.env\.company/);
  });
});
