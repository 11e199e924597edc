import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { runLocalOdoo, type OdooPass } from '../../runner/local-odoo/run-local-odoo.js';
import { formatTestReport } from '../../runner/odoo/format-test-report.js';
import type { LogRecord } from '../../runner/odoo/test-report.js';
import { recordsForModules } from '../../runner/odoo/warnings-for-modules.js';
import { exampleFiles, exampleSpecFor, examplesDir } from '../support/example-specs.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';
import { potProblems } from '../support/pot-terms.js';

// The proof that matters: every example spec, generated for EACH supported series (its `odoo:`
// rewritten when it targets another one), installs on a real Odoo of that series with demo data,
// its generated tests run and pass, without a warning or error of its own; then it is updated
// (`-u`) on the same database, again without one. One test per (series, example), series first
// so that each series' template database (base + the examples' dependencies, with demo data) is
// built once and cloned for every example.
// Trees: ODOO_SRC_16 / ODOO_SRC_17 / ODOO_SRC_18 (or ODOO_SRC for one series), and a local
// PostgreSQL (started when down; docs/real-odoo.md). FORGE_E2E_LOG_DIR keeps each run's Odoo log.
const examples = exampleFiles();

test('there are example specs to prove', () => {
  assert.ok(examples.length > 0, `no *.yaml in ${examplesDir}`);
});

for (const series of supportedSeries) {
  for (const example of examples) {
    test(
      `examples/${example} on Odoo ${series}: installs with demo data, its tests pass, -u is clean`,
      { timeout: 20 * 60_000 },
      async (t) => {
        const { spec, writtenFor, retargeted } = exampleSpecFor(example, series);
        const tree = odooTreeOrSkip(t, series, `examples/${example} generated for ${series} and installed`);
        if (!tree) return;
        if (retargeted) t.diagnostic(`examples/${example} retargeted from Odoo ${writtenFor} to ${series}`);
        const module = spec.module.name;
        const addonsDir = writeGeneratedAddon(t, spec);

        const run = await runLocalOdoo({
          odooSrc: tree.root,
          addonsDirs: [addonsDir],
          modules: [module],
          demo: true,
          update: true,
          // ModuleSpec 1.1 data records: the .pot Odoo's exporter writes holds their terms (one more Odoo run).
          exportPot: spec.data !== undefined,
        });
        keepLogs(`${example.replace(/\.ya?ml$/, '')}-${series}`, run);
        t.diagnostic(
          `Odoo ${tree.version}: ${run.report.testsRun} tests, ${run.report.failed} failed, ${run.report.errors} errors; ` +
            `run ${(run.durationMs / 1000).toFixed(1)} s` +
            (run.template.buildSeconds === undefined
              ? `, template ${run.template.name} reused`
              : `, template ${run.template.name} built in ${run.template.buildSeconds.toFixed(1)} s`),
        );
        const where = `examples/${example} on Odoo ${tree.version}`;
        const models = modelsOf(spec);
        const { attributed, account } = accountOf(run, module, models);
        assert.ok(run.report.installed, `${where}: ${module} did not install${account}`);
        assert.ok(run.report.testsRun > 0, `${where}: no test of ${module} ran${account}`);
        assert.equal(
          run.report.failed + run.report.errors,
          0,
          `${where}: tests of ${module} failed${account}`,
        );
        assert.deepEqual(
          headLines(attributed),
          [],
          `${where}: Odoo logged warnings or errors about ${module}${account}`,
        );
        assert.equal(run.exitCode, 0, `${where}: Odoo exited with ${run.exitCode}${account}`);
        if (spec.data !== undefined) {
          const pot = run.pots?.[module] ?? '';
          assert.deepEqual(
            potProblems(pot, spec, series),
            [],
            `${where}: the exported i18n/${module}.pot\n${pot}`,
          );
        }

        // The same addon must survive an upgrade (`-u`) of itself on that database.
        const update = run.update;
        assert.ok(update, `${where}: the update pass did not run`);
        const updated = accountOf(update, module, models);
        assert.ok(
          update.report.installed && update.exitCode === 0,
          `${where}: updating ${module} (-u) failed (exit ${update.exitCode})${updated.account}`,
        );
        assert.deepEqual(
          headLines(updated.attributed),
          [],
          `${where}: updating ${module} (-u) logged warnings or errors about it${updated.account}`,
        );
      },
    );
  }
}

/** Generates the addon of `spec` into a fresh folder (removed after the test); returns the folder. */
function writeGeneratedAddon(t: TestContext, spec: ModuleSpec): string {
  const module = spec.module.name;
  const addonsDir = mkdtempSync(join(tmpdir(), `forge-e2e-${module}-${spec.odoo}-`));
  t.after(() => rmSync(addonsDir, { recursive: true, force: true }));
  for (const [path, contents] of generate(spec)) {
    const target = join(addonsDir, module, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
  return addonsDir;
}

function modelsOf(spec: ModuleSpec): string[] {
  return [...(spec.models ?? []).map((m) => m.name), ...(spec.extend ?? []).map((e) => e.model)];
}

/** The warnings and errors of a pass that are about `module`, and the report text for a failure. */
function accountOf(
  pass: OdooPass,
  module: string,
  models: string[],
): { attributed: LogRecord[]; account: string } {
  const records = [...pass.report.warnings, ...pass.report.serverErrors];
  const attributed = recordsForModules(records, [module], { models });
  return { attributed, account: `\n${formatTestReport(pass.report, { attributed })}\n` };
}

/** With FORGE_E2E_LOG_DIR set, writes the run's Odoo logs there as `<stem>.odoo.log` (and `.update`). */
function keepLogs(stem: string, run: OdooPass & { update?: OdooPass }): void {
  const logDir = process.env.FORGE_E2E_LOG_DIR;
  if (!logDir) return;
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, `${stem}.odoo.log`), run.log);
  if (run.update) writeFileSync(join(logDir, `${stem}.update.odoo.log`), run.update.log);
}

function headLines(records: readonly LogRecord[]): string[] {
  return records.map((r) => `log line ${r.line}: ${r.level} ${r.logger}: ${r.message.split('\n')[0] ?? ''}`);
}
