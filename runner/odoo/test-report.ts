/**
 * What one Odoo install/test run proved, parsed from Odoo's own log (see parse-odoo-log.ts).
 * Plain data: it is serialised into artifacts, check-run summaries and repair prompts.
 */

/** Odoo's log levels as printed in the log (`RUNBOT`, level 25, is printed as `INFO`). */
export type OdooLogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One log record: the header line plus its continuation lines (a traceback, a CSV hint). */
export interface LogRecord {
  /** `2026-11-23 16:17:38,640` as printed. */
  time: string;
  pid: number;
  level: OdooLogLevel;
  /** Database name, or `?` before a database is selected. */
  db: string;
  logger: string;
  /** The message with its continuation lines, trailing blanks trimmed. */
  message: string;
  /** 1-based line number of the header line in the log. */
  line: number;
  /** The module under test this record is attributed to, when known. */
  module?: string;
}

export interface TestFailure {
  /** `fail`: an assertion failed; `error`: the test raised something else. */
  kind: 'fail' | 'error';
  /** e.g. `odoo.addons.library_loans.tests.test_library_book.TestLibraryBook.test_a_new_book_is_a_draft`. */
  testId: string;
  /** The module under test, when the test id names one. */
  module?: string;
  /** File and line of the deepest traceback frame inside the module under test (else the deepest frame). */
  file?: string;
  line?: number;
  /** The exception line, e.g. `AssertionError: 6 != 7 : doubling 3 should give 7`. */
  message: string;
  traceback: string;
}

export interface InstallError {
  message: string;
  file?: string;
  line?: number;
  logger: string;
  /** The module whose install failed, when the log names it. */
  module?: string;
}

/**
 * What one requested module of a run came to (added for multi-module runs, issue 14: which
 * module failed and why). Counts come from the test runner's per-test records of that module.
 */
export interface ModuleResult {
  module: string;
  /**
   * Its loading finished (`Module m loaded in …`: data loaded, its at-install tests run) and no
   * install error names it. A later module's failure can still roll back its state row.
   */
  installed: boolean;
  /** When not installed: the first line of the first install error about it, or why it never loaded. */
  error?: string;
  testsRun: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface TestReport {
  /** Every requested module was loaded and no fatal loading error was logged. */
  installed: boolean;
  /** The modules the run was about (as requested). */
  modules: string[];
  testsRun: number;
  passed: number;
  failed: number;
  errors: number;
  skipped?: number;
  /** False when the log has no `odoo.tests.result` line (e.g. the install failed first). */
  resultLineSeen: boolean;
  failures: TestFailure[];
  installErrors: InstallError[];
  /** WARNING records, each with `module` when attributable to a module under test. */
  warnings: LogRecord[];
  /** ERROR and CRITICAL records that are not test failures. */
  serverErrors: LogRecord[];
  /** From the first to the last timestamp of the log. */
  durationSeconds?: number;
  /**
   * One entry per requested module, in the order of `modules` (new, optional: reports written
   * before it have none). The totals above stay the run's.
   */
  moduleResults?: ModuleResult[];
}
