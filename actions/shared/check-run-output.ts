import type { Finding } from '../../core/findings/finding.js';

/** GitHub's limits on a check run (Checks API). */
export const CHECK_LIMITS = {
  annotationsPerRequest: 50,
  outputChars: 65_535,
  titleChars: 255,
  annotationMessageBytes: 64 * 1024,
} as const;

/** An annotation of a check run, in the Checks API's own shape. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

const LEVEL = { error: 'failure', warning: 'warning', info: 'notice' } as const;

/**
 * Cuts `text` to `limit` characters at a line break, ending with a note of how much was cut and
 * where the rest is; text within the limit is returned as is.
 */
export function trimToLimit(
  text: string,
  limit: number = CHECK_LIMITS.outputChars,
  restIn = 'the job summary',
): string {
  if (text.length <= limit) return text;
  const note = (cut: number): string =>
    `\n\n… ${cut} more characters cut here (GitHub keeps ${limit}); the rest is in ${restIn}.\n`;
  // The note's own length depends on the count: reserve room for its longest form.
  const room = limit - note(text.length).length;
  const lineEnd = text.lastIndexOf('\n', room);
  const keep = lineEnd > room / 2 ? lineEnd : room;
  return `${text.slice(0, keep)}${note(text.length - keep)}`;
}

/** Cuts a string to `bytes` UTF-8 bytes (GitHub's 64 KB annotation message limit). */
function trimBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = text.slice(0, bytes);
  while (Buffer.byteLength(out) > bytes - 3) out = out.slice(0, -16);
  return `${out}…`;
}

/** A finding as a check-run annotation (a whole-file finding goes on line 1). */
export function findingAnnotation(finding: Finding): CheckAnnotation {
  const line = Math.max(finding.line, 1);
  return {
    path: finding.file,
    start_line: line,
    end_line: line,
    ...(finding.line > 0 && finding.column
      ? { start_column: finding.column, end_column: finding.column }
      : {}),
    annotation_level: LEVEL[finding.severity],
    message: trimBytes(finding.message, CHECK_LIMITS.annotationMessageBytes),
    title: finding.rule.slice(0, CHECK_LIMITS.titleChars),
  };
}

/** Splits annotations in GitHub's batches of 50 per request; none is dropped. */
export function annotationBatches(annotations: CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += CHECK_LIMITS.annotationsPerRequest)
    batches.push(annotations.slice(i, i + CHECK_LIMITS.annotationsPerRequest));
  return batches;
}
