import type { LogRecord, ModuleResult, TestReport } from './test-report.js';

export interface FormatTestReportOptions {
  /** Records to list under "attributed warnings/errors" (e.g. from warningsForModules). */
  attributed?: readonly LogRecord[];
  /** Longest traceback shown per failure, in lines. Default 25. */
  tracebackLines?: number;
}

/** A plain-text account of a report for people (CLI output, test failure messages, PR comments). */
export function formatTestReport(report: TestReport, options: FormatTestReportOptions = {}): string {
  const maxLines = options.tracebackLines ?? 25;
  const out: string[] = [];
  const modules = report.modules.join(', ');
  const perModule = report.moduleResults && report.modules.length > 1 ? report.moduleResults : undefined;
  for (const result of perModule ?? []) out.push(moduleLine(result));
  const notInstalled = (perModule ?? []).filter((r) => !r.installed).length;
  const label = perModule
    ? `all ${perModule.length} modules: ${notInstalled === 0 ? 'installed' : `${notInstalled} NOT installed`}`
    : `${modules}: ${report.installed ? 'installed' : 'NOT installed'}`;
  out.push(
    `${label}; ${report.testsRun} tests run, ${report.passed} passed, ` +
      `${report.failed} failed, ${report.errors} errors${report.skipped ? `, ${report.skipped} skipped` : ''}` +
      (report.resultLineSeen ? '' : ' (no odoo.tests.result line in the log)'),
  );
  for (const error of report.installErrors) {
    out.push(
      '',
      `install error${where(error.file, error.line)} [${error.logger}]:`,
      indent(clip(error.message, maxLines)),
    );
  }
  for (const failure of report.failures) {
    out.push(
      '',
      `${failure.kind.toUpperCase()} ${failure.testId}${where(failure.file, failure.line)}:`,
      indent(failure.message),
    );
    out.push(indent(clip(failure.traceback, maxLines)));
  }
  const attributed = options.attributed ?? [];
  if (attributed.length > 0) {
    out.push('', `log records attributed to ${modules}:`);
    for (const record of attributed)
      out.push(
        indent(`log line ${record.line}: ${record.level} ${record.logger}: ${clip(record.message, 6)}`),
      );
  }
  const others = [...report.warnings, ...report.serverErrors].filter((r) => !attributed.includes(r));
  if (others.length > 0) {
    out.push('', 'other warnings and errors in the log:');
    for (const record of others)
      out.push(
        indent(`log line ${record.line}: ${record.level} ${record.logger}: ${clip(record.message, 3)}`),
      );
  }
  return out.join('\n');
}

/** `library_loans: installed, 12 tests, 12 passed` or `partner_ext: NOT installed: <first error line>`. */
function moduleLine(result: ModuleResult): string {
  if (!result.installed) return `${result.module}: NOT installed: ${result.error ?? 'see the log'}`;
  const extra = [
    result.failed ? `${result.failed} failed` : '',
    result.errors ? `${result.errors} errors` : '',
    result.skipped ? `${result.skipped} skipped` : '',
  ].filter(Boolean);
  return `${result.module}: installed, ${result.testsRun} tests, ${result.passed} passed${extra.map((e) => `, ${e}`).join('')}`;
}

function where(file: string | undefined, line: number | undefined): string {
  if (file === undefined) return '';
  return line === undefined ? ` at ${file}` : ` at ${file}:${line}`;
}

function clip(text: string, maxLines: number): string {
  const lines = text.split('\n');
  return lines.length <= maxLines
    ? text
    : [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
