// Which module failed to install, and why (issue 14, items 3 and 4): a two-module `test` where
// one module's inherited view names a field the parent view lacks reports per module, and
// `stack up --modules` of that module fails (exit 1) with the same report instead of "up".
// Real Odoo 18.0 in containers; the parser part also from a log such a run wrote.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { main } from '../../../cli/main.js';
import { formatTestReport } from '../../../runner/odoo/format-test-report.js';
import { parseOdooLog } from '../../../runner/odoo/parse-odoo-log.js';
import type { TestReport } from '../../../runner/odoo/test-report.js';
import { silentLogger } from '../../../runner/logger.js';
import { formatTestRun } from '../../../runner/stack/format-test-run.js';
import { resolveStackSettings } from '../../../runner/stack/resolve-stack-settings.js';
import { judgeReport, runOdooTests } from '../../../runner/stack/run-odoo-tests.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { addonsFolder, writeBrokenPartnerExt, writeLibrary } from '../helpers/addon-fixtures.js';
import { engineOrSkip } from '../helpers/engine.js';

const MODULES = ['library_loans', 'partner_ext'];
const CAUSE = `Element '<field name="x_forge_no_such_field">' cannot be located in parent view`;

function captured(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => (out += s),
    err: (s) => (err += s),
    isTty: false,
    cwd: process.cwd(),
    env: process.env,
  };
  return { io, out: () => out, err: () => err };
}

/** The per-module lines every surface shows (the human report, the verdict, the JSON). */
/** `tests`: how many tests library_loans ran (the recorded log is older: its generator wrote 12). */
function assertPerModule(report: TestReport, text: string, reasons: string[], tests: number): void {
  const [loans, partner] = report.moduleResults ?? [];
  assert.equal(loans?.module, 'library_loans');
  assert.equal(loans?.installed, true);
  assert.equal(loans?.testsRun, tests);
  assert.equal(loans?.passed, tests);
  assert.equal(partner?.module, 'partner_ext');
  assert.equal(partner?.installed, false);
  assert.ok(partner?.error?.includes(CAUSE), partner?.error);
  const lines = text.split('\n');
  assert.ok(lines.includes(`library_loans: installed, ${tests} tests, ${tests} passed`), text);
  assert.ok(
    lines.some((l) => l.startsWith('partner_ext: NOT installed: ') && l.includes(CAUSE)),
    text,
  );
  assert.doesNotMatch(text, /library_loans, partner_ext: NOT installed/);
  assert.equal(reasons.length, 1, reasons.join('\n'));
  assert.match(reasons[0] ?? '', /^partner_ext not installed: .*cannot be located in parent view/);
}

test('a log of two modules where the second fails: per-module status, lines and verdict', () => {
  const log = readFileSync(new URL('fixtures/two-modules-one-broken-18.0.txt', import.meta.url), 'utf8');

  const report = parseOdooLog(log, { modules: MODULES });

  assert.equal(report.installed, false);
  assertPerModule(report, formatTestReport(report), judgeReport(report, 255, false).reasons, 12);
  const single = parseOdooLog(log, { modules: ['partner_ext'] });
  assert.deepEqual(
    single.moduleResults?.map((r) => [r.module, r.installed]),
    [['partner_ext', false]],
  );
});

test(
  'odoo-forge test of two modules, one broken: per-module report and JSON; stack up of the broken one fails with it',
  { timeout: 15 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'install reports per module (real Odoo)');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const dir = addonsFolder(t, 'forge-two-modules-');
    writeLibrary(dir, '18.0');
    writeBrokenPartnerExt(dir, '18.0', ['library_loans']);
    const repository = `forge/install-report-${process.pid}`;
    const labelled = { 'forge.repository': repository };
    const common = ['--odoo-src', tree.root, '--repository', repository];

    const teardown = new Teardown();
    t.after(() => teardown.runAll());
    const settings = resolveStackSettings({
      options: { odooSrc: tree.root, repository },
      addonsDirs: [dir],
      cwd: process.cwd(),
      env: process.env,
    });

    const result = await runOdooTests(driver, settings, { modules: MODULES, logger: silentLogger, teardown });
    const up = captured();
    const upCode = await main(
      ['stack', 'up', dir, '--modules', 'partner_ext', ...common, '--ttl', '20m'],
      up.io,
    );

    // What `odoo-forge test` prints, and its --json report (the same object, serialised).
    const printed = formatTestRun(result, settings.odooSeries);
    const json = JSON.parse(JSON.stringify(result.report)) as TestReport;
    assert.equal(result.verdict.ok, false);
    assert.match(printed, /^FAILED on Odoo 18\.0: partner_ext not installed: /);
    assertPerModule(json, printed, result.verdict.reasons, 16);

    assert.equal(upCode, 1, `${up.out()}\n${up.err()}`);
    assert.doesNotMatch(up.out(), /Odoo: http/, 'no URL of a stack whose module is not installed');
    assert.match(up.err(), /partner_ext \(uninstalled\) not installed in stack forge-[0-9a-f]+\./);
    assert.match(up.out(), /^partner_ext: NOT installed; 0 tests run/m);
    assert.ok(up.out().includes(CAUSE), up.out());
    assert.deepEqual(await driver.listContainers(labelled), [], 'the failed stack is removed');
    assert.deepEqual(await driver.listVolumes(labelled), []);
    assert.deepEqual(await driver.listNetworks(labelled), []);
  },
);
