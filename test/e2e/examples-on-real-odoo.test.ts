import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';
import { runLocalOdoo } from '../../runner/local-odoo/run-local-odoo.js';
import { formatTestReport } from '../../runner/odoo/format-test-report.js';
import type { LogRecord } from '../../runner/odoo/test-report.js';
import { recordsForModules } from '../../runner/odoo/warnings-for-modules.js';

// The proof that matters: every example spec's generated addon installs on a real Odoo of its
// series, with demo data, and its generated tests run and pass, without a warning of its own;
// then it is updated (`-u`) on the same database, again without a warning.
// Needs ODOO_SRC (one Odoo source tree; specs of other series are skipped) and a local
// PostgreSQL (docs/real-odoo.md). Set FORGE_E2E_LOG_DIR to keep each run's Odoo log there, and
// FORGE_E2E_ALL_SERIES=1 to run every example on the series of ODOO_SRC (its `odoo:` rewritten).
const examplesDir = new URL('../../examples/', import.meta.url).pathname;
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
  .sort();

test('there are example specs to prove', () => {
  assert.ok(examples.length > 0, `no *.yaml in ${examplesDir}`);
});

for (const example of examples) {
  test(
    `examples/${example}: the generated addon installs and passes its tests on real Odoo`,
    { timeout: 20 * 60_000 },
    async (t) => {
      const source = readFileSync(join(examplesDir, example), 'utf8');
      const parsed = parseSpec(source);
      assert.ok(
        parsed.ok,
        `examples/${example} does not parse: ${parsed.ok ? '' : JSON.stringify(parsed.errors, null, 2)}`,
      );
      let spec = parsed.spec;
      const odooSrc = process.env.ODOO_SRC;
      if (!odooSrc) {
        t.skip(
          `ODOO_SRC not set: examples/${example} (Odoo ${spec.odoo}) needs a real Odoo source tree (see docs/real-odoo.md)`,
        );
        return;
      }
      const tree = readOdooSourceTree(odooSrc);
      if (tree.series !== spec.odoo) {
        if (process.env.FORGE_E2E_ALL_SERIES !== '1') {
          t.skip(
            `examples/${example} targets Odoo ${spec.odoo}; ODOO_SRC (${tree.root}) is Odoo ${tree.series} (FORGE_E2E_ALL_SERIES=1 retargets it)`,
          );
          return;
        }
        // The same spec for the series of ODOO_SRC: the generator must adapt it.
        const retargeted = parseSpec(source.replace(/^odoo:.*$/m, `odoo: "${tree.series}"`));
        assert.ok(retargeted.ok, `examples/${example} retargeted to Odoo ${tree.series} does not parse`);
        spec = retargeted.spec;
        t.diagnostic(`examples/${example} retargeted from Odoo ${parsed.spec.odoo} to ${tree.series}`);
      }
      const module = spec.module.name;
      const addonsDir = mkdtempSync(join(tmpdir(), `forge-e2e-${module}-`));
      t.after(() => rmSync(addonsDir, { recursive: true, force: true }));
      for (const [path, contents] of generate(spec)) {
        const target = join(addonsDir, module, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, contents);
      }

      const run = await runLocalOdoo({
        odooSrc,
        addonsDirs: [addonsDir],
        modules: [module],
        demo: true,
        update: true,
      });
      const { report } = run;
      const logDir = process.env.FORGE_E2E_LOG_DIR;
      if (logDir) {
        mkdirSync(logDir, { recursive: true });
        const stem = example.replace(/\.ya?ml$/, '');
        writeFileSync(join(logDir, `${stem}.odoo.log`), run.log);
        if (run.update) writeFileSync(join(logDir, `${stem}.update.odoo.log`), run.update.log);
      }
      const models = [...(spec.models ?? []).map((m) => m.name), ...(spec.extend ?? []).map((e) => e.model)];
      const attributed = recordsForModules([...report.warnings, ...report.serverErrors], [module], {
        models,
      });
      t.diagnostic(
        `Odoo ${tree.version}: ${report.testsRun} tests, ${report.failed} failed, ${report.errors} errors; ` +
          `run ${(run.durationMs / 1000).toFixed(1)} s` +
          (run.template.buildSeconds === undefined
            ? ''
            : `, template ${run.template.name} built in ${run.template.buildSeconds.toFixed(1)} s`),
      );
      const account = `\n${formatTestReport(report, { attributed })}\n`;
      assert.ok(
        report.installed,
        `examples/${example}: ${module} did not install on Odoo ${tree.version}${account}`,
      );
      assert.ok(report.testsRun > 0, `examples/${example}: no test of ${module} ran${account}`);
      assert.equal(
        report.failed + report.errors,
        0,
        `examples/${example}: tests of ${module} failed${account}`,
      );
      assert.deepEqual(
        headLines(attributed),
        [],
        `examples/${example}: Odoo logged warnings or errors about ${module}${account}`,
      );
      assert.equal(run.exitCode, 0, `examples/${example}: Odoo exited with ${run.exitCode}${account}`);

      // The same addon must survive an upgrade (`-u`) of itself on that database.
      const update = run.update;
      assert.ok(update, `examples/${example}: the update pass did not run`);
      const updateRecords = [...update.report.warnings, ...update.report.serverErrors];
      const updateAttributed = recordsForModules(updateRecords, [module], { models });
      const updateAccount = `\n${formatTestReport(update.report, { attributed: updateAttributed })}\n`;
      assert.ok(
        update.report.installed && update.exitCode === 0,
        `examples/${example}: updating ${module} (-u) failed (exit ${update.exitCode})${updateAccount}`,
      );
      assert.deepEqual(
        headLines(updateAttributed),
        [],
        `examples/${example}: updating ${module} (-u) logged warnings or errors about it${updateAccount}`,
      );
    },
  );
}

function headLines(records: readonly LogRecord[]): string[] {
  return records.map((r) => `log line ${r.line}: ${r.level} ${r.logger}: ${r.message.split('\n')[0] ?? ''}`);
}
