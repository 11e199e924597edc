import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { planUpgrade } from '../../core/upgrade/plan-upgrade.js';
import { probeSpec } from './probe-specs.js';

/** The spec's errors as `path: message` (JSON is YAML). */
function validateSpecObject(spec: unknown): string[] {
  const parsed = parseSpec(JSON.stringify(spec));
  return parsed.ok ? [] : parsed.errors.map((error) => `${error.path}: ${error.message}`);
}

test('a spec with renamed_from and mapped_from gets migrations/<version>/pre-migrate.py that renames, then maps', () => {
  const files = generate(probeSpec('probe-renamed-v2', '17.0'));
  const script = files.get('migrations/17.0.1.1.0/pre-migrate.py');
  assert.ok(script, `files: ${[...files.keys()].join(', ')}`);
  const rename = script.indexOf(`ALTER TABLE "forge_probe_renamed" RENAME COLUMN "pages" TO "page_count"`);
  const map = script.indexOf(
    `UPDATE "forge_probe_renamed" SET "state" = %s WHERE "state" = %s', ("new", "draft")`,
  );
  assert.ok(rename > 0 && map > rename, script);
  assert.match(script, /if not version:\n {8}return/, 'a fresh install runs no step');
  assert.match(
    script,
    /_column_exists\(cr, "forge_probe_renamed", "pages"\) and not _column_exists\(cr, "forge_probe_renamed", "page_count"\)/,
  );
  assert.match(files.get('__manifest__.py') ?? '', /"version": "17\.0\.1\.1\.0"/);
});

test('a spec without renames gets no migrations folder (the examples stay byte-identical)', () => {
  const files = generate(probeSpec('probe-renamed-v1'));
  assert.deepEqual(
    [...files.keys()].filter((path) => path.startsWith('migrations/')),
    [],
  );
});

test('renamed_from and mapped_from are checked against the model and the options', () => {
  const errors = validateSpecObject({
    spec_version: 1,
    odoo: '18.0',
    module: { name: 'probe', title: 'Probe' },
    models: [
      {
        name: 'probe.item',
        fields: {
          name: { type: 'char', renamed_from: 'title' },
          title: { type: 'char' },
          count: { type: 'integer', mapped_from: { a: 'b' } },
          state: {
            type: 'selection',
            options: { new: 'New', done: 'Done' },
            mapped_from: { done: 'new', draft: 'open' },
          },
          tag_ids: { type: 'many2many', comodel: 'res.partner.category', renamed_from: 'tags' },
        },
      },
    ],
  });
  assert.deepEqual(errors, [
    'models[0].fields.name.renamed_from: probe.item still has a field title: a field renamed from title needs title gone, or remove renamed_from',
    'models[0].fields.count.mapped_from: mapped_from only applies to selection fields, not to a integer field',
    'models[0].fields.state.mapped_from.done: "done" is still a key of options: map only keys that were removed',
    'models[0].fields.state.mapped_from.draft: "open" is not a key of options: expected one of new, done',
    'models[0].fields.tag_ids.renamed_from: renamed_from only applies to a field with a column (not many2many, computed without store, or related): its values are not in a column to rename',
  ]);
});

test('renamed_from on a model: the pre-migrate script renames the table, its many2many table and every row naming the model, first', () => {
  const files = generate(planUpgrade(probeSpec('probe-moved-v1'), probeSpec('probe-moved-v2')).spec);
  const script = files.get('migrations/18.0.1.1.0/pre-migrate.py');
  assert.ok(script, `files: ${[...files.keys()].join(', ')}`);
  assert.match(
    script,
    /_rename_model\(cr, "forge_probe_moved", "forge\.probe\.item", "forge\.probe\.thing", \[\("forge_probe_item_res_partner_category_rel", "forge_probe_thing_res_partner_category_rel", \(\("forge_probe_item_id", "forge_probe_thing_id"\), \)\)\], \[\]\)/,
  );
  for (const table of [
    'ir_model',
    'ir_model_fields',
    'ir_attachment',
    'mail_message',
    'mail_followers',
    'mail_activity',
  ])
    assert.ok(script.includes(`"${table}"`) || script.includes(`UPDATE ${table} `), `${table} is updated`);
  assert.match(script, /ALTER SEQUENCE "%s_id_seq" RENAME TO "%s_id_seq"/);
  assert.match(script, /"model_" \+ new_table, "model_" \+ old_table/);
  assert.match(files.get('__manifest__.py') ?? '', /"version": "18\.0\.1\.1\.0"/);
  assert.deepEqual(
    validateSpecObject({
      spec_version: 1,
      odoo: '18.0',
      module: { name: 'x_mod', title: 'X' },
      models: [
        { name: 'x.a', fields: { name: { type: 'char' } } },
        { name: 'x.b', renamed_from: 'x.a', fields: { name: { type: 'char' } } },
      ],
    }),
    [
      'models[1].renamed_from: the spec still has a model x.a: a model renamed from x.a needs x.a gone, or remove renamed_from',
    ],
  );
});
