import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { defaultLocalPostgres, listDatabases } from '../../runner/local-odoo/local-postgres.js';
import { runLocalOdoo } from '../../runner/local-odoo/run-local-odoo.js';
import { fixtureAddonsFor } from '../support/fixture-addons.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

// Real Odoo runs of the hand-written fixture addons (their logs are the parser fixtures) on each
// supported series: the fixtures are written for 18.0 and copied with their manifest version
// moved to the series under test (nothing else in them is series-specific). Needs the tree of
// each series (ODOO_SRC_16/17/18 or ODOO_SRC) and a local PostgreSQL (started when down).
const workDir = join(tmpdir(), 'odoo-forge-local-odoo');

for (const series of supportedSeries) {
  test(
    `Odoo ${series}: two concurrent runs, one passes, one fails, and both leave nothing behind`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'concurrent local runs of the fixture addons');
      if (!tree) return;
      const addons = fixtureAddonsFor(t, series, ['forge_fx_clean', 'forge_fx_fail']);
      const runs = await Promise.all(
        ['forge_fx_clean', 'forge_fx_fail'].map((module) =>
          runLocalOdoo({
            odooSrc: tree.root,
            addonsDirs: [addons],
            modules: [module],
            workDir,
            update: true,
          }),
        ),
      );
      const [clean, fail] = runs;
      assert.ok(clean && fail);
      assert.notEqual(clean.database, fail.database);
      assert.equal(
        clean.template.name,
        fail.template.name,
        'both runs share one template (same series and dependencies)',
      );

      assert.equal(clean.exitCode, 0, clean.log.slice(-3000));
      assert.deepEqual(
        {
          installed: clean.report.installed,
          testsRun: clean.report.testsRun,
          failed: clean.report.failed,
          errors: clean.report.errors,
        },
        { installed: true, testsRun: 2, failed: 0, errors: 0 },
      );
      // The clean addon survives an update (-u) on the same database; the update pass runs no tests.
      assert.equal(clean.update?.exitCode, 0);
      assert.equal(clean.update?.report.installed, true);
      assert.match(clean.update?.log ?? '', /Loading module forge_fx_clean /);
      assert.equal(clean.update?.report.resultLineSeen, false);
      assert.notEqual(fail.exitCode, 0);
      // forge_fx_fail installed (only a test failed), so it was updated too.
      assert.equal(fail.update?.report.installed, true);
      assert.equal(fail.report.installed, true);
      assert.equal(fail.report.failed, 1);
      assert.equal(
        fail.report.failures[0]?.testId,
        'odoo.addons.forge_fx_fail.tests.test_thing.TestThing.test_double',
      );
      assert.match(fail.log, /odoo\.tests\.result: 1 failed, 0 error\(s\) of 2 tests/);

      const left = await listDatabases(defaultLocalPostgres, 'forge_run_');
      assert.ok(
        !left.includes(clean.database) && !left.includes(fail.database),
        `run databases left behind: ${left.join(', ')}`,
      );
      const runDirs = existsSync(join(workDir, 'runs')) ? readdirSync(join(workDir, 'runs')) : [];
      assert.ok(
        !runDirs.some((d) => d.startsWith(clean.database) || d.startsWith(fail.database)),
        `run folders left behind: ${runDirs.join(', ')}`,
      );
    },
  );

  test(
    `Odoo ${series}: an install failure is reported with the file and line, and cleaned up`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'an install failure of a fixture addon');
      if (!tree) return;
      const addons = fixtureAddonsFor(t, series, ['forge_fx_badview']);
      const run = await runLocalOdoo({
        odooSrc: tree.root,
        addonsDirs: [addons],
        modules: ['forge_fx_badview'],
        workDir,
      });
      assert.equal(run.report.installed, false);
      assert.equal(run.update, undefined, 'no update pass after a failed install');
      assert.deepEqual(
        run.report.installErrors.map((e) => [e.file, e.line]),
        [['forge_fx_badview/views/fx_thing_views.xml', 3]],
      );
      assert.ok(!(await listDatabases(defaultLocalPostgres, 'forge_run_')).includes(run.database));
    },
  );
}
