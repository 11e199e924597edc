import { parseLogRecords, secondsBetween } from './parse-log-records.js';
import { firstLine, moduleOfLogger, toFailure, toInstallError, withModule } from './record-failures.js';
import type { InstallError, LogRecord, TestFailure, TestReport } from './test-report.js';
import { moduleResults } from './module-results.js';
import { moduleNamedBy } from './warnings-for-modules.js';

export interface ParseOdooLogOptions {
  /** The modules installed/updated and tested by the run. */
  modules: string[];
}

// Format strings of odoo/tests/result.py, odoo/service/server.py, odoo/modules/*.py (16.0-18.0).
const RESULT = /^(\d+) failed, (\d+) error\(s\) of (\d+) tests/;
const TEST_RECORD = /^(FAIL|ERROR): (.+)$/;
const STARTING = /^Starting (.+) \.\.\.$/;
const SKIPPED = /^skipped (.+?) : /;
const LOADING_MODULE = /^Loading module (\S+) \(\d+\/\d+\)/;
const MODULE_LOADED = /^Module (\S+) loaded in /;
const MODULE_TEST_SUMMARY = /^Module (\S+): \d+ failures, \d+ errors of \d+ tests/;

/** Records that belong to the test result or to an install error, not to `serverErrors`. */
const ACCOUNTED_ERRORS = [
  /^Failed to load registry/,
  /^At least one test failed when loading the modules/,
  /^Failed to initialize database/,
  /^Couldn't load module /,
  MODULE_TEST_SUMMARY,
];
const INSTALL_ERRORS = [
  /^Some modules are not loaded/,
  /^Some modules have inconsistent states/,
  /^module base cannot be loaded/,
  /^Database \S+ not initialized/,
];
/** Loggers whose warnings during a module's loading are about the loading itself, not the module. */
const LOADING_LOGGERS = new Set(['odoo.modules.loading', 'odoo.modules.registry', 'odoo.service.server']);

/** What the records of one log said so far, filled in record by record. */
interface LogScan {
  failures: TestFailure[];
  installErrors: InstallError[];
  warnings: LogRecord[];
  serverErrors: LogRecord[];
  /** Modules whose "Loading module" or "Module loaded" line was seen. */
  loaded: Set<string>;
  /** Modules whose "Module m loaded in" line was seen: their loading finished. */
  finished: Set<string>;
  /** Tests started and skipped, per module of the test's logger. */
  startedBy: Map<string, number>;
  skippedBy: Map<string, number>;
  /** Modules of `Couldn't load module X` lines. */
  couldNotLoad: string[];
  /** The `N failed, N error(s) of N tests` line. */
  result: { failed: number; errors: number; testsRun: number } | undefined;
  started: number;
  skipped: number;
  modulesLoaded: boolean;
  /** The requested module being loaded or tested: later records without a module name are its. */
  context: string | undefined;
}

/**
 * Reads an Odoo 16/17/18 server log of an install/update run with tests
 * (`-i m --test-tags /m --stop-after-init`) into a TestReport.
 */
export function parseOdooLog(log: string, options: ParseOdooLogOptions): TestReport {
  const modules = [...options.modules];
  const { records, preamble } = parseLogRecords(log);
  const scan: LogScan = {
    failures: [],
    installErrors: [],
    warnings: [],
    serverErrors: [],
    loaded: new Set<string>(),
    finished: new Set<string>(),
    startedBy: new Map<string, number>(),
    skippedBy: new Map<string, number>(),
    couldNotLoad: [],
    result: undefined,
    started: 0,
    skipped: 0,
    modulesLoaded: false,
    context: undefined,
  };
  for (const record of records) scanRecord(scan, record, modules);
  addUnloggedInstallErrors(scan, records, preamble, modules);
  return toReport(scan, records, modules);
}

/** Files one record: attributes it to a module, follows the loading context, then classifies it. */
function scanRecord(scan: LogScan, record: LogRecord, modules: readonly string[]): void {
  const first = firstLine(record.message);
  const named = moduleNamedBy(record, modules);
  const fromContext =
    scan.context !== undefined && !LOADING_LOGGERS.has(record.logger) ? scan.context : undefined;
  const module = named ?? fromContext;
  const attributed: LogRecord = module === undefined ? record : { ...record, module };
  followLoadingContext(scan, first, modules);
  if (takeTestRecord(scan, record, first, attributed, modules)) return;
  takeServerRecord(scan, record, first, attributed, module, modules);
}

/** "Loading module m" opens m's context (when requested); "Module m loaded", "Modules loaded." close it. */
function followLoadingContext(scan: LogScan, first: string, modules: readonly string[]): void {
  const loading = LOADING_MODULE.exec(first);
  const done = MODULE_LOADED.exec(first);
  if (loading?.[1] !== undefined) {
    scan.loaded.add(loading[1]);
    scan.context = modules.includes(loading[1]) ? loading[1] : undefined;
  } else if (done?.[1] !== undefined) {
    scan.loaded.add(done[1]);
    scan.finished.add(done[1]);
    scan.context = undefined;
  } else if (first === 'Modules loaded.') {
    scan.modulesLoaded = true;
    scan.context = undefined;
  } else if (/^\d+ (post-)?tests? in /.test(first) || /^\d+ modules loaded in /.test(first)) {
    scan.context = undefined;
  }
}

/** The test runner's records: the result line, a test starting or skipped, a FAIL or ERROR. */
function takeTestRecord(
  scan: LogScan,
  record: LogRecord,
  first: string,
  attributed: LogRecord,
  modules: readonly string[],
): boolean {
  if (record.logger === 'odoo.tests.result' && RESULT.test(first)) {
    const [, failed = '0', errors = '0', testsRun = '0'] = RESULT.exec(first) ?? [];
    scan.result = { failed: Number(failed), errors: Number(errors), testsRun: Number(testsRun) };
    if (record.level === 'WARNING') scan.warnings.push(attributed);
    return true;
  }
  if (record.level === 'INFO' && STARTING.test(first) && record.logger.startsWith('odoo.addons.')) {
    scan.started += 1;
    const testModule = moduleOfLogger(record.logger);
    if (testModule !== undefined) count(scan.startedBy, testModule);
    if (testModule !== undefined && modules.includes(testModule)) scan.context = testModule;
    return true;
  }
  if (record.level === 'INFO' && SKIPPED.test(first) && record.logger.startsWith('odoo.addons.')) {
    scan.skipped += 1;
    const testModule = moduleOfLogger(record.logger);
    if (testModule !== undefined) count(scan.skippedBy, testModule);
    return true;
  }
  const testRecord = TEST_RECORD.exec(first);
  if (record.level === 'ERROR' && testRecord) {
    const kind = testRecord[1] === 'FAIL' ? 'fail' : 'error';
    scan.failures.push(toFailure(record, kind, testRecord[2] ?? '', modules));
    return true;
  }
  return false;
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Any other record: an install error, a warning, or an error of the server. */
function takeServerRecord(
  scan: LogScan,
  record: LogRecord,
  first: string,
  attributed: LogRecord,
  module: string | undefined,
  modules: readonly string[],
): void {
  const couldNotLoad = /^Couldn't load module (\S+)/.exec(first);
  if (record.level === 'CRITICAL' && couldNotLoad) scan.couldNotLoad.push(couldNotLoad[1] ?? '');
  if (/^Failed to initialize database/.test(first)) {
    scan.installErrors.push(toInstallError(record, modules, scan.couldNotLoad));
  } else if (isInstallError(record, first, modules)) {
    scan.installErrors.push(withModule({ message: record.message, logger: record.logger }, module));
  } else if (record.level === 'WARNING') {
    scan.warnings.push(attributed);
  } else if (
    (record.level === 'ERROR' || record.level === 'CRITICAL') &&
    !ACCOUNTED_ERRORS.some((re) => re.test(first))
  ) {
    scan.serverErrors.push(attributed);
  }
}

/** Install errors that no record states: a module that could not load, no log, a module never loaded, a cut log. */
function addUnloggedInstallErrors(
  scan: LogScan,
  records: readonly LogRecord[],
  preamble: readonly string[],
  modules: readonly string[],
): void {
  const { installErrors } = scan;
  for (const module of scan.couldNotLoad) {
    if (!installErrors.some((error) => error.module === module)) {
      installErrors.push({
        message: `Couldn't load module ${module}`,
        logger: 'odoo.modules.module',
        module,
      });
    }
  }
  if (records.length === 0) {
    // Odoo never started logging: a usage error, a missing Python package, a wrong interpreter.
    const tail = preamble.slice(-5).join('\n').trim();
    installErrors.push({
      message: `Odoo wrote no log record${tail ? `:\n${tail}` : ''}`,
      logger: 'odoo-forge',
    });
  }
  if (installErrors.length === 0) {
    for (const module of modules.filter((m) => !scan.loaded.has(m))) {
      installErrors.push({
        message: `module ${module} was not loaded: the log has no "Loading module ${module}" line (is it on the addons path, installable, of this Odoo series?)`,
        logger: 'odoo-forge',
        module,
      });
    }
  }
  const lastRecord = records[records.length - 1];
  if (installErrors.length === 0 && !scan.modulesLoaded && scan.result === undefined && lastRecord) {
    // The process died or was stopped mid-way (a timeout, a kill, an out-of-memory).
    installErrors.push({
      message: `Odoo stopped before "Modules loaded.": the last record is line ${lastRecord.line}: ${lastRecord.level} ${lastRecord.logger}: ${firstLine(lastRecord.message)}`,
      logger: 'odoo-forge',
    });
  }
}

/** The counts (from the result line when Odoo wrote one) and everything the scan found. */
function toReport(scan: LogScan, records: readonly LogRecord[], modules: string[]): TestReport {
  const { result, failures, installErrors } = scan;
  const failed = result?.failed ?? failures.filter((f) => f.kind === 'fail').length;
  const errors = result?.errors ?? failures.filter((f) => f.kind === 'error').length;
  const testsRun = result?.testsRun ?? scan.started;
  const firstRecord = records[0];
  const lastRecord = records[records.length - 1];
  const durationSeconds =
    firstRecord && lastRecord ? secondsBetween(firstRecord.time, lastRecord.time) : undefined;
  const installed = installErrors.length === 0 && (scan.modulesLoaded || result !== undefined);
  const counts = { testsRun, failed, errors, skipped: scan.skipped };
  return {
    installed,
    modules,
    testsRun,
    passed: Math.max(0, testsRun - failed - errors - scan.skipped),
    failed,
    errors,
    skipped: scan.skipped,
    resultLineSeen: result !== undefined,
    failures,
    installErrors,
    warnings: scan.warnings,
    serverErrors: scan.serverErrors,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    moduleResults: moduleResults(scan, modules, installed, counts),
  };
}

function isInstallError(record: LogRecord, first: string, modules: readonly string[]): boolean {
  if (
    (record.level === 'ERROR' || record.level === 'CRITICAL') &&
    INSTALL_ERRORS.some((re) => re.test(first))
  )
    return true;
  // A requested module that Odoo skips with only a warning is not installed.
  const skippedModule = /^module (\S+): (not installable, skipped|module not found)/.exec(first)?.[1];
  if (skippedModule !== undefined && modules.includes(skippedModule)) return true;
  const invalid = /^invalid module names, ignored: (.+)$/.exec(first)?.[1];
  return invalid !== undefined && invalid.split(/,\s*/).some((name) => modules.includes(name));
}
