import type { DatabaseFacts } from './database-facts.js';

/** One stored object of a backup: its key, size and sha256 (computed while it streamed). */
export interface StoredPart {
  key: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json` of a backup: written last, so a backup without it never happened. */
export interface BackupManifest {
  format: 'odoo-forge-backup/1';
  id: string;
  /** The database backed up, which also names the backup's folder. */
  database: string;
  createdAt: string;
  /** Why it was taken (`daily`, `pre-deploy`, `manual`). */
  reason: string;
  facts: DatabaseFacts;
  /** `pg_dump --format=custom` of the database. */
  dump: StoredPart;
  /** tar of `<data_dir>/filestore/<database>`, with the sha256 of each file. */
  filestore: StoredPart & { files: Record<string, string> };
  seconds: number;
}

/** `drill.json` next to the manifest: the result of restoring the backup into a scratch database. */
export interface DrillResult {
  backupId: string;
  passed: boolean;
  checkedAt: string;
  scratchDatabase: string;
  /** One line per difference found (empty when passed). */
  problems: string[];
  tablesCompared: number;
  filesCompared: number;
  seconds: number;
}

/** A backup as `listBackups` returns it. */
export interface BackupEntry {
  manifest: BackupManifest;
  drill?: DrillResult;
  /** Its drill passed: only such a backup counts for retention and for `latest`. */
  good: boolean;
}

/** The folder of one database's backups, `<database>/`. */
export function databaseFolder(database: string): string {
  return `${database}/`;
}

/** A sortable id from the time of the backup: `20261202T021400Z-1a2b3c`. */
export function backupId(now: Date, random: string): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${random}`;
}
