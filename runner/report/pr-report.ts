/**
 * The JSON report of a pull request's verdict (the `report` output of actions/test): per Odoo
 * series, the install with tests and the browser checks, per module what ran and failed, every
 * failure with its repository path and line. Plain data, written as JSON; check runs, the job
 * summary and annotations are all drawn from it.
 */

export type Conclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped';

export interface ReportFailure {
  /** `fail`/`error`: a test; `install`: the module did not install; `log`: an ERROR record. */
  kind: 'fail' | 'error' | 'install' | 'log';
  module?: string;
  /** The test id, for a test failure. */
  test?: string;
  /** Repository-relative path (never a container path), when the failure points into the repository. */
  file?: string;
  line?: number;
  message: string;
  /** The traceback or the record, repository paths in place of container paths. */
  details?: string;
}

export interface ModuleReport {
  name: string;
  installed: boolean;
  testsRun: number;
  failed: number;
  seconds?: number;
  failures: ReportFailure[];
}

export interface TestsReport {
  conclusion: Conclusion;
  /** One line each: why not success. */
  reasons: string[];
  testsRun: number;
  failed: number;
  errors: number;
  seconds: number;
  /** Whether the stack started from a template database, and whether this run built it. */
  template?: { built: boolean };
  /** Where `seconds` went: the template (found or built), the database, install with tests, teardown. */
  timings?: { template: number; database: number; install: number; teardown: number };
  modules: ModuleReport[];
  /** Errors not tied to a module, and errors the install or the run itself raised. */
  otherFailures: ReportFailure[];
  /** The end of the Odoo log (at most 60 lines), repository paths in place of container paths. */
  logExcerpt: string;
}

export interface BrowserFailure {
  /** The page (`admin: Library / Books (list)`). */
  action: string;
  step: string;
  message: string;
  screenshot?: string;
}

export interface BrowserReport {
  conclusion: Conclusion;
  /** Why skipped, neutral or failed without steps. */
  reason?: string;
  /** The pages opened. */
  actions: string[];
  steps: number;
  failures: BrowserFailure[];
  screenshots: string[];
  seconds: number;
  /** Where the time went, in seconds, when the checks ran (see BrowserCheckTimings). */
  timings?: BrowserTimings;
}

/** The browser checks' phases in seconds: serving Odoo comes before `seconds`, the rest inside it. */
export interface BrowserTimings {
  serve?: number;
  launch: number;
  assets: number;
  setup: number;
  users: { login: string; steps: number; seconds: number }[];
  close: number;
  /** The slowest steps, slowest first (at most 5). */
  slowest: { page: string; step: string; seconds: number }[];
}

/** An extra stage of a series (runner/pr/series-stage.ts), e.g. `upgrade`: its own check run. */
export interface StageReport {
  name: string;
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations: {
    path: string;
    line: number;
    message: string;
    title?: string;
    level?: 'failure' | 'warning' | 'notice';
  }[];
  seconds: number;
}

export interface SeriesReport {
  series: string;
  modules: string[];
  tests: TestsReport;
  browser: BrowserReport;
  /** The extra stages, in order (absent when none is configured). */
  stages?: StageReport[];
  wallSeconds: number;
}

export interface PrReport {
  version: 1;
  conclusion: Conclusion;
  /** Why neutral or cancelled (`nothing to test`, `cancelled`). */
  reason?: string;
  touched: string[];
  dependents: string[];
  series: SeriesReport[];
  /** Where the screenshots are (an artifact name, or a folder when no artifact could be uploaded). */
  screenshots?: { artifact?: string; folder: string; note?: string };
}

/** The conclusion of several: any failure fails, cancelled wins over success, all neutral is neutral. */
export function combineConclusions(list: readonly Conclusion[]): Conclusion {
  if (list.includes('failure')) return 'failure';
  if (list.includes('cancelled')) return 'cancelled';
  if (list.includes('success')) return 'success';
  return list.length > 0 && list.every((c) => c === 'skipped') ? 'skipped' : 'neutral';
}
