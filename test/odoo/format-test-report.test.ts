import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatTestReport } from '../../runner/odoo/format-test-report.js';
import { parseOdooLog } from '../../runner/odoo/parse-odoo-log.js';
import { warningsForModules } from '../../runner/odoo/warnings-for-modules.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/odoo-logs/18.0/${name}.txt`, import.meta.url), 'utf8');

test('a failing run reads as counts, then each failure with test id, file:line and message', () => {
  const text = formatTestReport(parseOdooLog(fixture('fail'), { modules: ['forge_fx_fail'] }));
  const lines = text.split('\n');
  assert.equal(lines[0], 'forge_fx_fail: installed; 2 tests run, 1 passed, 1 failed, 0 errors');
  assert.ok(
    lines.includes(
      'FAIL odoo.addons.forge_fx_fail.tests.test_thing.TestThing.test_double at forge_fx_fail/tests/test_thing.py:13:',
    ),
  );
  assert.ok(lines.includes('    AssertionError: 6 != 7 : doubling 3 should give 7'));
});

test('an install error and attributed warnings are listed with their log line numbers', () => {
  const broken = formatTestReport(parseOdooLog(fixture('badview'), { modules: ['forge_fx_badview'] }));
  assert.match(broken, /^forge_fx_badview: NOT installed; 0 tests run/);
  assert.match(
    broken,
    /install error at forge_fx_badview\/views\/fx_thing_views\.xml:3 \[odoo\.service\.server\]:/,
  );

  const report = parseOdooLog(fixture('noaccess'), { modules: ['forge_fx_noaccess'] });
  const attributed = warningsForModules(report, ['forge_fx_noaccess']);
  const text = formatTestReport(report, { attributed });
  assert.match(
    text,
    /log records attributed to forge_fx_noaccess:\n {4}log line 21: WARNING odoo\.modules\.loading: The models \['forge_fx_noaccess\.thing'\] have no access rules/,
  );
});
