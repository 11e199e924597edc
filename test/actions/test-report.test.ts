import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseOdooLog } from '../../runner/odoo/parse-odoo-log.js';
import type { SeriesOutcome } from '../../runner/pr/run-series.js';
import { judgeReport } from '../../runner/stack/run-odoo-tests.js';
import { buildSeriesReport } from '../../runner/report/build-series-report.js';
import {
  formatJobSummary,
  formatTestsSummary,
  SUMMARY_LIMIT,
} from '../../runner/report/format-pr-summary.js';
import { combineConclusions } from '../../runner/report/pr-report.js';
import { repoPath, repoPathsInText } from '../../runner/report/repo-path.js';

/** A real Odoo 18 log, its addons path moved to where a stack mounts it (/mnt/forge-addons/0). */
function containerLog(name: string): string {
  const file = fileURLToPath(new URL(`../fixtures/odoo-logs/18.0/${name}.txt`, import.meta.url));
  return readFileSync(file, 'utf8').replaceAll('/tmp/fx/addons/', '/mnt/forge-addons/0/');
}

function outcomeOf(log: string, module: string, exitCode: number): SeriesOutcome {
  const report = parseOdooLog(log, { modules: [module] });
  const timings = { templateMs: 0, databaseMs: 0, installMs: 5000, teardownMs: 0, totalMs: 5200 };
  return {
    series: '18.0',
    modules: [module],
    tests: {
      state: 'ran',
      run: {
        stackId: 'x',
        report,
        verdict: judgeReport(report, exitCode, false),
        exitCode,
        log,
        template: { volume: 'tpl', built: false },
        timings,
        kept: false,
        leftOut: [],
      },
    },
    browser: { state: 'skipped', reason: 'browser-checks is false' },
    wallMs: 5200,
  };
}

const layout = { repoRoot: '/work/repo', addonsDirs: ['/work/repo/addons'] };

test('a failing test is reported on its repository file and line, never on a container path', () => {
  const report = buildSeriesReport(outcomeOf(containerLog('fail'), 'forge_fx_fail', 1), layout);
  assert.equal(report.tests.conclusion, 'failure');
  const module = report.tests.modules[0];
  assert.equal(module?.name, 'forge_fx_fail');
  assert.equal(module?.installed, true);
  assert.equal(module?.testsRun, 2);
  assert.equal(module?.failed, 1);
  const failure = module?.failures[0];
  assert.equal(failure?.file, 'addons/forge_fx_fail/tests/test_thing.py');
  assert.equal(failure?.line, 13);
  assert.match(failure?.message ?? '', /doubling 3 should give 7/);
  assert.doesNotMatch(JSON.stringify(report), /\/mnt\/forge-addons/);
  assert.match(report.tests.logExcerpt, /addons\/forge_fx_fail\/tests\/test_thing\.py/);
});

test('an install failure names the view file of the repository; a clean run is a success', () => {
  const bad = buildSeriesReport(outcomeOf(containerLog('badview'), 'forge_fx_badview', 1), layout);
  assert.equal(bad.tests.conclusion, 'failure');
  assert.equal(bad.tests.modules[0]?.installed, false);
  const install = bad.tests.modules[0]?.failures.find((f) => f.kind === 'install');
  assert.equal(install?.file, 'addons/forge_fx_badview/views/fx_thing_views.xml');
  assert.ok((install?.line ?? 0) > 0);
  const clean = buildSeriesReport(outcomeOf(containerLog('clean'), 'forge_fx_clean', 0), layout);
  assert.equal(clean.tests.conclusion, 'success');
  assert.equal(clean.tests.modules[0]?.testsRun, 2);
  assert.equal(clean.browser.conclusion, 'skipped');
});

test('paths outside the repository get no annotation file; conclusions combine as GitHub shows them', () => {
  assert.equal(repoPath('/mnt/forge-addons/0/a/b.py', ['/r/addons'], '/r'), 'addons/a/b.py');
  assert.equal(repoPath('/opt/odoo/odoo/models.py', ['/r/addons'], '/r'), undefined);
  assert.equal(repoPath('/mnt/forge-addons/3/a/b.py', ['/r/addons'], '/r'), undefined);
  assert.equal(combineConclusions(['success', 'failure', 'skipped']), 'failure');
  assert.equal(combineConclusions(['success', 'skipped']), 'success');
  assert.equal(combineConclusions([]), 'neutral');
});

test('the summaries name the failing test with a link to its line and stay within GitHub’s limit', () => {
  const series = buildSeriesReport(outcomeOf(containerLog('fail'), 'forge_fx_fail', 1), layout);
  const link = (file: string, line?: number): string =>
    `[${file}:${line ?? 0}](https://example/${file}#L${line ?? 0})`;
  const tests = formatTestsSummary(series, link);
  assert.match(tests, /Failed on Odoo 18\.0: 2 test\(s\) run, 1 failed/);
  assert.match(tests, /\| `forge_fx_fail` \| yes \| 2 \| 1 \|/);
  assert.match(tests, /`TestThing\.test_double` at \[addons\/forge_fx_fail\/tests\/test_thing\.py:13\]/);
  const huge = { ...series, tests: { ...series.tests, logExcerpt: 'x\n'.repeat(50_000) } };
  assert.ok(formatTestsSummary(huge, link).length <= SUMMARY_LIMIT);
  const job = formatJobSummary(
    { version: 1, conclusion: 'failure', touched: ['forge_fx_fail'], dependents: [], series: [series] },
    link,
  );
  assert.match(job, /### Odoo Forge \/ tests \(18\.0\): failure/);
  assert.match(job, /### Odoo Forge \/ browser \(18\.0\): skipped/);
});

test('the mount points of the addons path are named by their repository folder too', () => {
  const text =
    "addons paths: ['/opt/odoo/odoo/addons', '/mnt/forge-addons/0'] and /mnt/forge-addons/0/x/y.py";
  assert.equal(
    repoPathsInText(text, ['/r/addons'], '/r'),
    "addons paths: ['/opt/odoo/odoo/addons', 'addons'] and addons/x/y.py",
  );
});
