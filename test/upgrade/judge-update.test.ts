import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatabaseSnapshot } from '../../core/upgrade/database-snapshot.js';
import { parseOdooLog } from '../../runner/odoo/parse-odoo-log.js';
import { compareUpdate, firstError, updateErrorLines, upgradeOk } from '../../runner/upgrade/judge-update.js';
import type { UpgradeResult } from '../../runner/upgrade/upgrade-result.js';

const log = [
  '2026-12-03 10:00:00,100 42 INFO forge_upg odoo.modules.loading: loading 1 modules...',
  '2026-12-03 10:00:00,200 42 INFO forge_upg odoo.modules.loading: Loading module library (2/2)',
  '2026-12-03 10:00:01,200 42 ERROR forge_upg odoo.sql_db: bad query: ALTER TABLE library_book ALTER COLUMN rate TYPE int4',
  'ERROR: invalid input syntax for type integer: "1.5"',
  '2026-12-03 10:00:02,300 42 INFO forge_upg odoo.modules.loading: Modules loaded.',
].join('\n');

test('the update log is judged on its ERROR records, one line each, and the first names the failure', () => {
  const report = parseOdooLog(log, { modules: ['library'] });
  const lines = updateErrorLines(report);
  assert.equal(lines.length, 1, `one ERROR record: ${JSON.stringify(lines)}`);
  assert.match(lines[0] ?? '', /^line 3: odoo\.sql_db: bad query: ALTER TABLE library_book/);
  assert.doesNotMatch(lines[0] ?? '', /invalid input syntax/, 'only the first line of the record');
  assert.match(firstError(report), /^bad query: ALTER TABLE/);
  const clean = log
    .split('\n')
    .filter((line) => !line.includes('ERROR'))
    .join('\n');
  assert.deepEqual(updateErrorLines(parseOdooLog(clean, { modules: ['library'] })), []);
  assert.equal(firstError(parseOdooLog(clean, { modules: ['library'] })), 'no error in the log; see the log');
});

test('an upgrade is ok only with no error, a clean update log and nothing lost', () => {
  const snapshot = (version: string, titles: string[]): DatabaseSnapshot => ({
    module: 'library',
    version,
    models: {
      'library.book': {
        model: 'library.book',
        table: 'library_book',
        own: true,
        modelId: 7,
        fields: { title: { type: 'char' } },
        records: Object.fromEntries(titles.map((t, i) => [String(i + 1), { title: t }])),
      },
    },
  });
  const base = snapshot('18.0.1.0.0', ['Dune', 'Emma']);
  const clean = compareUpdate(['library'], [base], [snapshot('18.0.1.1.0', ['Dune', 'Emma'])]);
  const result: UpgradeResult = {
    ok: false,
    series: '18.0',
    modules: ['library'],
    errors: [],
    updateErrors: [],
    seeded: [],
    results: clean,
    installLog: '',
    updateLog: '',
    durationMs: 0,
  };
  assert.equal(clean[0]?.toVersion, '18.0.1.1.0');
  assert.deepEqual(clean[0]?.comparison.losses, []);
  assert.equal(upgradeOk(result), true);
  assert.equal(upgradeOk({ ...result, updateErrors: ['line 3: odoo.sql_db: bad query'] }), false);
  assert.equal(upgradeOk({ ...result, errors: ['the update failed'] }), false);
  const lost = compareUpdate(['library'], [base], [snapshot('18.0.1.1.0', ['Dune'])]);
  assert.ok((lost[0]?.comparison.losses.length ?? 0) > 0, 'a record gone is a loss');
  assert.equal(upgradeOk({ ...result, results: lost }), false);
  assert.throws(() => compareUpdate(['library'], [base], []), /no snapshot of library/);
});
