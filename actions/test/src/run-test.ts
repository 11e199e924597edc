import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { ForgeError, toError } from '../../../core/errors/forge-error.js';
import { seriesOfVersion } from '../../../core/checker/manifest-rules.js';
import { readAddonManifests } from '../../../runner/addons/read-addon-manifests.js';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { ownerLabel } from '../../../runner/containers/forge-labels.js';
import type { Logger } from '../../../runner/logger.js';
import { changedAddons } from '../../../runner/pr/changed-addons.js';
import { connectEngine } from '../../../runner/pr/connect-engine.js';
import { nothingToTest, runPrVerdict } from '../../../runner/pr/run-pr-verdict.js';
import { runSeriesLocal } from '../../../runner/pr/run-series-local.js';
import { parseSeriesOdoo, requireSeriesOdoo } from '../../../runner/pr/series-odoo.js';
import { planPrTests, type PrTestPlan } from '../../../runner/pr/test-plan.js';
import type { PrReport } from '../../../runner/report/pr-report.js';
import { reportArtifactName } from '../../../core/repair/report-artifact-name.js';
import { uploadReport } from '../../shared/upload-report.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { readPullRequestContext, type PullRequestContext } from '../../shared/pull-request-context.js';
import type { TestInputs } from './inputs.js';
import { TestPublisher } from './test-publisher.js';
import { keepScreenshots } from './screenshots.js';
import { StateKey } from './state-keys.js';
import { stacksOfMain } from './stacks-of-main.js';
import { seriesStages } from './series-stages.js';
import type { SeriesStage } from '../../../runner/pr/series-stage.js';

const logger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  debug: (m) => core.debug(m),
};

/** Steps of actions/test, one function each. */
export async function runTestAction(
  inputs: TestInputs,
  env: NodeJS.ProcessEnv = process.env,
  options: { stages?: readonly SeriesStage[] } = {},
): Promise<PrReport> {
  const context = readPullRequestContext(env);
  const workDir = join(env.RUNNER_TEMP || inputs.workspace, 'odoo-forge-test');
  mkdirSync(workDir, { recursive: true });
  core.saveState(StateKey.owner, ownerLabel());
  core.saveState(StateKey.mode, inputs.mode);
  core.saveState(StateKey.workDir, workDir);
  const addonsDirs = inputs.addonsPath.map((dir) => resolve(inputs.workspace, dir));
  const stages = options.stages ?? seriesStages;
  const publisher = new TestPublisher(
    core,
    context,
    inputs.githubToken,
    stages.map((s) => s.name),
  );
  const teardown = new Teardown();
  const stacks: string[] = [];
  let planned: string[] = [];
  let driver: ContainerDriver | undefined;
  const stopOnSignal = cancelOnSignal(teardown, publisher, workDir);
  try {
    // 1. What to test: the touched addons (or the modules input) and their dependents, per series.
    const plan = await planOf(inputs, context, addonsDirs);
    planned = plan.perSeries.map((s) => s.series);
    if (plan.perSeries.length === 0) {
      const report = nothingToTest(plan);
      await publisher.neutral(await seriesForNames(inputs, addonsDirs), report.reason ?? 'nothing to test');
      return finish(report, workDir, publisher, env);
    }
    // 2. Odoo for every series, and the engine, before anything starts.
    const odooOf = parseSeriesOdoo({
      odooImage: inputs.odooImage,
      odooSrc: inputs.odooSrc,
      cwd: inputs.workspace,
    });
    for (const s of plan.perSeries) requireSeriesOdoo(odooOf, s.series, s.modules);
    driver = inputs.mode === 'containers' ? await connectEngine({ env, logger }) : undefined;
    // 3. Each series: check runs in progress, the stack, install with tests, browser checks, check runs completed.
    const report = await runPrVerdict(driver, {
      plan,
      odooOf,
      repoRoot: inputs.workspace,
      addonsDirs,
      postgresImage: inputs.postgresImage,
      repository: `${context.owner}/${context.repo}`,
      browserChecks: inputs.browserChecks,
      workDir,
      logger,
      teardown,
      env,
      onStack: (id) => {
        stacks.push(id);
        core.saveState(StateKey.stacks, JSON.stringify(stacks));
      },
      onSeriesStart: (series) => publisher.start(series, inputs.browserChecks),
      onSeriesDone: (series) => publisher.complete(series),
      stages,
      stageContext: {
        workspace: inputs.workspace,
        ...(inputs.modules.length === 0 && context.baseSha ? { baseSha: context.baseSha } : {}),
        mode: inputs.mode,
      },
      onStageStart: (series, stage) => publisher.startStage(series, stage),
      onStageDone: (series, stage) => publisher.completeStage(series, stage),
      ...(inputs.mode === 'local'
        ? {
            runOne: (seriesPlan, odoo, screenshotDir) => {
              if (odoo.kind !== 'source')
                throw new ForgeError(
                  'input.odoo-image',
                  'mode: local runs Odoo from a source tree, not an image.',
                  {
                    hint: 'Give odoo-src with mode: local.',
                  },
                );
              return runSeriesLocal({
                series: seriesPlan.series,
                sourceDir: odoo.sourceDir,
                modules: seriesPlan.modules,
                addonsDirs,
                browserChecks: inputs.browserChecks,
                screenshotDir,
                logger,
              });
            },
          }
        : {}),
    });
    // 4. Screenshots, the report, outputs, the job summary.
    report.screenshots = await keepScreenshots(report, workDir, env, logger);
    return finish(report, workDir, publisher, env);
  } catch (error) {
    if (publisher.isCancelled) return nothingToTest({ touched: [], dependents: [], perSeries: [] });
    await publisher.failAll(toError(error), planned, inputs.browserChecks);
    throw error;
  } finally {
    stopOnSignal();
    const errors = await teardown.runAll();
    for (const error of errors) core.warning(`clean-up failed: ${error.message}`);
    if (inputs.mode === 'containers' && errors.length === 0) await sayCleanedUp(driver, stacks);
  }
}

/**
 * Tells post (StateKey.cleanedUp) that main left nothing behind: no engine was needed, or none of
 * the stacks main started is still listed. On any doubt it says nothing, and post looks itself.
 */
async function sayCleanedUp(driver: ContainerDriver | undefined, started: readonly string[]): Promise<void> {
  try {
    if (driver) {
      if ((await stacksOfMain(driver, ownerLabel(), started)).length > 0) return;
    } else if (started.length > 0) return;
    core.saveState(StateKey.cleanedUp, 'true');
  } catch (error) {
    core.debug(`post will look for stacks itself: ${toError(error).message}`);
  }
}

async function planOf(
  inputs: TestInputs,
  context: PullRequestContext,
  addonsDirs: string[],
): Promise<PrTestPlan> {
  if (inputs.modules.length > 0) {
    core.info(`Modules (from the modules input): ${inputs.modules.join(', ')}`);
    return planPrTests({
      addonsDirs,
      touched: inputs.modules,
      ...(inputs.odooVersion ? { series: inputs.odooVersion } : {}),
    });
  }
  const changed = await changedAddons({
    workspace: inputs.workspace,
    base: context.baseSha,
    head: 'HEAD',
    addonsPath: inputs.addonsPath,
  });
  core.info(`Touched addons: ${changed.addons.map((a) => a.dir).join(', ') || 'none'}`);
  const plan = await planPrTests({
    addonsDirs,
    touched: changed.addons.map((a) => a.name),
    withoutManifest: changed.withoutManifest,
    ...(inputs.odooVersion ? { series: inputs.odooVersion } : {}),
  });
  for (const s of plan.perSeries)
    core.info(
      `Odoo ${s.series}: ${s.modules.join(', ')}${s.dependents.length > 0 ? ` (dependents: ${s.dependents.join(', ')})` : ''}`,
    );
  return plan;
}

/** The series whose check names a neutral verdict reports: odoo-version, else the repository's addons'. */
async function seriesForNames(inputs: TestInputs, addonsDirs: string[]): Promise<string[]> {
  if (inputs.odooVersion) return inputs.odooVersion;
  const manifests = await readAddonManifests(addonsDirs);
  const series = new Set<string>();
  for (const m of manifests.values()) {
    const named = seriesOfVersion(m.version);
    if (named && m.installable) series.add(named);
  }
  return [...series].sort();
}

async function finish(
  report: PrReport,
  workDir: string,
  publisher: TestPublisher,
  env: NodeJS.ProcessEnv,
): Promise<PrReport> {
  // A cancel writes its own report and outputs; the run unwinding after it must not.
  if (publisher.isCancelled) return report;
  const path = join(workDir, 'report.json');
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  // The artifact the app's repair loop reads (app/repair/fetch-reports.ts); never fails the action.
  await uploadReport(reportArtifactName(report.series.map((s) => s.series)), path, env, logger);
  await publisher.jobSummary(report);
  publisher.annotate(report);
  core.setOutput('conclusion', report.conclusion);
  core.setOutput('report', path);
  if (report.conclusion === 'failure') {
    const failed = report.series.flatMap((s) => [
      ...(s.tests.conclusion === 'failure' ? [`tests (${s.series})`] : []),
      ...(s.browser.conclusion === 'failure' ? [`browser (${s.series})`] : []),
    ]);
    core.setFailed(`Odoo Forge: ${failed.join(', ')} failed; the job summary says why.`);
  }
  return report;
}

/**
 * SIGINT/SIGTERM (the job was cancelled): remove what runs, complete the open check runs as
 * cancelled, write a cancelled report, exit 143 (130 for SIGINT). `post` removes anything left.
 */
function cancelOnSignal(teardown: Teardown, publisher: TestPublisher, workDir: string): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    core.warning(`${signal}: the job was cancelled; removing the stack.`);
    publisher.cancelling();
    void (async () => {
      for (const error of await teardown.runAll()) core.warning(`clean-up failed: ${error.message}`);
      await publisher
        .cancelOpen(signal)
        .catch((e: unknown) => core.warning(`check runs: ${toError(e).message}`));
      const report: PrReport = {
        version: 1,
        conclusion: 'cancelled',
        reason: `cancelled (${signal})`,
        touched: [],
        dependents: [],
        series: [],
      };
      const path = join(workDir, 'report.json');
      writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
      core.setOutput('conclusion', 'cancelled');
      core.setOutput('report', path);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    })();
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
