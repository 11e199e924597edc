import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { cleanFixture, fixturesRoot, stubAddonsPath } from './fixture-table.js';
import { retargetFixture } from './retarget-fixture.js';

// A 16.0 addon next to 18.0 ones (common in company repositories): it is reported once as an
// addon of another series (info), checked as its own series, and the others are checked as
// before. Odoo 17 and 18 leave such an addon out (odoo-fixtures.test.ts proves it).

function folderWith16Next18(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'forge-other-series-'));
  retargetFixture(join(fixturesRoot, cleanFixture.folder), join(root, 'a18'), '18.0');
  retargetFixture(join(fixturesRoot, 'view-tree-removed'), join(root, 'b18'), '18.0');
  // The same clean addon under another name, written for 16.0 (`<tree>`, `attrs`).
  retargetFixture(
    join(fixturesRoot, cleanFixture.folder, cleanFixture.module),
    join(root, 'c16', 'forge_old'),
    '16.0',
  );
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test('a 16.0 addon among 18.0 ones is info, checked as 16.0, and the 18.0 ones keep their findings', async () => {
  const { root, cleanup } = folderWith16Next18();
  try {
    const dirs = ['a18', 'b18', 'c16'].map((dir) => join(root, dir));
    const result = await checkAddons(dirs, { addonsPath: [stubAddonsPath, ...dirs] });
    const old = result.findings.filter((f) => f.file.startsWith('forge_old/'));
    assert.deepEqual(
      old.map((f) => [f.severity, f.rule]),
      [['info', 'manifest-other-series']],
      'one info line for the addon of another series, and no 18.0 rule on its <tree> views',
    );
    assert.match(old[0]?.message ?? '', /Odoo 16\.0 .*not 18\.0: Odoo 18\.0 leaves it out; checked as 16\.0/);
    assert.equal(result.addons.find((addon) => addon.name === 'forge_old')?.series, '16.0');
    // The 18.0 addons: the clean one stays clean, the one with <tree> still has its error.
    assert.deepEqual(
      result.findings.filter((f) => f.file.startsWith('forge_clean/')),
      [],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.file.startsWith('forge_view_tree_removed/')).map((f) => f.rule),
      ['view-tree-removed'],
    );
  } finally {
    cleanup();
  }
});

test('with --odoo 18.0 the 16.0 addon is info too; with --odoo 16.0 it is taken as 16.0 (as Odoo 16 does)', async () => {
  const { root, cleanup } = folderWith16Next18();
  try {
    const on18 = await checkAddons([join(root, 'c16')], { series: '18.0' });
    assert.deepEqual(
      on18.findings.map((f) => [f.severity, f.rule]),
      [['info', 'manifest-other-series']],
    );
    assert.equal(on18.counts.error, 0);
    const on16 = await checkAddons([join(root, 'a18')], { series: '16.0' });
    const rules = on16.findings.map((f) => `${f.severity} ${f.rule}`);
    assert.ok(rules.includes('info manifest-other-series'), rules.join(', '));
    assert.ok(
      rules.includes('error view-unknown-type'),
      `Odoo 16 takes the 18.0 addon and refuses its <list>: ${rules.join(', ')}`,
    );
  } finally {
    cleanup();
  }
});
