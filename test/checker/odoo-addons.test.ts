import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

// No false alarms on real code: every addon of a real Odoo tree of each series (the manifests of
// all community addons; base, web, mail and contacts in full in the reduced trees), checked with
// that tree as the addons path, gives zero errors. The trees are only read.
// One rule is left out of that count: `test-ref-demo` (a test takes a demo record). Odoo's own
// tests are written for Odoo's default, demo data loaded; Odoo Forge runs tests without demo
// data, where those few tests fail for real. They are asserted to be few and only in test files.

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
      const demoRefs = result.findings.filter((f) => f.rule === 'test-ref-demo');
      t.diagnostic(`${series}: ${demoRefs.length} test(s) of Odoo's own take a demo record`);
      assert.ok(demoRefs.length <= 5, JSON.stringify(demoRefs, null, 1));
      assert.ok(demoRefs.every((f) => /^\w+\/tests\//.test(f.file)));
      const errors = result.findings.filter((f) => f.severity === 'error' && f.rule !== 'test-ref-demo');
      assert.deepEqual(
        errors.slice(0, 20),
        [],
        `${errors.length} false error(s) on real Odoo ${series} code`,
      );
    },
  );
}
