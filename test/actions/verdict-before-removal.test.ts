import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../../runner/logger.js';
import { runPrVerdict } from '../../runner/pr/run-pr-verdict.js';
import type { SeriesOutcome } from '../../runner/pr/run-series.js';
import type { SeriesStage } from '../../runner/pr/series-stage.js';
import { Teardown } from '../../runner/stack/teardown.js';
import { oneAddonPlan } from './support/one-addon-plan.js';

test("a series' verdict is told while its stack is removed, and its stages start only once the stack is gone", async (t) => {
  // Arrange: one 18.0 addon, a series runner whose stack removal the test finishes by hand, a stage.
  const { repo, plan } = await oneAddonPlan(t, 'forge-verdict-removal-');
  const events: string[] = [];
  let finishRemoval = (): void => {};
  const removal = new Promise<void>((resolve) => {
    finishRemoval = () => {
      events.push('stack removed');
      resolve();
    };
  });
  const runOne = (): Promise<SeriesOutcome> =>
    Promise.resolve({
      series: '18.0',
      modules: ['library'],
      tests: { state: 'error', message: 'the engine refused the stack' },
      browser: { state: 'skipped', reason: 'the install did not run' },
      wallMs: 5,
      removal,
    });
  const upgrade: SeriesStage = {
    name: 'upgrade',
    run: () => {
      events.push('stage runs');
      return Promise.resolve({ conclusion: 'success', title: 'ok', summary: 'ok\n', annotations: [] });
    },
  };

  // Act
  let returned = false;
  const verdict = runPrVerdict(undefined, {
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
    stages: [upgrade],
    onSeriesDone: (report) => {
      events.push(`verdict ${report.tests.conclusion}${report.stages ? ' with stages' : ''}`);
      // The removal is still under way when the verdict is posted; it ends a moment later.
      setTimeout(finishRemoval, 50);
    },
    onStageDone: (series, stage) => {
      events.push(`stage done ${stage.name} (${series}) ${stage.conclusion}`);
    },
  }).then((report) => {
    returned = true;
    return report;
  });
  const report = await verdict;

  // Assert
  assert.ok(returned);
  assert.deepEqual(events, [
    'verdict failure',
    'stack removed',
    'stage runs',
    'stage done upgrade (18.0) success',
  ]);
  assert.deepEqual(
    report.series[0]?.stages?.map((s) => s.name),
    ['upgrade'],
  );
});

test("a failed removal of a series' stack fails the verdict after the verdict was told", async (t) => {
  const { repo, plan } = await oneAddonPlan(t, 'forge-verdict-removal-');
  const told: string[] = [];
  const removal = Promise.reject(new Error('podman rm: volume in use'));
  removal.catch(() => undefined);

  await assert.rejects(
    runPrVerdict(undefined, {
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
      runOne: () =>
        Promise.resolve({
          series: '18.0',
          modules: ['library'],
          tests: { state: 'error', message: 'x' },
          browser: { state: 'skipped', reason: 'x' },
          wallMs: 1,
          removal,
        }),
      onSeriesDone: (report) => {
        told.push(report.series);
      },
    }),
    /volume in use/,
  );
  assert.deepEqual(told, ['18.0']);
});
