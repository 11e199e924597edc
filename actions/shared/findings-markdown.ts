import type { Finding } from '../../core/findings/finding.js';

const ICON = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ notice' } as const;

/** A link to a file (and line) of the repository at a commit. */
export function blobUrl(
  repo: { owner: string; repo: string; sha: string },
  file: string,
  line: number,
): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${repo.owner}/${repo.repo}/blob/${repo.sha}/${path}${line > 0 ? `#L${line}` : ''}`;
}

/** Escapes a table cell: pipes and line breaks. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** One markdown table row per finding, the file linked to its line at `sha`. */
export function findingRows(
  findings: Finding[],
  repo: { owner: string; repo: string; sha: string },
): string[] {
  return findings.map((f) => {
    const where = f.line > 0 ? `${f.file}:${f.line}` : f.file;
    return `| ${ICON[f.severity]} | [${cell(where)}](${blobUrl(repo, f.file, f.line)}) | \`${f.rule}\` | ${cell(f.message)} |`;
  });
}

/** The findings as a markdown table (header included), or a line saying there are none. */
export function findingsTable(
  findings: Finding[],
  repo: { owner: string; repo: string; sha: string },
): string {
  if (findings.length === 0) return 'No findings.\n';
  return (
    [
      '| Severity | File | Rule | Message |',
      '| --- | --- | --- | --- |',
      ...findingRows(findings, repo),
    ].join('\n') + '\n'
  );
}
