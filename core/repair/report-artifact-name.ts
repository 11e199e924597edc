/** The prefix of the artifacts that hold Forge's JSON reports (what the repair loop downloads). */
export const REPORT_ARTIFACT_PREFIX = 'odoo-forge-report';

/**
 * The artifact name of a report: `odoo-forge-report-lint` for actions/check, and
 * `odoo-forge-report-<series>` for actions/test (`-17.0-18.0` when one job tested several series,
 * `-none` when it tested none), unique within a workflow run as GitHub requires.
 */
export function reportArtifactName(of: 'lint' | readonly string[]): string {
  if (of === 'lint') return `${REPORT_ARTIFACT_PREFIX}-lint`;
  return `${REPORT_ARTIFACT_PREFIX}-${of.length > 0 ? [...of].sort().join('-') : 'none'}`;
}
