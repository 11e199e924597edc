import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSnapshots } from '../../core/upgrade/compare-snapshots.js';
import type { DatabaseSnapshot, ModelSnapshot } from '../../core/upgrade/database-snapshot.js';

function snapshot(...models: ModelSnapshot[]): DatabaseSnapshot {
  return { module: 'm', version: '18.0.1.0.0', models: Object.fromEntries(models.map((m) => [m.model, m])) };
}

function model(
  fields: ModelSnapshot['fields'],
  records: ModelSnapshot['records'],
  name = 'x.item',
): ModelSnapshot {
  return { model: name, table: name.replace('.', '_'), own: true, fields, records };
}

const state = (keys: string[]) => ({ type: 'selection', selection: keys });

test('unchanged data survives: every record and set value is counted, nothing is lost', () => {
  const base = model(
    { name: { type: 'char' }, qty: { type: 'integer' } },
    { 1: { name: 'a', qty: 2 }, 2: { name: 'b', qty: null } },
  );
  const result = compareSnapshots(snapshot(base), snapshot(structuredClone(base)));
  assert.deepEqual(result.losses, []);
  assert.deepEqual(result.survived, { models: 1, records: 2, values: 3 });
});

test('a column moved aside by a retype is a loss with its record and value counts and examples', () => {
  const base = model(
    { code: { type: 'char' } },
    { 1: { code: 'A-1' }, 2: { code: 'B-2' }, 3: { code: null } },
  );
  const head = model(
    { code: { type: 'integer' } },
    { 1: { code: null }, 2: { code: null }, 3: { code: null } },
  );
  const [loss, ...rest] = compareSnapshots(snapshot(base), snapshot(head)).losses;
  assert.deepEqual(rest, []);
  assert.equal(loss?.kind, 'field-retyped');
  assert.equal(loss?.field, 'code');
  assert.equal(loss?.records, 2);
  assert.equal(loss?.values, 2);
  assert.deepEqual(loss?.examples, ['x.item(1).code: "A-1" → null', 'x.item(2).code: "B-2" → null']);
  assert.match(loss?.message ?? '', /char → integer/);
});

test('a retype whose values all came through (char "12" → integer 12) is carried, not lost', () => {
  const base = model({ code: { type: 'char' } }, { 1: { code: '12' } });
  const head = model({ code: { type: 'integer' } }, { 1: { code: 12 } });
  const result = compareSnapshots(snapshot(base), snapshot(head));
  assert.deepEqual(result.losses, []);
  assert.deepEqual(result.carried, [
    { kind: 'field-converted', model: 'x.item', field: 'code', from: 'char', to: 'integer', values: 1 },
  ]);
});

test('a field gone is a rename when a new field of its type holds exactly its values, else a loss', () => {
  const base = model({ pages: { type: 'integer' } }, { 1: { pages: 10 }, 2: { pages: 20 } });
  const renamed = model(
    { page_count: { type: 'integer' } },
    { 1: { page_count: 10 }, 2: { page_count: 20 } },
  );
  const kept = compareSnapshots(snapshot(base), snapshot(renamed));
  assert.deepEqual(kept.losses, []);
  assert.deepEqual(
    kept.carried.map((c) => `${c.kind} ${c.from}->${c.to} ${c.values}`),
    ['field-renamed pages->page_count 2'],
  );
  const empty = model(
    { page_count: { type: 'integer' } },
    { 1: { page_count: null }, 2: { page_count: null } },
  );
  const lost = compareSnapshots(snapshot(base), snapshot(empty)).losses;
  assert.deepEqual(
    lost.map((l) => `${l.kind} ${l.field} ${l.values}`),
    ['field-removed pages 2'],
  );
  assert.match(lost[0]?.message ?? '', /renamed_from: pages/);
});

test('a selection key left in records after it left the selection is lost; one mapped to a head key is carried', () => {
  const base = model(
    { state: state(['draft', 'done']) },
    { 1: { state: 'draft' }, 2: { state: 'done' }, 3: { state: 'draft' } },
  );
  const stale = model(
    { state: state(['new', 'done']) },
    { 1: { state: 'draft' }, 2: { state: 'done' }, 3: { state: 'draft' } },
  );
  const lost = compareSnapshots(snapshot(base), snapshot(stale)).losses;
  assert.deepEqual(
    lost.map((l) => `${l.kind} ${l.field} ${l.records}`),
    ['selection-key-removed state 2'],
  );
  assert.match(lost[0]?.message ?? '', /mapped_from: \{draft: <new key>\}/);
  const mapped = model(
    { state: state(['new', 'done']) },
    { 1: { state: 'new' }, 2: { state: 'done' }, 3: { state: 'new' } },
  );
  const result = compareSnapshots(snapshot(base), snapshot(mapped));
  assert.deepEqual(result.losses, []);
  assert.deepEqual(
    result.carried.map((c) => `${c.from}->${c.to} ${c.values}`),
    ['draft->new 2'],
  );
});

test('a model gone and records deleted are losses; a value rewritten on a kept field is too', () => {
  const base = model({ name: { type: 'char' } }, { 1: { name: 'a' }, 2: { name: 'b' } });
  const gone = compareSnapshots(
    snapshot(base),
    snapshot(model({ name: { type: 'char' } }, {}, 'x.thing')),
  ).losses;
  assert.deepEqual(
    gone.map((l) => `${l.kind} ${l.model} ${l.records} ${l.values}`),
    ['model-removed x.item 2 2'],
  );
  assert.match(gone[0]?.message ?? '', /renamed to x\.thing\?/);
  const fewer = compareSnapshots(
    snapshot(base),
    snapshot(model({ name: { type: 'char' } }, { 1: { name: 'A' } })),
  ).losses;
  assert.deepEqual(
    fewer.map((l) => `${l.kind} ${l.records}`),
    ['record-deleted 1', 'value-changed 1'],
  );
});

test('a translated value compares by its en_US text, many2many by its ids', () => {
  const base = model(
    { name: { type: 'char' }, tag_ids: { type: 'many2many' } },
    { 1: { name: 'a', tag_ids: [1, 2] } },
  );
  const head = model(
    { name: { type: 'char' }, tag_ids: { type: 'many2many' } },
    { 1: { name: { en_US: 'a' }, tag_ids: [1, 2] } },
  );
  assert.deepEqual(compareSnapshots(snapshot(base), snapshot(head)).losses, []);
});

test('a model that kept its ir_model row under a new name is renamed (records carried); one created anew loses its records', () => {
  const fields = { name: { type: 'char' } };
  const base = { ...model(fields, { 1: { name: 'a' }, 2: { name: 'b' } }), modelId: 7 };
  const moved = { ...model(fields, { 1: { name: 'a' }, 2: { name: 'b' } }, 'x.thing'), modelId: 7 };
  const kept = compareSnapshots(snapshot(base), snapshot(moved));
  assert.deepEqual(kept.losses, []);
  assert.deepEqual(
    kept.carried.map((c) => `${c.kind} ${c.from}->${c.to} ${c.values}`),
    ['model-renamed x.item->x.thing 2'],
  );
  assert.deepEqual(kept.survived, { models: 1, records: 2, values: 2 });
  // The same values refilled by demo data under a new ir_model row: the base records are gone.
  const anew = compareSnapshots(snapshot(base), snapshot({ ...moved, modelId: 9 }));
  assert.deepEqual(
    anew.losses.map((l) => `${l.kind} ${l.model} ${l.records}`),
    ['model-removed x.item 2'],
  );
  assert.match(anew.losses[0]?.message ?? '', /renamed_from: x\.item on the new model/);
});
