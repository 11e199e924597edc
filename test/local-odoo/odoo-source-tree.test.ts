import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';


for (const series of supportedSeries) {
  test(`the Odoo ${series} tree: series from release.py, entry point, addons paths`, (t) => {
    const given = odooTreeOrSkip(t, series, 'reading a real Odoo source tree');
    if (!given) return;
    const tree = readOdooSourceTree(given.root);
    assert.equal(tree.series, series);
    assert.ok(tree.version.startsWith(series), `version ${tree.version} is of series ${series}`);
    // 16.0 and 17.0 checkouts have odoo-bin at the top; 18.0 nightly exports only setup/odoo.
    assert.match(tree.entryPoint, /(odoo-bin|setup\/odoo)$/);
    assert.ok(existsSync(tree.entryPoint), `${tree.entryPoint} exists`);
    assert.equal(tree.addonsPaths[0], join(tree.root, 'odoo', 'addons'));
    assert.ok(
      existsSync(join(tree.root, 'odoo', 'addons', 'base', '__manifest__.py')),
      'base is in the first addons path',
    );
  });
}

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
