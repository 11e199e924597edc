import type { TestReport } from '../odoo/test-report.js';
import type { BrowserOutcome, SeriesOutcome } from '../pr/run-series.js';
import { moduleFigures } from './module-figures.js';
import type {
  BrowserReport,
  BrowserTimings,
  ModuleReport,
  ReportFailure,
  SeriesReport,
  TestsReport,
} from './pr-report.js';
import { repoPath, repoPathsInText } from './repo-path.js';

/** Where the repository is and which host folders were the addons path (in mount order). */
export interface RepoLayout {
  repoRoot: string;
  addonsDirs: readonly string[];
}

const LOG_EXCERPT_LINES = 60;

/** One series of the report, from what `runSeries` (or the local run) came to. */
export function buildSeriesReport(outcome: SeriesOutcome, layout: RepoLayout): SeriesReport {
  return {
    series: outcome.series,
    modules: outcome.modules,
    tests: testsReport(outcome, layout),
    browser: browserReport(outcome.browser),
    wallSeconds: Math.round(outcome.wallMs / 100) / 10,
  };
}

function located(
  file: string | undefined,
  line: number | undefined,
  layout: RepoLayout,
): Pick<ReportFailure, 'file' | 'line'> {
  const path = file ? repoPath(file, layout.addonsDirs, layout.repoRoot) : undefined;
  return path ? { file: path, ...(line ? { line } : {}) } : {};
}

function failuresOf(report: TestReport, layout: RepoLayout): ReportFailure[] {
  const text = (s: string): string => repoPathsInText(s, layout.addonsDirs, layout.repoRoot);
  const tests: ReportFailure[] = report.failures.map((f) => ({
    kind: f.kind,
    ...(f.module ? { module: f.module } : {}),
    test: f.testId,
    ...located(f.file, f.line, layout),
    message: text(f.message),
    details: text(f.traceback),
  }));
  const install: ReportFailure[] = report.installErrors.map((e) => ({
    kind: 'install',
    ...(e.module ? { module: e.module } : {}),
    ...located(e.file, e.line, layout),
    message: text(e.message.split('\n')[0] ?? e.message),
    details: text(e.message),
  }));
  const server: ReportFailure[] = report.serverErrors.map((r) => ({
    kind: 'log',
    ...(r.module ? { module: r.module } : {}),
    message: text(`${r.logger}: ${r.message.split('\n')[0] ?? ''}`),
    details: text(r.message),
  }));
  return [...tests, ...install, ...server];
}

/** Installed unless the run failed and its errors name this module (or name none at all). */
function moduleInstalled(report: TestReport, name: string): boolean {
  if (report.installed) return true;
  const named = report.installErrors.flatMap((e) => (e.module ? [e.module] : []));
  return named.length > 0 && !named.includes(name);
}

function testsReport(outcome: SeriesOutcome, layout: RepoLayout): TestsReport {
  if (outcome.tests.state === 'error') {
    return {
      conclusion: 'failure',
      reasons: [outcome.tests.message.split('\n')[0] ?? outcome.tests.message],
      testsRun: 0,
      failed: 0,
      errors: 0,
      seconds: 0,
      modules: [],
      otherFailures: [{ kind: 'log', message: outcome.tests.message }],
      logExcerpt: '',
    };
  }
  const { run } = outcome.tests;
  const report = run.report;
  const failures = failuresOf(report, layout);
  const figures = moduleFigures(run.log, outcome.modules);
  const modules: ModuleReport[] = outcome.modules.map((name) => {
    const own = failures.filter((f) => f.module === name);
    const figure = figures.get(name);
    return {
      name,
      installed: moduleInstalled(report, name),
      testsRun: figure?.testsRun ?? 0,
      failed: own.filter((f) => f.kind === 'fail' || f.kind === 'error').length,
      ...(figure?.seconds === undefined ? {} : { seconds: figure.seconds }),
      failures: own,
    };
  });
  return {
    conclusion: run.verdict.ok ? 'success' : 'failure',
    reasons: run.verdict.reasons.map((r) => repoPathsInText(r, layout.addonsDirs, layout.repoRoot)),
    testsRun: report.testsRun,
    failed: report.failed,
    errors: report.errors,
    seconds: tenths(run.timings.totalMs),
    ...(run.template ? { template: { built: run.template.built } } : {}),
    timings: {
      template: tenths(run.timings.templateMs),
      database: tenths(run.timings.databaseMs),
      install: tenths(run.timings.installMs),
      teardown: tenths(run.timings.teardownMs),
    },
    modules,
    otherFailures: failures.filter((f) => !f.module || !outcome.modules.includes(f.module)),
    logExcerpt: repoPathsInText(
      run.log.trimEnd().split('\n').slice(-LOG_EXCERPT_LINES).join('\n'),
      layout.addonsDirs,
      layout.repoRoot,
    ),
  };
}

function browserReport(outcome: BrowserOutcome): BrowserReport {
  const empty = { actions: [], steps: 0, failures: [], screenshots: [], seconds: 0 };
  if (outcome.state === 'skipped') return { conclusion: 'skipped', reason: outcome.reason, ...empty };
  if (outcome.state === 'error') return { conclusion: 'failure', reason: outcome.message, ...empty };
  const { result } = outcome;
  const shotOf = new Map(
    result.pages.flatMap((p) => (p.screenshot ? [[p.name, p.screenshot] as const] : [])),
  );
  const failures = result.failures.map((f) => {
    const screenshot = shotOf.get(f.page);
    return {
      action: f.page,
      step: f.step,
      message: f.message ?? 'failed',
      ...(screenshot ? { screenshot } : {}),
    };
  });
  return {
    conclusion: failures.length > 0 ? 'failure' : result.steps.length === 0 ? 'neutral' : 'success',
    ...(result.steps.length === 0 ? { reason: 'the modules have no menu or window action to open' } : {}),
    actions: result.pages.map((p) => p.name),
    steps: result.steps.length,
    failures,
    screenshots: [...new Set(shotOf.values())],
    seconds: tenths(result.durationMs),
    timings: browserTimings(outcome),
  };
}

const tenths = (ms: number): number => Math.round(ms / 100) / 10;

function browserTimings(outcome: Extract<BrowserOutcome, { state: 'ran' }>): BrowserTimings {
  const { timings, steps } = outcome.result;
  return {
    ...(outcome.serveMs === undefined ? {} : { serve: tenths(outcome.serveMs) }),
    launch: tenths(timings.launchMs),
    assets: tenths(timings.assetsMs),
    setup: tenths(timings.setupMs),
    users: timings.users.map((u) => ({ login: u.login, steps: u.steps, seconds: tenths(u.durationMs) })),
    close: tenths(timings.closeMs),
    slowest: [...steps]
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 5)
      .map((s) => ({ page: s.page, step: s.step, seconds: tenths(s.durationMs) })),
  };
}
