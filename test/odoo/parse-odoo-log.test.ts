import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseOdooLog } from '../../runner/odoo/parse-odoo-log.js';
import type { TestReport } from '../../runner/odoo/test-report.js';
import { warningsForModules } from '../../runner/odoo/warnings-for-modules.js';

// Real logs of Odoo 16.0, 17.0 and 18.0 installing the addons under test/fixtures/odoo-addons/18.0
// (see test/fixtures/odoo-logs/README.md for how they were made).
function parseSeriesFixture(series: string, name: string, modules = [`forge_fx_${name}`]): TestReport {
  const log = readFileSync(new URL(`../fixtures/odoo-logs/${series}/${name}.txt`, import.meta.url), 'utf8');
  return parseOdooLog(log, { modules });
}

function parseFixture(name: string, modules = [`forge_fx_${name}`]): TestReport {
  return parseSeriesFixture('18.0', name, modules);
}

for (const series of ['16.0', '17.0', '18.0']) {
  test(`a clean addon: installed, 2 tests passed, no warnings (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'clean');
    assert.equal(report.installed, true);
    assert.deepEqual(
      { testsRun: report.testsRun, passed: report.passed, failed: report.failed, errors: report.errors },
      { testsRun: 2, passed: 2, failed: 0, errors: 0 },
    );
    assert.equal(report.resultLineSeen, true);
    assert.deepEqual(report.failures, []);
    assert.deepEqual(report.installErrors, []);
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(report.serverErrors, []);
    assert.ok(
      report.durationSeconds !== undefined && report.durationSeconds > 1 && report.durationSeconds < 10,
    );
  });

  test(`a failing assertion: one FAIL with test id, file and line of the test, and the assertion message (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'fail');
    assert.equal(report.installed, true);
    assert.deepEqual([report.testsRun, report.passed, report.failed, report.errors], [2, 1, 1, 0]);
    assert.equal(report.failures.length, 1);
    const [failure] = report.failures;
    assert.equal(failure?.kind, 'fail');
    assert.equal(failure?.testId, 'odoo.addons.forge_fx_fail.tests.test_thing.TestThing.test_double');
    assert.equal(failure?.file, 'forge_fx_fail/tests/test_thing.py');
    assert.equal(failure?.line, 13);
    assert.equal(failure?.message, 'AssertionError: 6 != 7 : doubling 3 should give 7');
    assert.match(failure?.traceback ?? '', /^Traceback \(most recent call last\):/);
    // The "Module x: 1 failures" and "At least one test failed" lines are the test result, not server errors.
    assert.deepEqual(report.serverErrors, []);
  });

  test(`an erroring test: the deepest frame inside the module is the model method that raised (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'error');
    assert.deepEqual([report.testsRun, report.failed, report.errors], [2, 0, 1]);
    const [failure] = report.failures;
    assert.equal(failure?.kind, 'error');
    assert.equal(failure?.file, 'forge_fx_error/models/fx_thing.py');
    assert.equal(failure?.line, 18);
    assert.equal(failure?.message, "KeyError: 'qty'");
  });

  test(`a view naming a missing field: not installed, ParseError with the XML file and line (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'badview');
    assert.equal(report.installed, false);
    assert.equal(report.resultLineSeen, false);
    assert.equal(report.testsRun, 0);
    assert.equal(report.installErrors.length, 1);
    const [error] = report.installErrors;
    assert.equal(error?.file, 'forge_fx_badview/views/fx_thing_views.xml');
    assert.equal(error?.line, 3);
    assert.equal(error?.module, 'forge_fx_badview');
    assert.match(error?.message ?? '', /^odoo\.tools\.convert\.ParseError: while parsing /);
    assert.match(
      error?.message ?? '',
      /Field "missing_field" does not exist in model "forge_fx_badview\.thing"/,
    );
  });

  test(`a model without access rules: installed, and the warning is attributed to the module (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'noaccess');
    assert.equal(report.installed, true);
    assert.equal(report.testsRun, 2);
    const own = warningsForModules(report, ['forge_fx_noaccess']);
    assert.equal(own.length, 1);
    assert.equal(own[0]?.logger, 'odoo.modules.loading');
    assert.match(own[0]?.message ?? '', /have no access rules in module forge_fx_noaccess/);
    // The continuation lines (the suggested CSV rows) belong to the same record.
    assert.match(own[0]?.message ?? '', /\nid,name,model_id:id,group_id:id/);
  });

  test(`a Python syntax error: not installed, file and line of the bad source line (Odoo ${series})`, () => {
    const report = parseSeriesFixture(series, 'syntax');
    assert.equal(report.installed, false);
    assert.deepEqual(
      report.installErrors.map((e) => ({ message: e.message, file: e.file, line: e.line, module: e.module })),
      [
        {
          message: "SyntaxError: expected ':'",
          file: 'forge_fx_syntax/models/fx_thing.py',
          line: 15,
          module: 'forge_fx_syntax',
        },
      ],
    );
  });
}

test('an addon without tests: installed, zero tests run is visible', () => {
  const report = parseFixture('notests');
  assert.equal(report.installed, true);
  assert.equal(report.resultLineSeen, true);
  assert.equal(report.testsRun, 0);
  assert.equal(report.passed, 0);
  // Odoo logs "0 failed, 0 error(s) of 0 tests" as a WARNING.
  assert.ok(report.warnings.some((w) => w.logger === 'odoo.tests.result'));
});

test('a missing dependency: not installed, the error names the module and the missing one', () => {
  const report = parseFixture('missingdep');
  assert.equal(report.installed, false);
  assert.equal(report.installErrors[0]?.module, 'forge_fx_missingdep');
  assert.match(report.installErrors[0]?.message ?? '', /depends on module "forge_no_such_module"/);
});

test('warnings: own logger, field warnings and label clashes are attributed; others are not', () => {
  const report = parseFixture('warnings');
  assert.equal(report.installed, true);
  const own = warningsForModules(report, ['forge_fx_warnings']);
  const loggers = new Set(own.map((w) => w.logger));
  assert.deepEqual([...loggers].sort(), [
    'odoo.addons.base.models.ir_model',
    'odoo.addons.forge_fx_warnings.models.fx_thing',
    'odoo.fields',
  ]);
  assert.ok(own.every((w) => w.level === 'WARNING' && w.line > 0));
  assert.deepEqual(warningsForModules(report, ['some_other_module']), []);
});

test('warnings: a module whose models do not carry its name is matched through its model names', () => {
  // Parsed as if another module had been under test: only the model names link the warnings to it.
  const report = parseFixture('warnings', ['library_loans']);
  assert.deepEqual(warningsForModules(report, ['library_loans']), []);
  const byModel = warningsForModules(report, ['library_loans'], { models: ['forge_fx_warnings.thing'] });
  assert.deepEqual([...new Set(byModel.map((w) => w.logger))].sort(), [
    'odoo.addons.base.models.ir_model',
    'odoo.fields',
  ]);
  // A name is matched whole, never as a prefix of a longer identifier.
  assert.deepEqual(warningsForModules(report, ['library_loans'], { models: ['forge_fx_warnings.thi'] }), []);
});

test('a requested module that never loads is an install error, not a silent success', () => {
  const report = parseFixture('clean', ['forge_fx_clean', 'forge_fx_absent']);
  assert.equal(report.installed, false);
  assert.deepEqual(
    report.installErrors.map((e) => e.module),
    ['forge_fx_absent'],
  );
});

test('a manifest of another series on Odoo 17.0: skipped with only a warning, so not installed', () => {
  // Odoo exits 0 here and runs 0 tests: only the report says that nothing was installed.
  const report = parseSeriesFixture('17.0', 'otherseries');
  assert.equal(report.installed, false);
  assert.equal(report.testsRun, 0);
  assert.deepEqual(
    report.installErrors.map((e) => [e.module, e.message]),
    [['forge_fx_otherseries', 'invalid module names, ignored: forge_fx_otherseries']],
  );
});

test('a failing subtest and a setUpClass error: both reported, with their parameters and the class', () => {
  const report = parseFixture('setup');
  assert.equal(report.installed, true);
  // Odoo counts 1 test run (the setUpClass error is not a test) with 1 failure and 1 error.
  assert.deepEqual([report.testsRun, report.failed, report.errors, report.passed], [1, 1, 1, 0]);
  assert.deepEqual(
    report.failures.map((f) => [f.kind, f.testId, f.module, `${f.file}:${f.line}`, f.message]),
    [
      [
        'fail',
        'odoo.addons.forge_fx_setup.tests.test_thing.TestSubtests.test_quantities (qty=3)',
        'forge_fx_setup',
        'forge_fx_setup/tests/test_thing.py:11',
        'AssertionError: 6 not less than 5',
      ],
      [
        'error',
        'setUpClass (odoo.addons.forge_fx_setup.tests.test_thing.TestBrokenSetup)',
        'forge_fx_setup',
        'forge_fx_setup/tests/test_thing.py:19',
        "ValueError: Invalid field 'nam' on model 'forge_fx_setup.thing'",
      ],
    ],
  );
});

test('Odoo refusing its arguments: not installed, and the error says why', () => {
  const report = parseFixture('badargs', ['forge_fx_setup']);
  assert.equal(report.installed, false);
  assert.equal(report.installErrors.length, 1);
  assert.match(
    report.installErrors[0]?.message ?? '',
    /^Odoo wrote no log record:\n[\s\S]*option --addons-path: no such directory/,
  );
});

test('a log cut short (process killed while loading): not installed, and the last record is named', () => {
  const whole = readFileSync(new URL('../fixtures/odoo-logs/18.0/clean.txt', import.meta.url), 'utf8');
  const cut = whole.split('\n').slice(0, 21).join('\n');
  const report = parseOdooLog(cut, { modules: ['forge_fx_clean'] });
  assert.equal(report.installed, false);
  assert.equal(report.installErrors.length, 1);
  assert.match(
    report.installErrors[0]?.message ?? '',
    /^Odoo stopped before "Modules loaded\.": the last record is line 21: INFO /,
  );
});
