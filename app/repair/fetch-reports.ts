import yauzl from 'yauzl';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readRepairReport, type ReadReport } from '../../core/repair/repair-failure.js';
import type { RepoTarget } from '../github/repo-target.js';

/** Artifacts whose name starts so hold Forge's JSON reports (`odoo-forge-report-18.0`, `odoo-forge-report-lint`). */
export const REPORT_ARTIFACT_PREFIX = 'odoo-forge-report';

/**
 * The JSON reports the Forge workflow run uploaded: lists the run's artifacts, downloads each
 * report artifact (a zip) and reads every `.json` file in it. An artifact that is not a report
 * is an error that names it; a run without report artifacts answers an empty list.
 */
export async function fetchReports(target: RepoTarget, runId: number): Promise<ReadReport[]> {
  const { owner, repo } = target;
  const { data } = await target.octokit.rest.actions.listWorkflowRunArtifacts({
    owner,
    repo,
    run_id: runId,
    per_page: 100,
  });
  const reports: ReadReport[] = [];
  for (const artifact of data.artifacts.filter(
    (a) => a.name.startsWith(REPORT_ARTIFACT_PREFIX) && !a.expired,
  )) {
    const download = await target.octokit.rest.actions.downloadArtifact({
      owner,
      repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const zip = Buffer.from(download.data as ArrayBuffer);
    for (const [name, text] of await jsonFilesOf(zip, artifact.name)) {
      const where = `${name} of the artifact ${artifact.name} (run ${runId})`;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (thrown) {
        throw new ForgeError('repair.report-invalid', `${where} is not JSON: ${(thrown as Error).message}`, {
          hint: 'the report is written by actions/test or actions/check; re-run the workflow',
        });
      }
      const read = readRepairReport(json, where);
      if ('error' in read)
        throw new ForgeError('repair.report-invalid', read.error, {
          hint: 'upload the `report` output of actions/test or actions/check unchanged',
        });
      reports.push(read);
    }
  }
  return reports;
}

/** The `.json` entries of a zip, name → text. */
function jsonFilesOf(zip: Buffer, artifact: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void =>
      reject(
        new ForgeError(
          'repair.artifact-unreadable',
          `the artifact ${artifact} is not a readable zip: ${error.message}`,
        ),
      );
    yauzl.fromBuffer(zip, { lazyEntries: true }, (openError, archive) => {
      if (openError || !archive) return fail(openError ?? new Error('no archive'));
      const files = new Map<string, string>();
      archive.on('error', fail);
      archive.on('end', () => resolve(files));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('.json')) return archive.readEntry();
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}
