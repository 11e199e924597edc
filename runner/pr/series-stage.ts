import { toError } from '../../core/errors/forge-error.js';
import type { Logger } from '../logger.js';
import type { StageReport } from '../report/pr-report.js';
import type { Teardown } from '../stack/teardown.js';
import type { SeriesOdoo } from './series-odoo.js';

/** What a stage of one series gets: the series' modules and Odoo, the checkout, the run's scratch folder. */
export interface SeriesStageInput {
  series: string;
  /** The modules tested on that series (touched and dependents). */
  modules: string[];
  odoo: SeriesOdoo;
  /** Absolute addons folders of the head checkout. */
  addonsDirs: string[];
  /** The git checkout (its HEAD is the pull request's head). */
  workspace: string;
  /** The pull request's base commit; undefined on a push or with the modules input. */
  baseSha?: string;
  mode: 'containers' | 'local';
  /** The PostgreSQL image of the run's stacks (actions/test's `postgres-image`), for container mode. */
  postgresImage?: string;
  /** A scratch folder of this run. */
  workDir: string;
  logger: Logger;
  /** Clean-ups registered here run on a cancel too. */
  teardown: Teardown;
  env: NodeJS.ProcessEnv;
}

/** An annotation of a stage, on a repository path. */
export interface StageAnnotation {
  path: string;
  line: number;
  message: string;
  title?: string;
  level?: 'failure' | 'warning' | 'notice';
}

export interface StageResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  /** The check run's title. */
  title: string;
  /** Markdown, under 60,000 characters. */
  summary: string;
  annotations: StageAnnotation[];
}

/**
 * An extra verdict per series after the tests and the browser checks (e.g. `upgrade`): its own
 * check run `Odoo Forge / <name> (<series>)`, a section of the job summary, and a part of the
 * pull request's conclusion.
 */
export interface SeriesStage {
  /** Lower-case, e.g. `upgrade`: the check run is `Odoo Forge / upgrade (18.0)`. */
  name: string;
  run(input: SeriesStageInput): Promise<StageResult>;
  /**
   * A quick look (no stack, no Odoo) whether the stage has anything to do: its `skipped` result
   * when it has not, else undefined (then `run` decides). Asked while the series' stack is
   * removed, so a stage with nothing to do is reported with the verdict, not after the removal.
   */
  skip?(input: SeriesStageInput): Promise<StageResult | undefined>;
}

/**
 * The report of a stage that has nothing to do (`SeriesStage.skip`), else undefined; a throw in
 * `skip` is undefined too (`run` then decides, and reports the error).
 */
export async function skippedStage(
  stage: SeriesStage,
  input: SeriesStageInput,
): Promise<StageReport | undefined> {
  if (!stage.skip) return undefined;
  const started = Date.now();
  const result = await stage.skip(input).catch(() => undefined);
  if (!result) return undefined;
  return {
    name: stage.name,
    ...result,
    summary: result.summary.slice(0, 60_000),
    seconds: (Date.now() - started) / 1000,
  };
}

/** Runs a stage; a throw is its failure, with the message (and the hint of a ForgeError). */
export async function runStage(stage: SeriesStage, input: SeriesStageInput): Promise<StageReport> {
  const started = Date.now();
  let result: StageResult;
  try {
    result = await stage.run(input);
  } catch (thrown) {
    const error = toError(thrown);
    const hint = 'hint' in error && typeof error.hint === 'string' ? `\n\nHint: ${error.hint}` : '';
    result = {
      conclusion: 'failure',
      title: `Could not run the ${stage.name} stage`,
      summary: `${error.message}${hint}\n`,
      annotations: [],
    };
  }
  return {
    name: stage.name,
    ...result,
    summary: result.summary.slice(0, 60_000),
    seconds: (Date.now() - started) / 1000,
  };
}
