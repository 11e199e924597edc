// The guarantees of a restore, against Swift's S3 API and the local PostgreSQL: pg_restore's
// session runs with synchronous_commit=off (after the caller's PGOPTIONS), and a restore that
// fails (its dump's or its filestore's sha256 included) or is refused leaves the target as it was and no temporary database or filestore behind,
// now that the target check, the bucket check, the temporary database and the GET run at once.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BackupStore } from '../../../runner/backup/backup-store.js';
import { createBackup } from '../../../runner/backup/create-backup.js';
import { filestoreChecksums } from '../../../runner/backup/filestore-tar.js';
import { restoreBackup } from '../../../runner/backup/restore-backup.js';
import {
  dropDatabase,
  listDatabases,
  type LocalPostgres,
} from '../../../runner/local-odoo/local-postgres.js';
import { silentLogger } from '../../../runner/logger.js';
import type { ForgeError } from '../../../core/errors/forge-error.js';
import { localPostgresOrSkip } from '../../support/local-postgres-or-skip.js';
import { swiftS3OrSkip, type SwiftS3Server } from '../../support/swift-s3-server.js';
import { seedDatabase, sqlIn, testDatabaseName } from './backup-helpers.js';

let swift: SwiftS3Server | undefined;
let pg: LocalPostgres | undefined;
const databases: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'forge-restore-test-'));

before(() => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
});

after(async () => {
  // Leftovers too: a test that found some failed, and must not leave them to the next run.
  if (pg)
    for (const name of databases) {
      for (const temporary of await listDatabases(pg, `${name.slice(0, 40)}_rst_`))
        await dropDatabase(pg, temporary);
      await dropDatabase(pg, name);
    }
  await swift?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function setup(t: import('node:test').TestContext) {
  pg ??= await localPostgresOrSkip(t, 'restoring a PostgreSQL database');
  if (!pg) return undefined;
  swift ??= await swiftS3OrSkip(t, 'restores read from an S3 API');
  if (!swift) return undefined;
  const store = new BackupStore({ ...swift.settings, prefix: `r${randomBytes(3).toString('hex')}/` });
  await store.checkBucket(true);
  const database = testDatabaseName('rst');
  databases.push(database);
  await seedDatabase(pg, database, dataDir, 3);
  return { store, pg, database };
}

/** Temporary databases and filestores of restores into `database` still there. */
async function leftovers(pg: LocalPostgres, database: string): Promise<string[]> {
  const prefix = `${database.slice(0, 40)}_rst_`;
  const root = join(dataDir, 'filestore');
  const folders = existsSync(root) ? readdirSync(root).filter((name) => name.startsWith(prefix)) : [];
  return [...(await listDatabases(pg, prefix)), ...folders];
}

test(
  "pg_restore's session runs with synchronous_commit=off, after the caller's PGOPTIONS",
  { timeout: 120_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store, database } = ready;
    // A materialized view is filled by pg_restore's own session (REFRESH): it records its settings.
    sqlIn(
      ready.pg,
      database,
      "CREATE MATERIALIZED VIEW restore_session AS SELECT current_setting('synchronous_commit') AS sync, current_setting('work_mem') AS work_mem",
    );
    assert.equal(sqlIn(ready.pg, database, 'SELECT sync FROM restore_session'), 'on');
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    const copy = `${database}_copy`;
    databases.push(copy);
    const saved = process.env.PGOPTIONS;
    process.env.PGOPTIONS = '-c work_mem=5MB';
    try {
      await restoreBackup({
        store,
        manifest,
        target: { pg: ready.pg, database: copy, dataDir },
        logger: silentLogger,
      });
    } finally {
      if (saved === undefined) delete process.env.PGOPTIONS;
      else process.env.PGOPTIONS = saved;
    }
    assert.equal(sqlIn(ready.pg, copy, "SELECT sync || ' ' || work_mem FROM restore_session"), 'off 5MB');
    assert.equal(sqlIn(ready.pg, copy, 'SELECT count(*) FROM res_partner'), '1234');
    assert.deepEqual(await leftovers(ready.pg, database), []);
  },
);

test(
  'a restore whose dump fails its sha256 leaves the target, its filestore and nothing else',
  { timeout: 120_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store, database } = ready;
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    sqlIn(ready.pg, database, 'DELETE FROM res_partner WHERE id > 1000');
    const files = await filestoreChecksums(join(dataDir, 'filestore', database));
    const altered = { ...manifest, dump: { ...manifest.dump, sha256: '0'.repeat(64) } };
    await assert.rejects(
      restoreBackup({
        store,
        manifest: altered,
        target: { pg: ready.pg, database, dataDir },
        overwrite: true,
        logger: silentLogger,
      }),
      (error: ForgeError) => error.code === 'backup.checksum',
    );
    assert.equal(
      sqlIn(ready.pg, database, 'SELECT count(*) FROM res_partner'),
      '1000',
      'the target is as it was',
    );
    assert.deepEqual(await filestoreChecksums(join(dataDir, 'filestore', database)), files);
    assert.deepEqual(await leftovers(ready.pg, database), []);
  },
);

test(
  'a restore whose filestore tar fails its sha256 leaves the target, its filestore and nothing else',
  { timeout: 120_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store, database } = ready;
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    sqlIn(ready.pg, database, 'DELETE FROM res_partner WHERE id > 1000');
    const files = await filestoreChecksums(join(dataDir, 'filestore', database));
    const altered = { ...manifest, filestore: { ...manifest.filestore, sha256: '0'.repeat(64) } };
    await assert.rejects(
      restoreBackup({
        store,
        manifest: altered,
        target: { pg: ready.pg, database, dataDir },
        overwrite: true,
        logger: silentLogger,
      }),
      (error: ForgeError) =>
        error.code === 'backup.checksum' && /the filestore of backup/.test(error.message),
    );
    assert.equal(
      sqlIn(ready.pg, database, 'SELECT count(*) FROM res_partner'),
      '1000',
      'the target is as it was',
    );
    assert.deepEqual(await filestoreChecksums(join(dataDir, 'filestore', database)), files);
    assert.deepEqual(await leftovers(ready.pg, database), []);
  },
);

test(
  'a refused restore and one from a missing object or bucket leave nothing behind',
  { timeout: 120_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store, database } = ready;
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    const target = { pg: ready.pg, database, dataDir };
    await assert.rejects(
      restoreBackup({ store, manifest, target, logger: silentLogger }),
      (error: ForgeError) => error.code === 'backup.target-exists',
    );
    const missing = { ...manifest, dump: { ...manifest.dump, key: `${manifest.dump.key}.gone` } };
    await assert.rejects(
      restoreBackup({ store, manifest: missing, target, overwrite: true, logger: silentLogger }),
      (error: ForgeError) => /\.gone/.test(error.message),
    );
    const noBucket = new BackupStore({
      ...store.settings,
      bucket: `forge-none-${randomBytes(3).toString('hex')}`,
    });
    await assert.rejects(
      restoreBackup({ store: noBucket, manifest, target, overwrite: true, logger: silentLogger }),
      (error: ForgeError) => error.code === 'backup.s3-bucket',
    );
    assert.equal(sqlIn(ready.pg, database, 'SELECT count(*) FROM res_partner'), '1234');
    assert.deepEqual(await leftovers(ready.pg, database), []);
  },
);
