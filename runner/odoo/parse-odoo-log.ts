import { parseLogRecords, secondsBetween } from './parse-log-records.js';
import { deepestFrame, parsePythonTraceback, pathInModule } from './python-traceback.js';
import type { InstallError, LogRecord, TestFailure, TestReport } from './test-report.js';
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
const PARSING = /while parsing (\S+?):(\d+)/;

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

/**
 * Reads an Odoo 16/17/18 server log of an install/update run with tests
 * (`-i m --test-tags /m --stop-after-init`) into a TestReport.
 */
export function parseOdooLog(log: string, options: ParseOdooLogOptions): TestReport {
  const modules = [...options.modules];
  const { records, preamble } = parseLogRecords(log);
  const failures: TestFailure[] = [];
  const installErrors: InstallError[] = [];
  const warnings: LogRecord[] = [];
  const serverErrors: LogRecord[] = [];
  const loaded = new Set<string>();
  const couldNotLoad: string[] = [];
  let result: { failed: number; errors: number; testsRun: number } | undefined;
  let started = 0;
  let skipped = 0;
  let modulesLoaded = false;
  let context: string | undefined;

  for (const record of records) {
    const first = firstLine(record.message);
    const named = moduleNamedBy(record, modules);
    const fromContext = context !== undefined && !LOADING_LOGGERS.has(record.logger) ? context : undefined;
    const module = named ?? fromContext;
    const attributed: LogRecord = module === undefined ? record : { ...record, module };

    const loading = LOADING_MODULE.exec(first);
    const done = MODULE_LOADED.exec(first);
    if (loading?.[1] !== undefined) {
      loaded.add(loading[1]);
      context = modules.includes(loading[1]) ? loading[1] : undefined;
    } else if (done?.[1] !== undefined) {
      loaded.add(done[1]);
      context = undefined;
    } else if (first === 'Modules loaded.') {
      modulesLoaded = true;
      context = undefined;
    } else if (/^\d+ (post-)?tests? in /.test(first) || /^\d+ modules loaded in /.test(first)) {
      context = undefined;
    }

    if (record.logger === 'odoo.tests.result' && RESULT.test(first)) {
      const [, failed = '0', errors = '0', testsRun = '0'] = RESULT.exec(first) ?? [];
      result = { failed: Number(failed), errors: Number(errors), testsRun: Number(testsRun) };
      if (record.level === 'WARNING') warnings.push(attributed);
      continue;
    }
    const starting = STARTING.exec(first);
    if (record.level === 'INFO' && starting && record.logger.startsWith('odoo.addons.')) {
      started += 1;
      const testModule = moduleOfLogger(record.logger);
      if (testModule !== undefined && modules.includes(testModule)) context = testModule;
      continue;
    }
    if (record.level === 'INFO' && SKIPPED.test(first) && record.logger.startsWith('odoo.addons.')) {
      skipped += 1;
      continue;
    }
    const testRecord = TEST_RECORD.exec(first);
    if (record.level === 'ERROR' && testRecord) {
      failures.push(
        toFailure(record, testRecord[1] === 'FAIL' ? 'fail' : 'error', testRecord[2] ?? '', modules),
      );
      continue;
    }
    if (record.level === 'CRITICAL' && /^Couldn't load module (\S+)/.test(first)) {
      couldNotLoad.push(/^Couldn't load module (\S+)/.exec(first)?.[1] ?? '');
    }
    if (/^Failed to initialize database/.test(first)) {
      installErrors.push(toInstallError(record, modules, couldNotLoad));
      continue;
    }
    if (isInstallError(record, first, modules)) {
      installErrors.push(withModule({ message: record.message, logger: record.logger }, module));
      continue;
    }
    if (record.level === 'WARNING') warnings.push(attributed);
    else if (
      (record.level === 'ERROR' || record.level === 'CRITICAL') &&
      !ACCOUNTED_ERRORS.some((re) => re.test(first))
    ) {
      serverErrors.push(attributed);
    }
  }

  for (const module of couldNotLoad) {
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
  const fatal = installErrors.length > 0;
  if (!fatal) {
    for (const module of modules.filter((m) => !loaded.has(m))) {
      installErrors.push({
        message: `module ${module} was not loaded: the log has no "Loading module ${module}" line (is it on the addons path, installable, of this Odoo series?)`,
        logger: 'odoo-forge',
        module,
      });
    }
  }

  const lastRecord = records[records.length - 1];
  if (installErrors.length === 0 && !modulesLoaded && result === undefined && lastRecord) {
    // The process died or was stopped mid-way (a timeout, a kill, an out-of-memory).
    installErrors.push({
      message: `Odoo stopped before "Modules loaded.": the last record is line ${lastRecord.line}: ${lastRecord.level} ${lastRecord.logger}: ${firstLine(lastRecord.message)}`,
      logger: 'odoo-forge',
    });
  }
  const failed = result?.failed ?? failures.filter((f) => f.kind === 'fail').length;
  const errors = result?.errors ?? failures.filter((f) => f.kind === 'error').length;
  const testsRun = result?.testsRun ?? started;
  const firstRecord = records[0];
  const durationSeconds =
    firstRecord && lastRecord ? secondsBetween(firstRecord.time, lastRecord.time) : undefined;
  return {
    installed: installErrors.length === 0 && (modulesLoaded || result !== undefined),
    modules,
    testsRun,
    passed: Math.max(0, testsRun - failed - errors - skipped),
    failed,
    errors,
    skipped,
    resultLineSeen: result !== undefined,
    failures,
    installErrors,
    warnings,
    serverErrors,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  };
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).trim();
}

function moduleOfLogger(logger: string): string | undefined {
  return /^odoo\.addons\.([^.]+)/.exec(logger)?.[1];
}

function withModule<T extends object>(value: T, module: string | undefined): T & { module?: string } {
  return module === undefined ? value : { ...value, module };
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

function toFailure(
  record: LogRecord,
  kind: 'fail' | 'error',
  description: string,
  modules: readonly string[],
): TestFailure {
  const traceback = record.message.slice(record.message.indexOf('\n') + 1).trimEnd();
  const parsed = parsePythonTraceback(traceback);
  const frame = deepestFrame(parsed.frames, modules);
  // A setUpClass error is logged by odoo.tests.suite and described as `setUpClass (odoo.addons.m.tests…)`.
  const module = moduleOfLogger(record.logger) ?? /odoo\.addons\.([^.\s]+)\./.exec(description)?.[1];
  return {
    kind,
    testId: testIdOf(record.logger, description),
    ...(module === undefined ? {} : { module }),
    ...(frame === undefined ? {} : { file: frame.file, line: frame.line }),
    message: parsed.exception,
    traceback,
  };
}

/** `odoo.addons.m.tests.test_x` + `TestX.test_y` → the unittest id; `Subtest ...` keeps its parameters. */
function testIdOf(logger: string, description: string): string {
  const subtest = /^Subtest (\S+)(.*)$/.exec(description);
  const name = subtest ? (subtest[1] ?? '') : description;
  const rest = subtest ? (subtest[2] ?? '') : '';
  if (logger.startsWith('odoo.addons.') && /^\w+\.\w+$/.test(name)) return `${logger}.${name}${rest}`;
  return description;
}

function toInstallError(
  record: LogRecord,
  modules: readonly string[],
  couldNotLoad: readonly string[],
): InstallError {
  const traceback = record.message.slice(record.message.indexOf('\n') + 1);
  const parsed = parsePythonTraceback(traceback);
  const message = parsed.exception || firstLine(record.message);
  const parsing = PARSING.exec(message);
  if (parsing?.[1] !== undefined) {
    const inModule = pathInModule(parsing[1], modules);
    const module = inModule?.module ?? moduleNamedBy({ logger: '', message }, modules);
    return withModule(
      { message, file: inModule?.path ?? parsing[1], line: Number(parsing[2]), logger: record.logger },
      module,
    );
  }
  const frame = deepestFrame(parsed.frames, modules);
  const module =
    frame?.module ??
    couldNotLoad.find((m) => modules.includes(m)) ??
    moduleNamedBy({ logger: '', message }, modules);
  const located = frame?.module !== undefined ? { file: frame.file, line: frame.line } : {};
  return withModule({ message, ...located, logger: record.logger }, module);
}
