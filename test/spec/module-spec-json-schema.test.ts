import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import {
  MODULE_SPEC_1_1_KEYS,
  moduleSpecJsonSchema,
  schemaKeys,
} from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

/**
 * The JSON Schema of ModuleSpec (what `odoo-forge schema` prints and the LLM's tool follows):
 * every ModuleSpec 1.1 key is in it with a description, and a JSON Schema validator (Ajv, draft
 * 2020-12, strict) accepts the real examples and refuses broken ones where they are broken.
 */

const examplesDir = new URL('../../examples/', import.meta.url);
const exampleNames = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const example = (name: string): Record<string, unknown> =>
  parse(readFileSync(new URL(name, examplesDir), 'utf8'), { version: '1.2' }) as Record<string, unknown>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
function compiledSchema() {
  const ajv = addFormats(new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }));
  return ajv.compile(moduleSpecJsonSchema());
}

/** A named key at or under `key`: `models[].scheduled[].every.unit` is under `models[].scheduled`. */
function isUnder(path: string, key: string): boolean {
  return path === key || ['.', '[', '{'].some((mark) => path.startsWith(`${key}${mark}`));
}

describe('the ModuleSpec JSON Schema describes every ModuleSpec 1.1 key', () => {
  const keys = schemaKeys(moduleSpecJsonSchema());

  for (const key of MODULE_SPEC_1_1_KEYS) {
    it(`${key} and every key under it have a description`, () => {
      assert.ok(keys.has(key), `${key} is not in the JSON Schema`);
      const named = [...keys].filter(([path]) => isUnder(path, key) && !/(\[\]|\{\})$/.test(path));
      const bare = named.filter(
        ([, node]) => typeof node['description'] !== 'string' || node['description'] === '',
      );
      assert.deepEqual(
        bare.map(([path]) => path),
        [],
        'add a description (a zod .describe() or KEY_DESCRIPTIONS of core/spec/module-spec-json-schema.ts)',
      );
      assert.ok(named.length >= 1);
    });
  }
});

describe('the ModuleSpec JSON Schema validates real specs (Ajv, draft 2020-12, strict mode, union types allowed)', () => {
  const validate = compiledSchema();

  it('the examples cover every ModuleSpec 1.1 key', () => {
    const used = new Set<string>();
    for (const name of exampleNames) collectPaths(example(name), '', used);
    assert.deepEqual(
      MODULE_SPEC_1_1_KEYS.filter((key) => !used.has(key)),
      [],
    );
  });

  for (const name of exampleNames) {
    it(`examples/${name} is valid against the JSON Schema`, () => {
      const valid = validate(example(name));
      assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
    });
  }

  // Each case breaks one ModuleSpec 1.1 key of a real example; the JSON Schema refuses it at that
  // key, as the real validator (parseSpec) does.
  const broken: { what: string; from: string; at: string; edit: (spec: Spec) => void }[] = [
    {
      what: 'a sequence padding of 0 digits',
      from: 'room_booking.yaml',
      at: '/models/1/fields/reference/sequence/padding',
      edit: (spec) => {
        spec.models[1]!.fields['reference']!['sequence'] = { prefix: 'BOOK/', padding: 0 };
      },
    },
    {
      what: 'a graph of an unknown type',
      from: 'room_booking.yaml',
      at: '/models/1/views/graph/type',
      edit: (spec) => {
        (spec.models[1]!['views'] as Record<string, Record<string, unknown>>)['graph']!['type'] = 'donut';
      },
    },
    {
      what: 'company: "yes" (a string)',
      from: 'equipment_rental.yaml',
      at: '/models/0/company',
      edit: (spec) => {
        spec.models[0]!['company'] = 'yes';
      },
    },
    {
      what: 'a data record without an id',
      from: 'school_courses.yaml',
      at: '/data/school.course.tag/0',
      edit: (spec) => {
        const data = spec['data'] as Record<string, Record<string, unknown>[]>;
        delete data['school.course.tag']![0]!['id'];
      },
    },
    {
      what: 'a setting of type date',
      from: 'helpdesk.yaml',
      at: '/settings/0/type',
      edit: (spec) => {
        (spec['settings'] as Record<string, unknown>[])[0]!['type'] = 'date';
      },
    },
    {
      what: 'a job every 1 year',
      from: 'service_desk.yaml',
      at: '/models/1/scheduled/0/every/unit',
      edit: (spec) => {
        (spec.models[1]!['scheduled'] as Record<string, Record<string, unknown>>[])[0]!['every'] = {
          number: 1,
          unit: 'years',
        };
      },
    },
    {
      what: 'a mail template with a misspelt key',
      from: 'service_desk.yaml',
      at: '/models/1/mail_templates/0',
      edit: (spec) => {
        (spec.models[1]!['mail_templates'] as Record<string, unknown>[])[0]!['subjet'] = 'Closed';
      },
    },
    {
      what: 'an unquoted series',
      from: 'library.yaml',
      at: '/odoo',
      edit: (spec) => {
        spec['odoo'] = 18;
      },
    },
  ];

  for (const { what, from, at, edit } of broken) {
    it(`examples/${from} with ${what} is refused at ${at}`, () => {
      const spec = example(from) as Spec;
      edit(spec);
      assert.equal(validate(spec), false, 'the JSON Schema accepted it');
      const places = (validate.errors ?? []).map((error) => error.instancePath);
      assert.ok(places.includes(at), `refused elsewhere: ${places.join(', ')}`);
      assert.equal(parseSpec(JSON.stringify(spec)).ok, false, 'parseSpec accepted it');
    });
  }
});

type Spec = Record<string, unknown> & {
  models: (Record<string, unknown> & { fields: Record<string, Record<string, unknown>> })[];
};

/** The schema paths (`models[].views.pivot`) of every key a spec document uses. */
function collectPaths(value: unknown, path: string, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectPaths(item, `${path}[]`, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  // Mappings whose keys are names (fields, data models, demo models): their values share one path.
  const named = /(\.fields|^data|^demo|\.options|\.write|\.lines)$/.test(path) || path === 'data';
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = named ? `${path}{}` : path === '' ? key : `${path}.${key}`;
    into.add(at);
    collectPaths(child, at, into);
  }
}
