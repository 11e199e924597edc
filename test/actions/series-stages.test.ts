import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { silentLogger } from '../../runner/logger.js';
import { runPrVerdict } from '../../runner/pr/run-pr-verdict.js';
import type { SeriesOutcome } from '../../runner/pr/run-series.js';
import type { SeriesStage, SeriesStageInput } from '../../runner/pr/series-stage.js';
import { formatJobSummary } from '../../runner/report/format-pr-summary.js';
import { Teardown } from '../../runner/stack/teardown.js';
import { oneAddonPlan } from './support/one-addon-plan.js';

test('an extra stage runs on every series after its tests, and its failure fails the verdict and names itself', async (t) => {
  // Arrange: one 18.0 addon, a series runner that reports an install error (no Odoo needed),
  // a stage that records what it is told and reports a lost field, and one that throws.
  const { repo, plan } = await oneAddonPlan(t, 'forge-stages-');
  const told: SeriesStageInput[] = [];
  const started: string[] = [];
  const upgrade: SeriesStage = {
    name: 'upgrade',
    run: (input) => {
      told.push(input);
      return Promise.resolve({
        conclusion: 'failure',
        title: '1 field would lose its values',
        summary: '`library.book.isbn` is retyped from char to integer without a migration: 3 values lost.',
        annotations: [
          { path: 'library/models/book.py', line: 12, message: 'isbn retyped without a migration' },
        ],
      });
    },
  };
  const broken: SeriesStage = {
    name: 'broken',
    run: () =>
      Promise.reject(
        new ForgeError('upgrade.no-base', 'The base commit has no library.', { hint: 'Fetch the base.' }),
      ),
  };
  const runOne = (): Promise<SeriesOutcome> =>
    Promise.resolve({
      series: '18.0',
      modules: ['library'],
      tests: { state: 'error', message: 'the engine refused the stack' },
      browser: { state: 'skipped', reason: 'the install did not run' },
      wallMs: 5,
    });

  // Act
  const report = await runPrVerdict(undefined, {
    plan,
    odooOf: () => ({ kind: 'source', sourceDir: '/opt/odoo-18' }),
    repoRoot: repo,
    addonsDirs: [repo],
    postgresImage: 'localhost/my-postgres:15',
    browserChecks: false,
    workDir: repo,
    logger: silentLogger,
    teardown: new Teardown(),
    env: {},
    runOne,
    stages: [upgrade, broken],
    stageContext: { workspace: repo, baseSha: 'abc123', mode: 'local' },
    onStageStart: (series, stage) => {
      started.push(`${stage} (${series})`);
    },
  });

  // Assert
  assert.deepEqual(started, ['upgrade (18.0)', 'broken (18.0)']);
  assert.equal(told.length, 1);
  assert.deepEqual(
    {
      series: told[0]?.series,
      modules: told[0]?.modules,
      baseSha: told[0]?.baseSha,
      mode: told[0]?.mode,
      odoo: told[0]?.odoo,
      postgresImage: told[0]?.postgresImage,
    },
    {
      series: '18.0',
      modules: ['library'],
      baseSha: 'abc123',
      mode: 'local',
      odoo: { kind: 'source', sourceDir: '/opt/odoo-18' },
      postgresImage: 'localhost/my-postgres:15',
    },
  );
  const stages = report.series[0]?.stages ?? [];
  assert.deepEqual(
    stages.map((s) => [s.name, s.conclusion, s.title]),
    [
      ['upgrade', 'failure', '1 field would lose its values'],
      ['broken', 'failure', 'Could not run the broken stage'],
    ],
  );
  assert.match(stages[1]?.summary ?? '', /The base commit has no library\.\n\nHint: Fetch the base\./);
  assert.equal(report.conclusion, 'failure');
  const summary = formatJobSummary(report, (file, line) => `${file}:${line ?? ''}`);
  assert.match(summary, /### Odoo Forge \/ upgrade \(18\.0\): failure\n\n`library\.book\.isbn` is retyped/);
});
