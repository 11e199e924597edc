import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import {
  assertError,
  assertLibraryValid,
  errorsOf,
  libraryErrors,
  libraryYaml,
  type SpecDoc,
} from './spec-helpers.js';

/** The library example with a genre model and its default genres (ModuleSpec 1.1 `data`). */
function withGenres(spec: SpecDoc, data: unknown = defaultGenres()): void {
  spec.models.push({
    name: 'library.genre',
    title: 'Genre',
    fields: {
      name: { type: 'char', required: true, translate: true },
      code: { type: 'char', required: true },
      shelf: { type: 'integer', default: 1 },
      kind: { type: 'selection', options: { fiction: 'Fiction', other: 'Other' } },
      parent_id: { type: 'many2one', comodel: 'library.genre', string: 'Parent Genre' },
    },
    constraints: [{ check: 'shelf > 0', message: 'A shelf is numbered from 1.' }],
  } as unknown as SpecDoc['models'][number]);
  spec.security.access['library.genre'] = { user: 'r', manager: 'crud' };
  spec['data'] = data;
}

function defaultGenres(): Record<string, unknown> {
  return {
    'library.genre': [
      { id: 'genre_fiction', values: { name: 'Fiction', code: 'FIC', kind: 'fiction' } },
      { id: 'genre_crime', values: { name: 'Crime', code: 'CRI', parent_id: { ref: 'genre_fiction' } } },
      { id: 'genre_poetry', values: { name: 'Poetry', code: 'POE', shelf: 3 }, noupdate: false },
    ],
  };
}

describe('data records (ModuleSpec 1.1): validation', () => {
  it('accepts records with refs to earlier ones, a noupdate: false record, and tests and demo that refer to them', () => {
    assertLibraryValid((spec) => {
      withGenres(spec);
      spec.demo['library.genre'] = [{ name: 'Essays', code: 'ESS', parent_id: { ref: 'genre_poetry' } }];
      spec.tests.push({
        name: 'a genre under a default one',
        create: {
          model: 'library.genre',
          values: { name: 'Noir', code: 'NOI', parent_id: { ref: 'library_loans.genre_crime' } },
        },
        expect: { shelf: 1 },
      });
    });
  });

  it('refuses an unknown model, a stage model, a model another key writes', () => {
    const errors = libraryErrors((spec) => {
      withGenres(spec, {
        ...defaultGenres(),
        'library.genr': [{ id: 'genre_x', values: { name: 'X' } }],
        'ir.sequence': [{ id: 'seq_x', values: { name: 'X' } }],
      });
      spec.models.push({
        name: 'library.loan.stage',
        stages: ['Open'],
        fields: {},
      } as unknown as SpecDoc['models'][number]);
      spec.security.access['library.loan.stage'] = { manager: 'crud' };
      spec.models[1]!.fields['stage_id'] = { type: 'many2one', comodel: 'library.loan.stage' };
      (spec['data'] as Record<string, unknown>)['library.loan.stage'] = [
        { id: 'stage_closed', values: { name: 'Closed' } },
      ];
    });
    assertError(
      errors,
      'data["library.genr"]',
      'library.genr is not a model of this spec',
      'did you mean library.genre?',
    );
    assertError(errors, 'data["ir.sequence"]', 'ir.sequence', '`sequence` on the field');
    assertError(errors, 'data["library.loan.stage"]', 'is a stage model', 'models[3].stages');
  });

  it('refuses unknown fields, values of the wrong type, x2many values and a missing required field', () => {
    const errors = libraryErrors((spec) =>
      withGenres(spec, {
        'library.genre': [
          { id: 'genre_a', values: { name: 'A', code: 'A', shelff: 2 } },
          { id: 'genre_b', values: { name: 'B', code: 'B', shelf: 'top', kind: 'poems' } },
          { id: 'genre_c', values: { name: 'C' } },
          { id: 'genre_d', values: { name: 'D', code: 'D', parent_id: 'genre_a' } },
        ],
        'library.book': [
          { id: 'book_x', values: { title: 'X', author_ids: [{ ref: 'base.partner_admin' }] } },
        ],
      }),
    );
    assertError(
      errors,
      'data["library.genre"][0].values.shelff',
      'library.genre has no field shelff',
      'did you mean shelf?',
    );
    assertError(errors, 'data["library.genre"][1].values.shelf', 'top');
    assertError(errors, 'data["library.genre"][1].values.kind', 'poems');
    assertError(
      errors,
      'data["library.genre"][2].values',
      'missing code: the field is required and has no default',
    );
    assertError(
      errors,
      'data["library.genre"][3].values.parent_id',
      'expected {ref: module.xml_id}',
      'a data record',
    );
    assertError(
      errors,
      'data["library.book"][0].values.author_ids',
      'a data record cannot fill a many2many field',
    );
  });

  it('refuses null for a required field of a data record', () => {
    const errors = libraryErrors((spec) => {
      withGenres(spec, {
        'library.genre': [{ id: 'genre_blank', values: { name: 'Blank', code: null, kind: null } }],
      });
    });
    assertError(
      errors,
      'data["library.genre"][0].values.code',
      'code is required: null leaves it empty',
      'install',
    );
    assert.equal(
      errors.some((error) => error.path.endsWith('.kind')),
      false,
      'an optional field may be null',
    );
  });

  it('refuses refs to a later record, an unknown record, a demo record and a module outside depends', () => {
    const errors = libraryErrors((spec) => {
      withGenres(spec, {
        'library.genre': [
          { id: 'genre_a', values: { name: 'A', code: 'A', parent_id: { ref: 'genre_b' } } },
          { id: 'genre_b', values: { name: 'B', code: 'B', parent_id: { ref: 'library_loans.genre_zz' } } },
          { id: 'genre_c', values: { name: 'C', code: 'C', parent_id: { ref: 'library_genre_demo_1' } } },
        ],
        'library.book': [
          { id: 'book_x', values: { title: 'X', currency_id: { ref: 'sale.some_currency' } } },
        ],
      });
      spec.demo['library.genre'] = [{ name: 'Essays', code: 'ESS' }];
    });
    assertError(
      errors,
      'data["library.genre"][0].values.parent_id.ref',
      'genre_b is defined after this record',
    );
    assertError(errors, 'data["library.genre"][1].values.parent_id.ref', 'is not a data record of this spec');
    assertError(
      errors,
      'data["library.genre"][2].values.parent_id.ref',
      'is a demo record',
      'without demo data',
    );
    assertError(errors, 'data["library.book"][0].values.currency_id.ref', 'add sale to module.depends');
  });

  it('refuses an id used twice or used by a default stage, and values that break a CHECK constraint', () => {
    const errors = libraryErrors((spec) => {
      withGenres(spec, {
        'library.genre': [
          { id: 'genre_a', values: { name: 'A', code: 'A' } },
          { id: 'genre_a', values: { name: 'B', code: 'B', shelf: 0 } },
          { id: 'library_loan_stage_open', values: { name: 'C', code: 'C' } },
        ],
      });
      spec.models.push({
        name: 'library.loan.stage',
        stages: ['Open'],
        fields: {},
      } as unknown as SpecDoc['models'][number]);
      spec.security.access['library.loan.stage'] = { manager: 'crud' };
      spec.models[1]!.fields['stage_id'] = { type: 'many2one', comodel: 'library.loan.stage' };
    });
    assertError(
      errors,
      'data["library.genre"][1].id',
      'XML id genre_a is already used by data["library.genre"][0]',
    );
    assertError(
      errors,
      'data["library.genre"][1].values',
      'these values break the constraint "shelf > 0"',
      'the install would fail',
    );
    assertError(
      errors,
      'data["library.genre"][2].id',
      'already used by a default stage of library.loan.stage',
    );
  });

  it('refuses a malformed record with the path and line of the key', () => {
    const yaml = libraryYaml((spec) =>
      withGenres(spec, {
        'library.genre': [
          { id: 'Genre-A', values: { name: 'A', code: 'A' } },
          { values: { name: 'B' }, update: true },
        ],
      }),
    );
    const errors = errorsOf(yaml);
    assertError(errors, 'data["library.genre"][0].id', 'expected an XML id such as tag_math');
    assertError(
      errors,
      'data["library.genre"][1].update',
      'unknown key `update`',
      'did you mean `noupdate`?',
    );
    assertError(errors, 'data["library.genre"][1].id', 'missing (required)');
    const line = yaml.split('\n').findIndex((text) => text.includes('Genre-A')) + 1;
    const error = errors.find((candidate) => candidate.path === 'data["library.genre"][0].id');
    assert.equal(error?.line, line, JSON.stringify(error));
    assertError(
      libraryErrors((spec) => withGenres(spec, { 'library.genre': [] })),
      'data["library.genre"]',
      'list at least one record',
    );
  });
});

describe('data records (ModuleSpec 1.1): the JSON Schema the LLM fills', () => {
  it('declares data as model → [{id, values, noupdate}] with its description', () => {
    const schema = moduleSpecJsonSchema() as {
      properties: Record<
        string,
        {
          description?: string;
          additionalProperties?: {
            minItems?: number;
            items?: { required?: string[]; properties?: Record<string, unknown> };
          };
        }
      >;
    };
    const data = schema.properties['data'];
    assert.match(data?.description ?? '', /not demo data/);
    assert.equal(data?.additionalProperties?.minItems, 1);
    assert.deepEqual(data?.additionalProperties?.items?.required, ['id', 'values']);
    assert.deepEqual(Object.keys(data?.additionalProperties?.items?.properties ?? {}), [
      'id',
      'values',
      'noupdate',
    ]);
  });
});

describe('data records (ModuleSpec 1.1): generation for 16.0, 17.0 and 18.0', () => {
  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`${series}: writes data/<model>_data.xml (noupdate, a noupdate: false block), lists it in the manifest's data, and tests it`, () => {
      const parsed = parseSpec(
        libraryYaml((spec) => {
          withGenres(spec);
          spec['odoo'] = series;
        }),
      );
      assert.ok(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.errors));
      const files = generate(parsed.spec);
      const xml = files.get('data/library_genre_data.xml') ?? '';
      assert.match(xml, /<data noupdate="1">\n {8}<record id="genre_fiction" model="library.genre">/);
      assert.match(xml, /<field name="parent_id" ref="genre_fiction"\/>/);
      assert.match(xml, /<field name="kind">fiction<\/field>/);
      assert.match(xml, /<\/data>\n\n {4}<data>\n {8}<record id="genre_poetry" model="library.genre">/);
      const manifest = files.get('__manifest__.py') ?? '';
      const data = manifest.slice(manifest.indexOf('"data"'), manifest.indexOf('"demo"'));
      assert.ok(data.includes('"data/library_genre_data.xml"'), manifest);
      assert.ok(
        data.indexOf('ir.model.access.csv') < data.indexOf('library_genre_data.xml'),
        'access rows load first',
      );
      assert.ok(
        data.indexOf('library_genre_data.xml') < data.indexOf('views/'),
        'data records load before the views',
      );
      const test = files.get('tests/test_library_genre.py') ?? '';
      assert.match(test, /record = self\.env\.ref\("library_loans\.genre_crime"\)/);
      assert.match(
        test,
        /self\.assertEqual\(record\.parent_id, self\.env\.ref\("library_loans\.genre_fiction"\)\)/,
      );
      assert.match(test, /"genre_poetry": False/);
    });
  }

  it('writes <odoo noupdate="1"> when every record keeps its edits, and nothing for a spec without data', () => {
    const parsed = parseSpec(
      libraryYaml((spec) =>
        withGenres(spec, { 'library.genre': [{ id: 'genre_a', values: { name: 'A', code: 'A' } }] }),
      ),
    );
    assert.ok(parsed.ok);
    assert.match(
      generate(parsed.spec).get('data/library_genre_data.xml') ?? '',
      /^<\?xml[^\n]*\n<odoo noupdate="1">\n {4}<record/,
    );
    const plain = parseSpec(libraryYaml(() => undefined));
    assert.ok(plain.ok);
    assert.deepEqual(
      [...generate(plain.spec).keys()].filter(
        (path) =>
          path.startsWith('data/') &&
          path.endsWith('_data.xml') &&
          !/(ir_sequence|stage|mail_template|ir_cron)_data/.test(path),
      ),
      [],
    );
  });
});
