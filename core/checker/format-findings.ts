import type { Finding } from '../findings/finding.js';

export type FindingsFormat = 'text' | 'json' | 'github';

/** The findings as a JSON array of `{file, line, column, severity, rule, message}`. */
export function formatJson(findings: Finding[]): string {
  return `${JSON.stringify(
    findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column ?? 0,
      severity: f.severity,
      rule: f.rule,
      message: f.message,
    })),
    null,
    2,
  )}\n`;
}

/** Escapes data of a workflow command (`%`, CR, LF). */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property of a workflow command (data escapes plus `:` and `,`). */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export function formatGithub(findings: Finding[]): string {
  return findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file)}`];
      if (f.line > 0) props.push(`line=${f.line}`);
      if (f.line > 0 && f.column) props.push(`col=${f.column}`);
      props.push(`title=${escapeProperty(f.rule)}`);
      return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

const COLORS = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/** For people: grouped by file, one line per finding, colours only when `color` is set. */
export function formatText(findings: Finding[], options: { color: boolean; addonCount?: number }): string {
  const paint = (code: keyof typeof COLORS, text: string): string =>
    options.color ? `${COLORS[code]}${text}${COLORS.reset}` : text;
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(paint('bold', file));
    for (const f of list) {
      const where = `${f.line}:${f.column ?? 0}`.padEnd(8);
      lines.push(
        `  ${paint('dim', where)} ${paint(f.severity, f.severity.padEnd(7))} ${f.message} ${paint('dim', f.rule)}`,
      );
    }
    lines.push('');
  }
  const count = (severity: Finding['severity']): number =>
    findings.filter((f) => f.severity === severity).length;
  const addons =
    options.addonCount === undefined
      ? ''
      : `${options.addonCount} addon${options.addonCount === 1 ? '' : 's'} checked: `;
  lines.push(`${addons}${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return `${lines.join('\n')}\n`;
}
