import type * as actionsCore from '@actions/core';
import type { Finding } from '../../core/findings/finding.js';

/** GitHub shows at most this many annotations of each level per step and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL_PER_STEP = 10;

/**
 * Emits findings as workflow-command annotations (`::error file=...,line=...::`), at most 10
 * per level, since GitHub drops the rest of a step silently; returns how many were left out
 * (the job summary lists every finding).
 */
export function emitWorkflowAnnotations(core: typeof actionsCore, findings: Finding[]): number {
  const used = { error: 0, warning: 0, info: 0 };
  let left = 0;
  for (const finding of findings) {
    if (used[finding.severity] >= ANNOTATIONS_PER_LEVEL_PER_STEP) {
      left += 1;
      continue;
    }
    used[finding.severity] += 1;
    const properties: actionsCore.AnnotationProperties = { file: finding.file, title: finding.rule };
    if (finding.line > 0) properties.startLine = finding.line;
    if (finding.line > 0 && finding.column) properties.startColumn = finding.column;
    if (finding.severity === 'error') core.error(finding.message, properties);
    else if (finding.severity === 'warning') core.warning(finding.message, properties);
    else core.notice(finding.message, properties);
  }
  if (left > 0)
    core.info(
      `${left} more finding(s) are not annotated here (GitHub keeps 10 per level and step): the job summary lists all.`,
    );
  return left;
}
