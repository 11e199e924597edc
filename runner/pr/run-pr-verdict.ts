import { join } from 'node:path';
import type { ContainerDriver } from '../containers/container-driver.js';
import type { Logger } from '../logger.js';
import { buildSeriesReport } from '../report/build-series-report.js';
import {
  combineConclusions,
  type PrReport,
  type SeriesReport,
  type StageReport,
} from '../report/pr-report.js';
import type { Teardown } from '../stack/teardown.js';
import { runSeries, type SeriesOutcome } from './run-series.js';
import { runStage, skippedStage, type SeriesStage, type SeriesStageInput } from './series-stage.js';
import { requireSeriesOdoo, type SeriesOdoo } from './series-odoo.js';
import type { PrTestPlan, SeriesPlan } from './test-plan.js';

export interface PrVerdictOptions {
  plan: PrTestPlan;
  odooOf: (series: string) => SeriesOdoo | undefined;
  repoRoot: string;
  addonsDirs: string[];
  postgresImage: string;
  repository?: string;
  browserChecks: boolean;
  /** Screenshots go to `<workDir>/screenshots/<series>`. */
  workDir: string;
  useTemplate?: boolean;
  logger: Logger;
  teardown: Teardown;
  env: NodeJS.ProcessEnv;
  onStack?: (stackId: string) => void;
  /**
   * Told when a series starts (check runs go in progress, while its stack starts; awaited before
   * the verdict) and when its tests and browser checks are judged (check runs complete): before its
   * stack is removed and before its stages run.
   */
  onSeriesStart?: (series: string) => void | Promise<void>;
  onSeriesDone?: (report: SeriesReport) => void | Promise<void>;
  /** Extra stages after each series' tests and browser checks (runner/pr/series-stage.ts). */
  stages?: readonly SeriesStage[];
  /** What the stages are told (default: repoRoot, no base, containers). */
  stageContext?: { workspace: string; baseSha?: string; mode: 'containers' | 'local' };
  /** Told when a stage of a series starts (its check run goes in progress). */
  onStageStart?: (series: string, stage: string) => void | Promise<void>;
  /** Told when a stage of a series is judged (its check run completes). */
  onStageDone?: (series: string, report: StageReport) => void | Promise<void>;
  /** Runs one series; default `runSeries` in containers (the local mode passes its own). */
  runOne?: (plan: SeriesPlan, odoo: SeriesOdoo, screenshotDir: string) => Promise<SeriesOutcome>;
}

/** The report of a plan that tests nothing: neutral, "nothing to test". */
export function nothingToTest(plan: PrTestPlan): PrReport {
  return {
    version: 1,
    conclusion: 'neutral',
    reason: 'nothing to test: this change touches no addon',
    touched: plan.touched,
    dependents: plan.dependents,
    series: [],
  };
}

/**
 * Runs a plan, one Odoo series after the other (a runner has few cores): every series' Odoo is
 * checked before the first stack starts, so a missing image or tree fails at once.
 */
export async function runPrVerdict(
  driver: ContainerDriver | undefined,
  options: PrVerdictOptions,
): Promise<PrReport> {
  const { plan } = options;
  if (plan.perSeries.length === 0) return nothingToTest(plan);
  const odoo = new Map(
    plan.perSeries.map((s) => [s.series, requireSeriesOdoo(options.odooOf, s.series, s.modules)]),
  );
  const runOne =
    options.runOne ??
    ((seriesPlan: SeriesPlan, seriesOdoo: SeriesOdoo, screenshotDir: string): Promise<SeriesOutcome> => {
      if (!driver) throw new Error('runPrVerdict needs a container driver unless runOne is given');
      return runSeries(driver, {
        series: seriesPlan.series,
        odoo: seriesOdoo,
        modules: seriesPlan.modules,
        addonsDirs: options.addonsDirs,
        postgresImage: options.postgresImage,
        ...(options.repository ? { repository: options.repository } : {}),
        browserChecks: options.browserChecks,
        screenshotDir,
        ...(options.useTemplate === undefined ? {} : { useTemplate: options.useTemplate }),
        logger: options.logger,
        teardown: options.teardown,
        env: options.env,
        ...(options.onStack ? { onStack: options.onStack } : {}),
      });
    });
  const series: SeriesReport[] = [];
  for (const seriesPlan of plan.perSeries) {
    // The check runs go in progress while the stack starts: awaited before the verdict is posted.
    const starting = (async () => options.onSeriesStart?.(seriesPlan.series))();
    const screenshotDir = join(options.workDir, 'screenshots', seriesPlan.series);
    let outcome: SeriesOutcome;
    try {
      outcome = await runOne(seriesPlan, odoo.get(seriesPlan.series) as SeriesOdoo, screenshotDir);
    } catch (error) {
      // The caller fails the check runs: the ones being created must exist by then.
      await starting.catch(() => undefined);
      throw error;
    }
    try {
      await starting;
    } catch (error) {
      await outcome.removal?.catch(() => undefined);
      throw error;
    }
    const report = buildSeriesReport(outcome, { repoRoot: options.repoRoot, addonsDirs: options.addonsDirs });
    // The verdict of the tests and the browser checks is posted while their stack is removed.
    const seriesOdoo = odoo.get(seriesPlan.series) as SeriesOdoo;
    let skips: Promise<(StageReport | undefined)[]> = Promise.resolve([]);
    try {
      await options.onSeriesDone?.(report);
      // Stages with nothing to do are judged and reported while the stack is removed.
      skips = reportSkippedStages(options, seriesPlan, seriesOdoo);
      skips.catch(() => undefined);
    } finally {
      await removed(outcome, options.logger);
    }
    if (options.stages && options.stages.length > 0)
      report.stages = await runStages(options, seriesPlan, seriesOdoo, await skips);
    series.push(report);
  }
  return {
    version: 1,
    conclusion: combineConclusions(
      series.flatMap((s) => [
        s.tests.conclusion,
        s.browser.conclusion,
        ...(s.stages ?? []).map((stage) => stage.conclusion),
      ]),
    ),
    touched: plan.touched,
    dependents: plan.dependents,
    series,
  };
}

/** Waits for the removal of a series' stack (`SeriesOutcome.removal`); logs how long it took. */
async function removed(outcome: SeriesOutcome, logger: Logger): Promise<void> {
  if (!outcome.removal) return;
  const waited = Date.now();
  await outcome.removal;
  logger.info(`Odoo ${outcome.series}: stack removed ${Date.now() - waited} ms after the verdict was ready`);
}

/** What a stage of this series is told. */
function stageInput(options: PrVerdictOptions, seriesPlan: SeriesPlan, odoo: SeriesOdoo): SeriesStageInput {
  const context = options.stageContext ?? { workspace: options.repoRoot, mode: 'containers' as const };
  return {
    series: seriesPlan.series,
    modules: seriesPlan.modules,
    odoo,
    addonsDirs: options.addonsDirs,
    workspace: context.workspace,
    ...(context.baseSha ? { baseSha: context.baseSha } : {}),
    mode: context.mode,
    postgresImage: options.postgresImage,
    workDir: options.workDir,
    logger: options.logger,
    teardown: options.teardown,
    env: options.env,
  };
}

/**
 * Asks each stage whether it has anything to do (`SeriesStage.skip`, no stack started) and
 * reports those that have not: one entry per stage, undefined for a stage to run.
 */
async function reportSkippedStages(
  options: PrVerdictOptions,
  seriesPlan: SeriesPlan,
  odoo: SeriesOdoo,
): Promise<(StageReport | undefined)[]> {
  const input = stageInput(options, seriesPlan, odoo);
  const reports: (StageReport | undefined)[] = [];
  for (const stage of options.stages ?? []) {
    const report = await skippedStage(stage, input);
    if (report) {
      await options.onStageStart?.(seriesPlan.series, stage.name);
      await options.onStageDone?.(seriesPlan.series, report);
    }
    reports.push(report);
  }
  return reports;
}

/** The stages of one series, one after the other (each removes what it started); `skipped` are reported already. */
async function runStages(
  options: PrVerdictOptions,
  seriesPlan: SeriesPlan,
  odoo: SeriesOdoo,
  skipped: readonly (StageReport | undefined)[],
): Promise<StageReport[]> {
  const input = stageInput(options, seriesPlan, odoo);
  const reports: StageReport[] = [];
  for (const [index, stage] of (options.stages ?? []).entries()) {
    const already = skipped[index];
    if (already) {
      reports.push(already);
      continue;
    }
    await options.onStageStart?.(seriesPlan.series, stage.name);
    const report = await runStage(stage, input);
    reports.push(report);
    await options.onStageDone?.(seriesPlan.series, report);
  }
  return reports;
}
