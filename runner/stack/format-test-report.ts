import type { TestRunResult } from './run-odoo-tests.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The human report of one test run: verdict, counts, each failure and install error, warnings. */
export function formatTestReport(result: TestRunResult, odooSeries: string): string {
  const { report, verdict, timings } = result;
  const lines: string[] = [];
  const counts = `${report.testsRun} tests: ${report.passed} passed, ${report.failed} failed, ${report.errors} errors${report.skipped ? `, ${report.skipped} skipped` : ''}`;
  lines.push(`${verdict.ok ? 'PASSED' : 'FAILED'}  ${report.modules.join(', ')} on Odoo ${odooSeries}: ${report.installed ? 'installed' : 'NOT installed'}, ${counts}`);
  for (const reason of verdict.ok ? [] : verdict.reasons) lines.push(`  - ${reason}`);
  for (const error of report.installErrors) {
    const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}` : '(no file)';
    lines.push(`  install error  ${where}`, `    ${error.message.split('\n').slice(0, 4).join('\n    ')}`);
  }
  for (const failure of report.failures) {
    const where = failure.file ? `${failure.file}${failure.line ? `:${failure.line}` : ''}` : '(no file)';
    lines.push(`  ${failure.kind === 'fail' ? 'FAIL ' : 'ERROR'}  ${failure.testId}`, `    at ${where}`, `    ${failure.message.split('\n').slice(0, 4).join('\n    ')}`);
  }
  if (report.warnings.length > 0) {
    const byLogger = new Map<string, number>();
    for (const w of report.warnings) byLogger.set(w.logger, (byLogger.get(w.logger) ?? 0) + 1);
    lines.push(`  warnings: ${[...byLogger].map(([logger, n]) => `${logger} (${n})`).join(', ')}`);
  }
  const template = result.template ? `template ${result.template.built ? 'built' : 'reused'} ${seconds(timings.templateMs)}, ` : '';
  lines.push(`  ${template}database ${seconds(timings.databaseMs)}, install+tests ${seconds(timings.installMs)}, teardown ${seconds(timings.teardownMs)}, total ${seconds(timings.totalMs)}${result.kept ? `; stack ${result.stackId} kept (odoo-forge stack down ${result.stackId})` : ''}`);
  return `${lines.join('\n')}\n`;
}
