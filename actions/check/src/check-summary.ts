import type { Finding } from '../../../core/findings/finding.js';
import { cell, findingsTable } from '../../shared/findings-markdown.js';
import type { PullRequestContext } from '../../shared/pull-request-context.js';
import type { CheckReport } from './run-check.js';

/** One row per checked addon (and per folder without a manifest): its counts by severity. */
function addonTable(report: CheckReport): string {
  const inFolder = (dir: string) => (f: Finding) =>
    dir === '' || f.file === dir || f.file.startsWith(`${dir}/`);
  const rows = [
    ...report.addons.map((addon) => ({ label: addon.dir || addon.name, dir: addon.dir })),
    ...report.withoutManifest.map((dir) => ({ label: `${dir} (no manifest)`, dir })),
  ].map(({ label, dir }) => {
    const own = report.findings.filter(inFolder(dir));
    const count = (severity: Finding['severity']) => own.filter((f) => f.severity === severity).length;
    const verdict = count('error') > 0 ? '❌' : '✅';
    return `| ${verdict} \`${cell(label)}\` | ${count('error')} | ${count('warning')} | ${count('info')} |`;
  });
  return ['| Addon | Errors | Warnings | Notices |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The markdown of the job summary (and of the check run): a table per addon, then every finding. */
export function checkSummary(report: CheckReport, context: PullRequestContext): string {
  if (report.conclusion === 'neutral')
    return '## Odoo Forge / lint\n\nNothing to test: this change touches no addon.\n';
  const { error, warning, info } = report.counts;
  return [
    `## Odoo Forge / lint: ${report.conclusion}`,
    '',
    `${report.addons.length} touched addon(s) checked: ${error} error(s), ${warning} warning(s), ${info} notice(s).`,
    '',
    addonTable(report),
    '',
    '### Findings',
    '',
    findingsTable(report.findings, { owner: context.owner, repo: context.repo, sha: context.headSha }),
  ].join('\n');
}
