import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, type LocalPostgres } from '../local-odoo/local-postgres.js';
import type { Logger } from '../logger.js';
import type { BackupManifest, DrillResult } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';
import { compareFacts, readDatabaseFacts } from './database-facts.js';
import { filestoreChecksums } from './filestore-tar.js';
import { PgSession } from './pg-session.js';
import { restoreBackup } from './restore-backup.js';

export interface DrillOptions {
  store: BackupStore;
  manifest: BackupManifest;
  /** The server the scratch database is restored on. */
  pg: LocalPostgres;
  logger: Logger;
  /**
   * Runs on the restored scratch database before it is compared (fault drills use it to alter
   * the copy and prove that the drill notices).
   */
  beforeCompare?: (scratch: { database: string; filestore: string }) => Promise<void>;
}

function compareFiles(expected: Record<string, string>, actual: Record<string, string>): string[] {
  const problems: string[] = [];
  const want = Object.keys(expected).length;
  const got = Object.keys(actual).length;
  if (want !== got) problems.push(`filestore has ${got} files in the restore, ${want} in the source`);
  for (const [file, sum] of Object.entries(expected)) {
    if (actual[file] === undefined) problems.push(`filestore file ${file} is missing from the restore`);
    else if (actual[file] !== sum) problems.push(`filestore file ${file} differs from the source (sha256)`);
  }
  return problems;
}

/**
 * The restore drill: restores the backup into a scratch database and filestore, compares the
 * installed modules, every table's row count and every filestore file's checksum with what the
 * manifest recorded of the source, stores the result as `drill.json` next to the backup, and
 * removes the scratch copy (whatever happened).
 */
export async function drillBackup(options: DrillOptions): Promise<DrillResult> {
  const { store, manifest, pg, logger } = options;
  const started = Date.now();
  const scratch = `forge_drill_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-drill-'));
  const filestore = join(dataDir, 'filestore', scratch);
  let problems: string[];
  let tablesCompared = 0;
  let filesCompared = 0;
  try {
    await restoreBackup({ store, manifest, target: { pg, database: scratch, dataDir }, logger });
    await options.beforeCompare?.({ database: scratch, filestore });
    const session = PgSession.open(pg, scratch);
    const facts = await readDatabaseFacts(session).finally(() => session.close());
    const files = await filestoreChecksums(filestore);
    tablesCompared = Object.keys(facts.tables).length;
    filesCompared = Object.keys(files).length;
    problems = [...compareFacts(manifest.facts, facts), ...compareFiles(manifest.filestore.files, files)];
  } catch (error) {
    problems = [`restore failed: ${(error as Error).message.split('\n')[0]}`];
  } finally {
    await dropDatabase(pg, scratch);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const result: DrillResult = {
    backupId: manifest.id,
    passed: problems.length === 0,
    checkedAt: new Date().toISOString(),
    scratchDatabase: scratch,
    problems,
    tablesCompared,
    filesCompared,
    seconds: (Date.now() - started) / 1000,
  };
  const folder = manifest.dump.key.slice(0, manifest.dump.key.lastIndexOf('/'));
  await store.putJson(`${folder}/drill.json`, result);
  if (result.passed)
    logger.info(`drill of backup ${manifest.id}: passed (${tablesCompared} tables, ${filesCompared} files)`);
  else logger.warn(`drill of backup ${manifest.id}: FAILED: ${problems.slice(0, 5).join('; ')}`);
  return result;
}
