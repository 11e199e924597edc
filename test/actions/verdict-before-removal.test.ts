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

test('a stage with nothing to do is reported while the stack is removed; a stage with work still waits for the removal', async (t) => {
  // Arrange: a removal the test finishes by hand, a stage whose skip says "nothing to do", another that runs.
  const { repo, plan } = await oneAddonPlan(t, 'forge-verdict-removal-');
  const events: string[] = [];
  let finishRemoval = (): void => {};
  const removal = new Promise<void>((resolve) => {
    finishRemoval = () => {
      events.push('stack removed');
      resolve();
    };
  });
  const nothing: SeriesStage = {
    name: 'upgrade',
    skip: () =>
      Promise.resolve({
        conclusion: 'skipped',
        title: 'Nothing to compare',
        summary: 'new\n',
        annotations: [],
      }),
    run: () => {
      events.push('upgrade runs');
      return Promise.resolve({ conclusion: 'success', title: 'ok', summary: 'ok\n', annotations: [] });
    },
  };
  const work: SeriesStage = {
    name: 'other',
    skip: () => Promise.resolve(undefined),
    run: () => {
      events.push('other runs');
      return Promise.resolve({ conclusion: 'success', title: 'ok', summary: 'ok\n', annotations: [] });
    },
  };

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
    runOne: () =>
      Promise.resolve({
        series: '18.0',
        modules: ['library'],
        tests: { state: 'error', message: 'x' },
        browser: { state: 'skipped', reason: 'x' },
        wallMs: 1,
        removal,
      }),
    stages: [nothing, work],
    onSeriesDone: () => {
      events.push('verdict');
      setTimeout(finishRemoval, 100);
    },
    onStageStart: (_series, stage) => {
      events.push(`stage start ${stage}`);
    },
    onStageDone: (_series, stage) => {
      events.push(`stage done ${stage.name} ${stage.conclusion}`);
    },
  });

  // Assert: the skipped stage is reported before the removal ends and never run; the other after it.
  assert.deepEqual(events, [
    'verdict',
    'stage start upgrade',
    'stage done upgrade skipped',
    'stack removed',
    'stage start other',
    'other runs',
    'stage done other success',
  ]);
  assert.deepEqual(
    report.series[0]?.stages?.map((s) => `${s.name} ${s.conclusion}`),
    ['upgrade skipped', 'other success'],
  );
});

test("a series' check runs are created while its stack starts, and exist before its verdict is told", async (t) => {
  const { repo, plan } = await oneAddonPlan(t, 'forge-verdict-removal-');
  const events: string[] = [];
  await runPrVerdict(undefined, {
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
    // The check runs take longer to create than the series takes to run.
    onSeriesStart: async () => {
      events.push('check runs being created');
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push('check runs created');
    },
    runOne: () => {
      events.push('stack starts');
      return Promise.resolve({
        series: '18.0',
        modules: ['library'],
        tests: { state: 'error', message: 'x' },
        browser: { state: 'skipped', reason: 'x' },
        wallMs: 1,
      });
    },
    onSeriesDone: () => {
      events.push('verdict');
    },
  });
  assert.deepEqual(events, ['check runs being created', 'stack starts', 'check runs created', 'verdict']);
});
