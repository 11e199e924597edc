import { basename, dirname } from 'node:path';
import { toError } from '../../core/errors/forge-error.js';
import type { Logger } from '../../runner/logger.js';

/** What happened to the report: the artifact's name, or why it was not uploaded. */
export type ReportUpload = { artifact: string } | { skipped: string };

/**
 * Uploads one JSON report as the artifact `name` (the zip holds the file under its own name), so
 * that the app's repair loop can read it after the run. Without ACTIONS_RUNTIME_TOKEN (not on a
 * runner) it says so and uploads nothing; a failed upload is one warning and never fails the action.
 */
export async function uploadReport(
  name: string,
  path: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<ReportUpload> {
  if (!env.ACTIONS_RUNTIME_TOKEN) {
    const skipped = `the report ${path} was not uploaded as the artifact ${name}: no ACTIONS_RUNTIME_TOKEN (not a GitHub Actions job).`;
    logger.info(skipped);
    return { skipped };
  }
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await new DefaultArtifactClient().uploadArtifact(name, [path], dirname(path), { retentionDays: 14 });
    logger.info(`The report ${basename(path)} is in the artifact ${name}.`);
    return { artifact: name };
  } catch (error) {
    const skipped = `the report ${path} could not be uploaded as the artifact ${name} (${toError(error).message}); the app's repair loop will not see this job's failures. Re-run the job; if it fails again, check that the workflow may upload artifacts.`;
    logger.warn(skipped);
    return { skipped };
  }
}
