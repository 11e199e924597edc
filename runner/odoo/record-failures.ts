import { deepestFrame, parsePythonTraceback, pathInModule } from './python-traceback.js';
import type { InstallError, LogRecord, TestFailure } from './test-report.js';
import { moduleNamedBy } from './warnings-for-modules.js';

/** Reading a test failure or an install error out of one Odoo log record (with its traceback). */

const PARSING = /while parsing (\S+?):(\d+)/;

/** The first line of a record's message, trimmed. */
export function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).trim();
}

/** `odoo.addons.m.tests.x` → `m`. */
export function moduleOfLogger(logger: string): string | undefined {
  return /^odoo\.addons\.([^.]+)/.exec(logger)?.[1];
}

export function withModule<T extends object>(value: T, module: string | undefined): T & { module?: string } {
  return module === undefined ? value : { ...value, module };
}

/** A FAIL or ERROR record of the test runner: the test id, the module, the deepest frame in it, the exception. */
export function toFailure(
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

/** A "Failed to initialize database" record: the exception, and the file and line inside a requested module. */
export function toInstallError(
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
