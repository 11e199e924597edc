import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { addonDependencies } from '../../runner/local-odoo/addon-dependencies.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';

const fixtureAddons = new URL('../fixtures/odoo-addons/18.0', import.meta.url).pathname;

test('the tree of ODOO_SRC: series from release.py, entry point, addons paths', (t) => {
  const src = process.env.ODOO_SRC;
  if (!src) {
    t.skip('ODOO_SRC not set: no Odoo source tree to read (see docs/real-odoo.md)');
    return;
  }
  const tree = readOdooSourceTree(src);
  assert.match(tree.series, /^1[6-9]\.0$/);
  assert.ok(tree.version.startsWith(tree.series));
  assert.match(tree.entryPoint, /(odoo-bin|setup\/odoo)$/);
  assert.equal(tree.addonsPaths[0], join(tree.root, 'odoo', 'addons'));
});

test('a 16.0-style checkout: odoo-bin at the top and a root addons folder', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'forge-tree-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'odoo', 'addons'), { recursive: true });
  mkdirSync(join(root, 'addons'));
  // The lines of odoo/release.py that matter, as in Odoo 16.0.
  writeFileSync(
    join(root, 'odoo', 'release.py'),
    "version_info = (16, 0, 0, FINAL, 0, '')\nserie = major_version = '.'.join(str(s) for s in version_info[:2])\n",
  );
  writeFileSync(join(root, 'odoo-bin'), '#!/usr/bin/env python3\n');
  const tree = readOdooSourceTree(root);
  const real = realpathSync(root);
  assert.deepEqual(tree, {
    root: real,
    series: '16.0',
    version: '16.0',
    entryPoint: join(real, 'odoo-bin'),
    addonsPaths: [join(real, 'odoo', 'addons'), join(real, 'addons')],
  });
});

test('a folder that is not an Odoo tree is refused with an input error naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-not-tree-'));
  try {
    assert.throws(
      () => readOdooSourceTree(dir),
      (error: unknown) =>
        error instanceof ForgeError && error.code === 'input.odoo-src' && error.message.includes(dir),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('template dependencies come from the manifests: base plus what lies outside the addons dirs', () => {
  assert.deepEqual(addonDependencies(['forge_fx_clean'], [fixtureAddons]), ['base']);
  assert.deepEqual(addonDependencies(['forge_fx_missingdep'], [fixtureAddons]), [
    'base',
    'forge_no_such_module',
  ]);
  assert.throws(
    () => addonDependencies(['forge_fx_absent'], [fixtureAddons]),
    /forge_fx_absent has no __manifest__\.py/,
  );
});
