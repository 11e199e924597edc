import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';

// No false alarms on real code: every community addon of a real Odoo tree, checked with that
// tree as the addons path, gives zero errors. Needs ODOO_SRC.

test('every addon of the real Odoo tree checks with zero errors', { timeout: 10 * 60_000 }, async (t) => {
  const src = process.env.ODOO_SRC;
  if (!src) {
    t.skip('ODOO_SRC not set: the no-false-alarm run needs a real Odoo source tree');
    return;
  }
  const addonsPath = readOdooSourceTree(src).addonsPaths;
  const started = performance.now();
  const result = await checkAddons(addonsPath, { addonsPath });
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(
    `${result.addons.length} addons checked in ${seconds.toFixed(1)} s: ${result.counts.error} errors, ${result.counts.warning} warnings, ${result.counts.info} info`,
  );
  assert.ok(
    result.addons.length > 400,
    `an Odoo tree holds hundreds of addons, found ${result.addons.length}`,
  );
  const errors = result.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.slice(0, 20), [], `${errors.length} false error(s) on real Odoo code`);
});
