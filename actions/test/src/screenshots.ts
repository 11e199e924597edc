import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toError } from '../../../core/errors/forge-error.js';
import type { Logger } from '../../../runner/logger.js';
import type { PrReport } from '../../../runner/report/pr-report.js';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Uploads the browser checks' screenshots as the artifact `odoo-forge-screenshots` (when the job
 * can: ACTIONS_RUNTIME_TOKEN is set on a real runner); otherwise keeps them in RUNNER_TEMP and
 * says so. Never fails the action.
 */
export async function keepScreenshots(
  report: PrReport,
  workDir: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<PrReport['screenshots']> {
  const folder = join(workDir, 'screenshots');
  const files = filesUnder(folder);
  if (files.length === 0)
    return report.series.some((s) => s.browser.conclusion !== 'skipped')
      ? { folder, note: 'No screenshots were taken.' }
      : undefined;
  if (!env.ACTIONS_RUNTIME_TOKEN) {
    const note = `${files.length} screenshot(s) kept in ${folder} (no ACTIONS_RUNTIME_TOKEN: not uploaded as an artifact).`;
    logger.info(note);
    return { folder, note };
  }
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const name = 'odoo-forge-screenshots';
    await new DefaultArtifactClient().uploadArtifact(name, files, folder, { retentionDays: 14 });
    return { artifact: name, folder, note: `${files.length} screenshot(s) in the artifact ${name}.` };
  } catch (error) {
    const note = `${files.length} screenshot(s) kept in ${folder}: the artifact upload failed (${toError(error).message}).`;
    logger.warn(note);
    return { folder, note };
  }
}
