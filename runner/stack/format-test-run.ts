import { formatTestReport } from '../odoo/format-test-report.js';
import type { TestRunResult } from './run-odoo-tests.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The human account of one stack test run: verdict, the report (shared format), timings. */
export function formatTestRun(result: TestRunResult, odooSeries: string): string {
  const { verdict, timings } = result;
  const lines = [
    `${verdict.ok ? 'PASSED' : 'FAILED'} on Odoo ${odooSeries}${verdict.ok ? '' : `: ${verdict.reasons.join('; ')}`}`,
    '',
    formatTestReport(result.report),
    '',
  ];
  const template = result.template
    ? `template ${result.template.built ? 'built' : 'reused'} ${seconds(timings.templateMs)}, `
    : '';
  lines.push(
    `${template}database ${seconds(timings.databaseMs)}, install+tests ${seconds(timings.installMs)}, teardown ${seconds(timings.teardownMs)}, total ${seconds(timings.totalMs)}`,
  );
  if (result.kept) lines.push(`stack ${result.stackId} kept: odoo-forge stack down ${result.stackId}`);
  return `${lines.join('\n')}\n`;
}
