import type { InstallError, ModuleResult, TestFailure } from './test-report.js';

/** What the log scan found that matters per module (see parse-odoo-log.ts). */
export interface ModuleScan {
  installErrors: readonly InstallError[];
  failures: readonly TestFailure[];
  /** Modules whose loading started / finished. */
  loaded: ReadonlySet<string>;
  finished: ReadonlySet<string>;
  startedBy: ReadonlyMap<string, number>;
  skippedBy: ReadonlyMap<string, number>;
}

/** The run's own totals, used for a run of one module (they are exact; per-test records may miss some). */
export interface RunCounts {
  testsRun: number;
  failed: number;
  errors: number;
  skipped: number;
}

/**
 * One result per requested module: installed when its loading finished (or, for a run of one
 * module, when the run installed) and no install error names it; its tests counted from the
 * records of its own test loggers; the first line of the error that concerns it otherwise.
 */
export function moduleResults(
  scan: ModuleScan,
  modules: readonly string[],
  runInstalled: boolean,
  totals: RunCounts,
): ModuleResult[] {
  return modules.map((module) => {
    const own = scan.installErrors.find((e) => e.module === module);
    const finished = modules.length === 1 ? runInstalled : scan.finished.has(module);
    const installed = own === undefined && finished;
    const counts =
      modules.length === 1
        ? totals
        : {
            testsRun: scan.startedBy.get(module) ?? 0,
            failed: scan.failures.filter((f) => f.module === module && f.kind === 'fail').length,
            errors: scan.failures.filter((f) => f.module === module && f.kind === 'error').length,
            skipped: scan.skippedBy.get(module) ?? 0,
          };
    const result: ModuleResult = {
      module,
      installed,
      ...counts,
      passed: Math.max(0, counts.testsRun - counts.failed - counts.errors - counts.skipped),
    };
    if (!installed) result.error = whyNotInstalled(scan, module, own);
    return result;
  });
}

/**
 * The first line of an install error, plus its cause when the first line only says where
 * (`ParseError: while parsing …:3` — `Element '<field name="x">' cannot be located in parent view`).
 */
export function errorLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim());
  const first = lines[0] ?? '';
  if (!/while parsing/.test(first)) return first;
  const cause = lines
    .slice(1)
    .find((l) => l !== '' && !/^Error while (parsing|validating)|^View error context:|^[{}]/.test(l));
  return cause ? `${first}: ${cause}` : first;
}

function whyNotInstalled(scan: ModuleScan, module: string, own: InstallError | undefined): string {
  if (own) return errorLine(own.message);
  const unattributed = scan.installErrors.find((e) => e.module === undefined);
  if (scan.loaded.has(module) && unattributed) return errorLine(unattributed.message);
  const other = scan.installErrors.find((e) => e.module !== undefined && e.module !== module);
  if (!scan.loaded.has(module) && other?.module)
    return `never loaded: the install stopped at ${other.module} first`;
  if (unattributed) return errorLine(unattributed.message);
  return scan.loaded.has(module)
    ? `its loading did not finish (no "Module ${module} loaded" line in the log)`
    : `not loaded (no "Loading module ${module}" line in the log)`;
}
