import type * as actionsCore from '@actions/core';
import { ForgeError } from '../../../core/errors/forge-error.js';
import type { Finding } from '../../../core/findings/finding.js';
import {
  formatBrowserSummary,
  formatJobSummary,
  formatTestsSummary,
  type FileLink,
} from '../../../runner/report/format-pr-summary.js';
import type { Conclusion, PrReport, SeriesReport, StageReport } from '../../../runner/report/pr-report.js';
import { blobUrl } from '../../shared/findings-markdown.js';
import type { PullRequestContext } from '../../shared/pull-request-context.js';
import { emitWorkflowAnnotations } from '../../shared/workflow-annotations.js';
import type { CheckAnnotation } from '../../shared/check-run-output.js';
import { CheckRun, checkRunName, type CheckRunConclusion } from '../../shared/check-runs.js';

/** The failures of a series' tests that point into the repository, as annotations. */
export function testAnnotations(series: SeriesReport): CheckAnnotation[] {
  const failures = [...series.tests.modules.flatMap((m) => m.failures), ...series.tests.otherFailures];
  return failures.flatMap((f) =>
    f.file
      ? [
          {
            path: f.file,
            start_line: f.line ?? 1,
            end_line: f.line ?? 1,
            annotation_level: 'failure' as const,
            title: (f.test
              ? `${f.test.split('.').slice(-2).join('.')} (Odoo ${series.series})`
              : `${f.kind} on Odoo ${series.series}`
            ).slice(0, 255),
            message: f.message.slice(0, 60_000),
            ...(f.details ? { raw_details: f.details.slice(0, 60_000) } : {}),
          },
        ]
      : [],
  );
}

/**
 * Where actions/test says what it found: check runs `Odoo Forge / tests (<series>)` and
 * `Odoo Forge / browser (<series>)` (when the token may write checks), the job summary and
 * workflow-command annotations (always: they are what a user without a token sees).
 */
export class TestPublisher {
  private readonly runs = new Map<string, CheckRun>();
  private readonly open = new Set<string>();
  /** Set on a cancel: the run still unwinding must not complete the check runs as failures. */
  private cancelled = false;
  private readonly link: FileLink;

  constructor(
    private readonly core: typeof actionsCore,
    private readonly context: PullRequestContext,
    private readonly token: string,
    /** The extra stages of every series (runner/pr/series-stage.ts): one check run each. */
    private readonly stageNames: readonly string[] = [],
  ) {
    const repo = { owner: context.owner, repo: context.repo, sha: context.headSha };
    this.link = (file, line) => `[${file}${line ? `:${line}` : ''}](${blobUrl(repo, file, line ?? 0)})`;
  }

  private async startRun(name: string): Promise<void> {
    const run = await CheckRun.start(this.core, {
      token: this.token,
      owner: this.context.owner,
      repo: this.context.repo,
      headSha: this.context.headSha,
      name,
      ...(this.context.runUrl ? { detailsUrl: this.context.runUrl } : {}),
    });
    this.runs.set(name, run);
    this.open.add(name);
  }

  private async completeRun(
    name: string,
    result: { conclusion: Conclusion; title: string; summary: string; annotations: CheckAnnotation[] },
  ): Promise<void> {
    const run = this.runs.get(name);
    if (!run || !this.open.has(name)) return;
    this.open.delete(name);
    await run.complete({ ...result, conclusion: asCheckConclusion(result.conclusion) });
  }

  async start(series: string, browser: boolean): Promise<void> {
    await this.startRun(checkRunName('tests', series));
    if (browser) await this.startRun(checkRunName('browser', series));
  }

  /** A stage of a series starts: its check run goes in progress. */
  async startStage(series: string, stage: string): Promise<void> {
    await this.startRun(checkRunName(stage, series));
  }

  async complete(series: SeriesReport): Promise<void> {
    if (this.cancelled) return;
    const tests = series.tests;
    await this.completeRun(checkRunName('tests', series.series), {
      conclusion: tests.conclusion,
      title: `${tests.conclusion === 'success' ? 'Passed' : 'Failed'}: ${tests.testsRun} test(s), ${tests.failed + tests.errors} failing`,
      summary: formatTestsSummary(series, this.link),
      annotations: testAnnotations(series),
    });
    const browser = series.browser;
    await this.completeRun(checkRunName('browser', series.series), {
      conclusion: browser.conclusion,
      title:
        browser.conclusion === 'skipped'
          ? 'Not run'
          : `${browser.conclusion === 'failure' ? 'Failed' : 'Passed'}: ${browser.actions.length} page(s), ${browser.failures.length} failure(s)`,
      summary: formatBrowserSummary(series),
      annotations: [],
    });
    for (const stage of series.stages ?? []) await this.completeStage(series.series, stage);
  }

  /** A stage of a series is judged: its check run completes (once; later calls do nothing). */
  async completeStage(series: string, stage: StageReport): Promise<void> {
    if (this.cancelled) return;
    await this.completeRun(checkRunName(stage.name, series), {
      conclusion: stage.conclusion,
      title: stage.title,
      summary: stage.summary,
      annotations: stage.annotations.map((a) => ({
        path: a.path,
        start_line: a.line,
        end_line: a.line,
        annotation_level: a.level ?? 'failure',
        message: a.message.slice(0, 60_000),
        ...(a.title ? { title: a.title.slice(0, 255) } : {}),
      })),
    });
  }

  /** Nothing to test: each required name gets a neutral check, so no required check waits forever. */
  async neutral(series: string[], reason: string): Promise<void> {
    const names =
      series.length > 0
        ? series.flatMap((s) => [
            checkRunName('tests', s),
            checkRunName('browser', s),
            ...this.stageNames.map((stage) => checkRunName(stage, s)),
          ])
        : ['Odoo Forge / tests'];
    for (const name of names) {
      await this.startRun(name);
      await this.completeRun(name, {
        conclusion: 'neutral',
        title: 'Nothing to test',
        summary: `${reason}.\n`,
        annotations: [],
      });
    }
  }

  /**
   * The action failed before a verdict: every open check run fails with the error, and so does
   * each check of the planned series that was not created yet (a required check never waits).
   */
  async failAll(error: Error, series: readonly string[], browser: boolean): Promise<void> {
    if (this.cancelled) return;
    const hint = error instanceof ForgeError && error.hint ? `\n\nHint: ${error.hint}` : '';
    const summary = `${error.message}${hint}\n`;
    for (const s of series)
      for (const name of [
        checkRunName('tests', s),
        ...(browser ? [checkRunName('browser', s)] : []),
        ...this.stageNames.map((stage) => checkRunName(stage, s)),
      ])
        if (!this.runs.has(name)) await this.startRun(name);
    await this.completeOpen('failure', 'Could not run', summary);
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** From now on only `cancelOpen` completes check runs. */
  cancelling(): void {
    this.cancelled = true;
  }

  async cancelOpen(signal: string): Promise<void> {
    await this.completeOpen(
      'cancelled',
      'Cancelled',
      `The job was cancelled (${signal}); the stack was removed.\n`,
    );
  }

  private async completeOpen(conclusion: Conclusion, title: string, summary: string): Promise<void> {
    for (const name of [...this.open])
      await this.completeRun(name, { conclusion, title, summary, annotations: [] });
  }

  async jobSummary(report: PrReport): Promise<void> {
    await this.core.summary.addRaw(formatJobSummary(report, this.link, report.screenshots?.note)).write();
  }

  /** Workflow-command annotations of every located failure (GitHub keeps 10 per level and step) when no check run was written. */
  annotate(report: PrReport): void {
    // The check runs carry them when they could be written: no duplicates as workflow commands.
    if ([...this.runs.values()].some((run) => run.written)) return;
    const findings: Finding[] = report.series.flatMap((series) => [
      ...testAnnotations(series).map((a) => ({
        file: a.path,
        line: a.start_line,
        severity: 'error' as const,
        rule: a.title ?? 'odoo-forge',
        message: a.message,
      })),
      ...(series.stages ?? []).flatMap((stage) =>
        stage.annotations.map((a) => ({
          file: a.path,
          line: a.line,
          severity:
            a.level === 'notice'
              ? ('info' as const)
              : a.level === 'warning'
                ? ('warning' as const)
                : ('error' as const),
          rule: a.title ?? `${stage.name} (Odoo ${series.series})`,
          message: a.message,
        })),
      ),
    ]);
    emitWorkflowAnnotations(this.core, findings);
  }
}

/** GitHub's `skipped` hides a check from the pull request's list: a browser check that did not run is neutral. */
function asCheckConclusion(conclusion: Conclusion): CheckRunConclusion {
  return conclusion === 'skipped' ? 'neutral' : conclusion;
}
