import type { BrowserReport, PrReport, ReportFailure, SeriesReport, TestsReport } from './pr-report.js';

/** GitHub keeps at most 65,535 characters of a check run's summary; stay under with a margin. */
export const SUMMARY_LIMIT = 65_000;

/** A link to a repository file and line at the commit under test (markdown), or plain text. */
export type FileLink = (file: string, line?: number) => string;

/** The stable check-run names users require (one per series). */
export function testsCheckName(series: string): string {
  return `Odoo Forge / tests (${series})`;
}

export function browserCheckName(series: string): string {
  return `Odoo Forge / browser (${series})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fence(text: string): string {
  return ['```', text.replace(/```/g, "'''"), '```'].join('\n');
}

function failureLine(failure: ReportFailure, link: FileLink): string {
  const where = failure.file ? ` at ${link(failure.file, failure.line)}` : '';
  const what = failure.test ? `\`${failure.test.split('.').slice(-2).join('.')}\`` : failure.kind;
  return `- ${what}${where}: ${failure.message.split('\n')[0] ?? ''}`;
}

/** The summary of `Odoo Forge / tests (<series>)`: verdict, a table per module, each failure, the log's end. */
export function formatTestsSummary(series: SeriesReport, link: FileLink): string {
  const tests: TestsReport = series.tests;
  const head = `${tests.conclusion === 'success' ? 'Passed' : 'Failed'} on Odoo ${series.series}: ${tests.testsRun} test(s) run, ${tests.failed} failed, ${tests.errors} error(s) in ${tests.seconds} s${tests.template ? ` (template database ${tests.template.built ? 'built by this run' : 'reused'})` : ''}.`;
  const lines = [head, ''];
  if (tests.reasons.length > 0) lines.push(...tests.reasons.map((r) => `- ${r}`), '');
  if (tests.modules.length > 0) {
    lines.push('| Module | Installed | Tests run | Failed | Time |', '| --- | --- | --- | --- | --- |');
    for (const m of tests.modules)
      lines.push(
        `| \`${m.name}\` | ${m.installed ? 'yes' : '**no**'} | ${m.testsRun} | ${m.failed} | ${m.seconds === undefined ? '' : `${m.seconds} s`} |`,
      );
    lines.push('');
  }
  const failures = [...tests.modules.flatMap((m) => m.failures), ...tests.otherFailures];
  if (failures.length > 0) lines.push('### Failures', '', ...failures.map((f) => failureLine(f, link)), '');
  if (tests.logExcerpt)
    lines.push(
      '<details><summary>End of the Odoo log</summary>',
      '',
      fence(tests.logExcerpt),
      '',
      '</details>',
      '',
    );
  return truncate(lines.join('\n'));
}

/** The summary of `Odoo Forge / browser (<series>)`: what was opened and every failing page and step. */
export function formatBrowserSummary(series: SeriesReport): string {
  const browser: BrowserReport = series.browser;
  if (browser.conclusion === 'skipped')
    return `Browser checks on Odoo ${series.series} did not run: ${browser.reason ?? 'skipped'}.\n`;
  const lines = [
    `${browser.conclusion === 'failure' ? 'Failed' : 'Passed'} on Odoo ${series.series}: ${browser.actions.length} page(s), ${browser.steps} step(s), ${browser.failures.length} failure(s) in ${browser.seconds} s.`,
    '',
  ];
  if (browser.reason) lines.push(browser.reason, '');
  if (browser.failures.length > 0) {
    lines.push('| Page | Step | Message |', '| --- | --- | --- |');
    for (const f of browser.failures)
      lines.push(`| ${cell(f.action)} | ${cell(f.step)} | ${cell(f.message)} |`);
    lines.push('');
  }
  return truncate(lines.join('\n'));
}

/** The job summary: the same text as the check runs, one section per check. */
export function formatJobSummary(report: PrReport, link: FileLink, screenshotsNote?: string): string {
  if (report.series.length === 0)
    return `## Odoo Forge / tests: ${report.conclusion}\n\n${capital(report.reason ?? 'nothing to test')}.\n`;
  const parts = [`## Odoo Forge / tests: ${report.conclusion}`, ''];
  parts.push(
    `Touched: ${report.touched.map((m) => `\`${m}\``).join(', ') || 'none'}; dependents: ${report.dependents.map((m) => `\`${m}\``).join(', ') || 'none'}.`,
    '',
  );
  for (const series of report.series) {
    parts.push(
      `### ${testsCheckName(series.series)}: ${series.tests.conclusion}`,
      '',
      formatTestsSummary(series, link),
    );
    parts.push(
      `### ${browserCheckName(series.series)}: ${series.browser.conclusion}`,
      '',
      formatBrowserSummary(series),
    );
    for (const stage of series.stages ?? [])
      parts.push(
        `### Odoo Forge / ${stage.name} (${series.series}): ${stage.conclusion}`,
        '',
        stage.summary,
        '',
      );
  }
  if (screenshotsNote) parts.push(screenshotsNote, '');
  return truncate(parts.join('\n'));
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string): string {
  if (text.length <= SUMMARY_LIMIT) return text;
  const note = '\n\n… (cut to GitHub’s summary limit; the JSON report has everything)\n';
  return text.slice(0, SUMMARY_LIMIT - note.length) + note;
}
