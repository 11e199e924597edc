import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ForgeError } from '../../core/errors/forge-error.js';
import {
  createDatabase,
  databaseExists,
  dropDatabase,
  renameDatabase,
  type LocalPostgres,
} from '../local-odoo/local-postgres.js';
import type { Logger } from '../logger.js';
import type { BackupManifest } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';
import { unpackFilestore } from './filestore-tar.js';
import { HashingStream } from './hashing-stream.js';
import { pgClientEnv } from './pg-session.js';

export interface RestoreTarget {
  pg: LocalPostgres;
  database: string;
  /** Odoo's data dir: the filestore goes to `<dataDir>/filestore/<database>`. */
  dataDir?: string;
}

export interface RestoreOptions {
  store: BackupStore;
  manifest: BackupManifest;
  target: RestoreTarget;
  /** Replace an existing database (and its filestore); without it an existing one is refused. */
  overwrite?: boolean;
  logger: Logger;
}

/** Streams the dump from the store into `pg_restore`, checking its sha256 on the way. */
async function restoreDump(options: RestoreOptions, database: string): Promise<void> {
  const { manifest, store, target } = options;
  const restore = spawn('pg_restore', ['--no-owner', '--exit-on-error', '-d', database], {
    env: pgClientEnv(target.pg),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  restore.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  restore.on('error', (error) => {
    stderr += error.message;
  });
  const exited = new Promise<number | null>((done) => {
    restore.on('close', (code) => done(code));
    restore.on('error', () => done(null));
  });
  const hashing = new HashingStream();
  const streamed = pipeline(await store.open(manifest.dump.key), hashing, restore.stdin).catch(
    (error: unknown) => error,
  );
  const code = await exited;
  const streamError = await streamed;
  if (code !== 0) {
    throw new ForgeError(
      'backup.pg-restore',
      `pg_restore of backup ${manifest.id} into ${database} failed (exit ${code}): ${stderr.trim().slice(-2000)}`,
      {
        hint: 'check that pg_restore is at least the version of pg_dump that wrote the backup',
      },
    );
  }
  if (streamError) throw streamError instanceof Error ? streamError : new Error(String(streamError));
  if (hashing.digest() !== manifest.dump.sha256) {
    throw new ForgeError(
      'backup.checksum',
      `the dump of backup ${manifest.id} does not match its manifest's sha256`,
      {
        hint: 'the stored object was altered or damaged: restore another backup',
      },
    );
  }
}

/**
 * Restores a backup into `target.database` (and its filestore). The restore goes into a
 * temporary database first and replaces the target only once it succeeded, so a failed restore
 * leaves the target as it was. An existing target is refused unless `overwrite` is set.
 */
export async function restoreBackup(options: RestoreOptions): Promise<{ database: string; files: number }> {
  const { manifest, store, target, logger } = options;
  const exists = await databaseExists(target.pg, target.database);
  if (exists && !options.overwrite) {
    throw new ForgeError(
      'backup.target-exists',
      `database ${target.database} exists: restoring backup ${manifest.id} would overwrite it`,
      {
        hint: 'restore into another database name, or pass --overwrite to replace it',
      },
    );
  }
  await store.checkBucket();
  const temporary = `${target.database.slice(0, 40)}_rst_${randomBytes(3).toString('hex')}`;
  const filestoreRoot = target.dataDir ? join(target.dataDir, 'filestore') : undefined;
  let files = 0;
  await createDatabase(target.pg, temporary);
  // The filestore is unpacked while pg_restore runs: the two parts are independent until the
  // swap below, and the restore then takes as long as its longer part, not their sum.
  const unpacked = filestoreRoot
    ? store
        .open(manifest.filestore.key)
        .then((tar) => unpackFilestore(tar, join(filestoreRoot, temporary)))
        .then(
          (count) => ({ count }),
          (error: unknown) => ({ error }),
        )
    : Promise.resolve({ count: 0 });
  try {
    const dumped = await restoreDump(options, temporary).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    const filestore = await unpacked;
    if (dumped) throw dumped.error;
    if ('error' in filestore) throw filestore.error;
    files = filestore.count;
    if (exists) await dropDatabase(target.pg, target.database);
    await renameDatabase(target.pg, temporary, target.database);
    if (filestoreRoot) {
      rmSync(join(filestoreRoot, target.database), { recursive: true, force: true });
      if (existsSync(join(filestoreRoot, temporary)))
        renameSync(join(filestoreRoot, temporary), join(filestoreRoot, target.database));
    }
  } catch (error) {
    await dropDatabase(target.pg, temporary);
    if (filestoreRoot) rmSync(join(filestoreRoot, temporary), { recursive: true, force: true });
    throw error;
  }
  logger.info(
    `restored backup ${manifest.id} of ${manifest.database} into ${target.database} (${files} filestore files)`,
  );
  return { database: target.database, files };
}
