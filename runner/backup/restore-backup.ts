import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
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

/**
 * Settings of pg_restore's own session (through PGOPTIONS, after any the caller set):
 * `synchronous_commit=off`, because pg_restore commits every TOC entry (thousands on an Odoo
 * database) and would otherwise wait for a WAL flush at each. Safe here: it never corrupts, and
 * the restore goes into a temporary database that is only swapped in by a rename committed
 * synchronously in another session, whose flush writes the WAL of every earlier commit first.
 * A crash before that loses only the temporary database, which the next restore drops.
 */
export function restoreSessionEnv(pg: LocalPostgres): NodeJS.ProcessEnv {
  const env = pgClientEnv(pg);
  env.PGOPTIONS = [env.PGOPTIONS, '-c synchronous_commit=off'].filter(Boolean).join(' ');
  return env;
}

/** Streams the dump (an opened GET) into `pg_restore`, checking its sha256 on the way. */
async function restoreDump(options: RestoreOptions, dump: Readable, database: string): Promise<void> {
  const { manifest, target } = options;
  const restore = spawn('pg_restore', ['--no-owner', '--exit-on-error', '-d', database], {
    env: restoreSessionEnv(target.pg),
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
  const streamed = pipeline(dump, hashing, restore.stdin).catch((error: unknown) => error);
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

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * What comes before the first byte of the dump, all at once instead of one after the other
 * (each is a round trip or a client program of its own): the target's existence, the bucket
 * check, the temporary database and the dump's GET. When any fails, or the target exists without
 * `overwrite`, the temporary database is dropped and the GET let go before the error (in that
 * order of precedence: the refusal, then the steps in the order above) is thrown.
 */
async function prepare(
  options: RestoreOptions,
  temporary: string,
): Promise<{ exists: boolean; dump: Readable }> {
  const { manifest, store, target } = options;
  const [exists, bucket, created, dump] = await Promise.all([
    settle(databaseExists(target.pg, target.database)),
    settle(store.checkBucket()),
    settle(createDatabase(target.pg, temporary)),
    settle(store.open(manifest.dump.key)),
  ]);
  let failure: { error: unknown } | undefined;
  if (exists.ok && exists.value && !options.overwrite) {
    const error = new ForgeError(
      'backup.target-exists',
      `database ${target.database} exists: restoring backup ${manifest.id} would overwrite it`,
      {
        hint: 'restore into another database name, or pass --overwrite to replace it',
      },
    );
    failure = { error };
  } else {
    for (const step of [exists, bucket, created, dump]) if (!step.ok) failure ??= { error: step.error };
  }
  if (!failure && exists.ok && dump.ok) return { exists: exists.value, dump: dump.value };
  if (dump.ok) dump.value.destroy();
  if (created.ok) await dropDatabase(target.pg, temporary);
  throw failure?.error;
}

/**
 * Unpacks the filestore tar into `root`, checking the tar's sha256 against the manifest on the
 * way: a damaged or altered object fails the restore (which then removes `root`).
 */
async function unpackChecked(manifest: BackupManifest, tar: Readable, root: string): Promise<number> {
  const hashing = new HashingStream();
  const [count] = await Promise.all([unpackFilestore(hashing, root), pipeline(tar, hashing)]);
  if (hashing.digest() !== manifest.filestore.sha256) {
    throw new ForgeError(
      'backup.checksum',
      `the filestore of backup ${manifest.id} does not match its manifest's sha256`,
      {
        hint: 'the stored object was altered or damaged: restore another backup',
      },
    );
  }
  return count;
}

/**
 * Restores a backup into `target.database` (and its filestore). The restore goes into a
 * temporary database first and replaces the target only once it succeeded, so a failed restore
 * leaves the target as it was. An existing target is refused unless `overwrite` is set.
 */
export async function restoreBackup(options: RestoreOptions): Promise<{ database: string; files: number }> {
  const { manifest, store, target, logger } = options;
  const temporary = `${target.database.slice(0, 40)}_rst_${randomBytes(3).toString('hex')}`;
  const filestoreRoot = target.dataDir ? join(target.dataDir, 'filestore') : undefined;
  // The filestore is unpacked from the start, alongside the preparation and then pg_restore:
  // the two parts are independent until the swap below, the restore takes as long as its longer
  // part, and the filestore's download is mostly done before the dump's COPY needs the CPU.
  const unpacked = filestoreRoot
    ? store
        .open(manifest.filestore.key)
        .then((tar) => unpackChecked(manifest, tar, join(filestoreRoot, temporary)))
        .then(
          (count) => ({ count }),
          (error: unknown) => ({ error }),
        )
    : Promise.resolve({ count: 0 });
  const prepared = await prepare(options, temporary).catch(async (error: unknown) => {
    await unpacked;
    if (filestoreRoot) rmSync(join(filestoreRoot, temporary), { recursive: true, force: true });
    throw error;
  });
  const { exists, dump } = prepared;
  let files = 0;
  try {
    const dumped = await restoreDump(options, dump, temporary).then(
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
