import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { LocalPostgres } from '../local-odoo/local-postgres.js';
import type { Logger } from '../logger.js';
import { backupId, type BackupManifest } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';
import { cleanIncompleteBackups } from './clean-incomplete-backups.js';
import { readDatabaseFacts } from './database-facts.js';
import { packFilestore } from './filestore-tar.js';
import { HashingStream } from './hashing-stream.js';
import { PgSession, pgClientEnv } from './pg-session.js';

export interface BackupSource {
  pg: LocalPostgres;
  database: string;
  /** Odoo's data dir: the filestore is `<dataDir>/filestore/<database>` (may be absent). */
  dataDir?: string;
}

export interface CreateBackupOptions {
  store: BackupStore;
  source: BackupSource;
  reason?: string;
  logger: Logger;
  now?: Date;
  /** Multipart part size in bytes (default 16 MiB; S3's minimum is 5 MiB). */
  partSize?: number;
}

/** Streams `pg_dump --format=custom --snapshot=...` of the database into `key`. */
async function uploadDump(options: CreateBackupOptions, snapshot: string, key: string) {
  const dump = spawn(
    'pg_dump',
    ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, '-d', options.source.database],
    { env: pgClientEnv(options.source.pg), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  dump.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A missing pg_dump (ENOENT) is an 'error' without 'close': report it like a failed run.
  dump.on('error', (error) => {
    stderr += error.message;
  });
  const exited = new Promise<number | null>((done) => {
    dump.on('close', (code) => done(code));
    dump.on('error', () => done(null));
  });
  const hashing = new HashingStream();
  dump.stdout.pipe(hashing);
  const uploaded = options.store.upload(key, hashing, options.partSize);
  const code = await exited;
  if (code !== 0) {
    hashing.destroy(new Error(`pg_dump exited ${code}`));
    await uploaded.catch(() => undefined);
    throw new ForgeError(
      'backup.pg-dump',
      `pg_dump of ${options.source.database} failed (exit ${code}): ${stderr.trim()}`,
      {
        hint: 'check the database name, the role and that pg_dump matches the server version',
      },
    );
  }
  await uploaded;
  return { key, bytes: hashing.bytes, sha256: hashing.digest() };
}

async function uploadFilestore(options: CreateBackupOptions, key: string) {
  const root = options.source.dataDir
    ? join(options.source.dataDir, 'filestore', options.source.database)
    : '';
  const files: Record<string, string> = {};
  const hashing = new HashingStream();
  packFilestore(root, files).pipe(hashing);
  await options.store.upload(key, hashing, options.partSize);
  return { key, bytes: hashing.bytes, sha256: hashing.digest(), files };
}

/**
 * Backs up a database and its filestore into the store: the dump and the filestore tar are
 * streamed as multipart uploads (no local copy), checksummed on the way, and `manifest.json` is
 * written last. Row counts and modules are read in the same snapshot that pg_dump dumps. Before
 * anything, the store is checked (unreachable or refused → nothing is done) and what an earlier,
 * killed backup left (unfinished uploads, objects without a manifest) is removed.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const { store, source, logger } = options;
  await store.checkBucket();
  await cleanIncompleteBackups(store, source.database, logger);
  const started = Date.now();
  const now = options.now ?? new Date();
  const id = backupId(now, randomBytes(3).toString('hex'));
  const folder = store.key(source.database, id);
  const session = PgSession.open(source.pg, source.database);
  try {
    await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [[snapshot = '']] = (await session.query('SELECT pg_export_snapshot()')) as [[string?]];
    const facts = await readDatabaseFacts(session);
    logger.info(`backup ${id} of ${source.database}: ${Object.keys(facts.tables).length} tables, dumping`);
    const dump = await uploadDump(options, snapshot, `${folder}/dump.pgc`);
    await session.query('COMMIT');
    const filestore = await uploadFilestore(options, `${folder}/filestore.tar`);
    const manifest: BackupManifest = {
      format: 'odoo-forge-backup/1',
      id,
      database: source.database,
      createdAt: now.toISOString(),
      reason: options.reason ?? 'manual',
      facts,
      dump,
      filestore,
      seconds: (Date.now() - started) / 1000,
    };
    await store.putJson(`${folder}/manifest.json`, manifest);
    logger.info(
      `backup ${id}: dump ${dump.bytes} B, filestore ${Object.keys(filestore.files).length} files (${filestore.bytes} B) in ${manifest.seconds.toFixed(1)} s`,
    );
    return manifest;
  } finally {
    await session.close();
  }
}
