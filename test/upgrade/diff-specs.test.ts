import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bumpVersion, diffSpecs, versionAfter } from '../../core/upgrade/diff-specs.js';
import { planUpgrade } from '../../core/upgrade/plan-upgrade.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { probeSpec } from './probe-specs.js';

const summary = (changes: ReturnType<typeof diffSpecs>) =>
  changes.map(
    (c) => `${c.kind} ${c.model}${c.field ? `.${c.field}` : ''} ${c.from ?? ''}>${c.to ?? ''} ${c.effect}`,
  );

test('a field renamed with renamed_from and a key mapped with mapped_from are migrated, not lost', () => {
  const changes = diffSpecs(probeSpec('probe-renamed-v1'), probeSpec('probe-renamed-v2'));
  assert.deepEqual(summary(changes), [
    'field-renamed forge.probe.renamed.page_count pages>page_count migrated',
    'selection-key-mapped forge.probe.renamed.state draft>new migrated',
  ]);
});

test('a float retyped to an integer or a char to an integer loses data; char to text is converted by Odoo', () => {
  const changes = diffSpecs(probeSpec('probe-retyped-v1'), probeSpec('probe-retyped-v2'));
  assert.deepEqual(summary(changes), [
    'field-retyped forge.probe.retyped.rate float>integer loses-data',
    'field-retyped forge.probe.retyped.note char>text safe',
  ]);
  assert.match(changes[0]?.message ?? '', /rate::integer/);
  assert.deepEqual(summary(diffSpecs(probeSpec('probe-retyped-v1'), probeSpec('probe-retyped-v3'))), [
    'field-retyped forge.probe.retyped.code char>integer loses-data',
  ]);
});

test('a removed model, a removed field and a removed selection key are each reported as losing data', () => {
  const base = probeSpec('probe-renamed-v1');
  const model = base.models?.[0];
  assert.ok(model);
  const head: ModuleSpec = {
    ...base,
    models: [
      {
        ...model,
        fields: {
          name: { type: 'char', required: true },
          state: { type: 'selection', options: { done: 'Done' } },
        },
      },
    ],
  };
  assert.deepEqual(summary(diffSpecs(base, head)), [
    'field-removed forge.probe.renamed.pages > loses-data',
    'selection-key-removed forge.probe.renamed.state draft> loses-data',
    'field-removed forge.probe.renamed.tag_ids > loses-data',
  ]);
  assert.deepEqual(summary(diffSpecs(base, { ...base, models: [] })), [
    'model-removed forge.probe.renamed > loses-data',
  ]);
});

test('a migration without a version past the base is flagged, and planUpgrade bumps the version', () => {
  const base = probeSpec('probe-renamed-v1');
  const v2 = probeSpec('probe-renamed-v2');
  const stale: ModuleSpec = { ...v2, module: { ...v2.module, version: '1.0.0' } };
  const changes = diffSpecs(base, stale);
  assert.ok(
    changes.some((c) => c.kind === 'version-not-bumped' && c.effect === 'loses-data'),
    JSON.stringify(changes),
  );
  const plan = planUpgrade(base, stale);
  assert.equal(plan.spec.module.version, '1.1.0');
  assert.deepEqual(plan.bumped, { from: '1.0.0', to: '1.1.0' });
  assert.deepEqual(plan.losses, []);
  assert.equal(planUpgrade(base, v2).bumped, undefined, 'a head already past the base keeps its version');
});

test('versions compare part by part and bump by a minor step', () => {
  assert.equal(versionAfter('1.10.0', '1.9.3'), true);
  assert.equal(versionAfter('1.0.0', '1.0.0'), false);
  assert.equal(versionAfter(undefined, '0.9.0'), true);
  assert.equal(bumpVersion('2.3.7'), '2.4.0');
  assert.equal(bumpVersion(undefined), '1.1.0');
});

test('a model renamed with renamed_from is migrated (its fields compared under the new name); without it the model is lost', () => {
  const base = probeSpec('probe-moved-v1');
  const head = probeSpec('probe-moved-v2');
  assert.deepEqual(summary(diffSpecs(base, head)), [
    'model-renamed forge.probe.thing forge.probe.item>forge.probe.thing migrated',
    'version-not-bumped forge_probe_moved 1.0.0>1.0.0 loses-data',
  ]);
  assert.equal(planUpgrade(base, head).spec.module.version, '1.1.0');
  const [model] = head.models ?? [];
  assert.ok(model);
  const { renamed_from: _dropped, ...unsaid } = model;
  const lost = diffSpecs(base, { ...head, models: [unsaid] });
  assert.deepEqual(summary(lost), ['model-removed forge.probe.item > loses-data']);
  assert.match(lost[0]?.message ?? '', /set renamed_from: forge\.probe\.item on the new model/);
  const retyped = diffSpecs(base, {
    ...head,
    models: [{ ...model, fields: { ...model.fields, qty: { type: 'char' } } }],
  });
  assert.ok(
    retyped.some((c) => c.kind === 'field-retyped' && c.model === 'forge.probe.thing' && c.field === 'qty'),
    JSON.stringify(retyped),
  );
});
