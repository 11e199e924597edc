import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

// No false alarms on real code: every addon of a real Odoo tree of each series (the manifests of
// all community addons; base, web, mail and contacts in full in the reduced trees), checked with
// that tree as the addons path, gives zero errors. The trees are only read.

for (const series of supportedSeries) {
  test(
    `every addon of the real Odoo ${series} tree checks with zero errors`,
    { timeout: 10 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'the no-false-alarm run needs a real Odoo tree of each series');
      if (!tree) return;
      const addonsPath = tree.addonsPaths;
      const started = performance.now();
      const result = await checkAddons(addonsPath, { addonsPath });
      const seconds = (performance.now() - started) / 1000;
      t.diagnostic(
        `${series}: ${result.addons.length} addons checked in ${seconds.toFixed(1)} s: ${result.counts.error} errors, ${result.counts.warning} warnings, ${result.counts.info} info`,
      );
      assert.ok(
        result.addons.length > 400,
        `an Odoo tree holds hundreds of addons, found ${result.addons.length}`,
      );
      assert.ok(
        result.addons.every((addon) => addon.series === undefined || addon.series === series),
        'no addon of the tree is taken for another series',
      );
      const errors = result.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(
        errors.slice(0, 20),
        [],
        `${errors.length} false error(s) on real Odoo ${series} code`,
      );
    },
  );
}
