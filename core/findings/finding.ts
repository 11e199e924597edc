/** One problem found in an addon or a spec; becomes a check-run annotation or a CLI line. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Path relative to the folder that was checked, with forward slashes. */
  file: string;
  /** 1-based line; 0 when the finding concerns the whole file. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  severity: Severity;
  /** Stable rule id, e.g. `manifest-missing-key`. */
  rule: string;
  message: string;
}

/** Orders findings by file, line, column, rule: output is stable whatever the discovery order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
