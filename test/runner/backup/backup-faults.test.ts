// Backups against a real S3 API that checks signatures (Debian's Swift with s3api, started on
// loopback) and the local PostgreSQL: a backup is listed and drilled, and each fault the issue
// names is survived: S3 unreachable, a wrong secret, a drill that finds a mismatch, and a backup
// killed with SIGKILL in the middle of an upload.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { applyRetention } from '../../../runner/backup/apply-retention.js';
import { BackupStore } from '../../../runner/backup/backup-store.js';
import { createBackup } from '../../../runner/backup/create-backup.js';
import { drillBackup } from '../../../runner/backup/drill-backup.js';
import { filestoreChecksums } from '../../../runner/backup/filestore-tar.js';
import { findBackup, listBackups } from '../../../runner/backup/list-backups.js';
import { restoreBackup } from '../../../runner/backup/restore-backup.js';
import {
  databaseExists,
  dropDatabase,
  type LocalPostgres,
} from '../../../runner/local-odoo/local-postgres.js';
import { silentLogger } from '../../../runner/logger.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { localPostgresOrSkip } from '../../support/local-postgres-or-skip.js';
import { swiftS3OrSkip, type SwiftS3Server } from '../../support/swift-s3-server.js';
import { seedDatabase, sqlIn, testDatabaseName } from './backup-helpers.js';

let swift: SwiftS3Server | undefined;
let pg: LocalPostgres | undefined;
const databases: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'forge-backup-test-'));

async function setup(
  t: import('node:test').TestContext,
): Promise<{ store: BackupStore; pg: LocalPostgres } | undefined> {
  pg ??= await localPostgresOrSkip(t, 'backing up a PostgreSQL database');
  if (!pg) return undefined;
  swift ??= await swiftS3OrSkip(t, 'backups need an S3 API that checks signatures');
  if (!swift) return undefined;
  const store = new BackupStore({ ...swift.settings, prefix: `t${randomBytes(3).toString('hex')}/` });
  await store.checkBucket(true);
  return { store, pg };
}

async function seeded(tag: string, files = 5): Promise<string> {
  const name = testDatabaseName(tag);
  databases.push(name);
  await seedDatabase(pg!, name, dataDir, files);
  return name;
}

before(() => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
});

after(async () => {
  if (pg) for (const name of databases) await dropDatabase(pg, name);
  await swift?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test(
  'a backup is listed with a passed drill, restores to an equal database, and an existing one is refused',
  { timeout: 180_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store } = ready;
    const database = await seeded('ok');
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    assert.equal(manifest.facts.tables['public.res_partner'], 1234);
    assert.deepEqual(manifest.facts.modules, { base: '18.0.1.3', mail: '18.0.1.17' });
    assert.equal(manifest.facts.odooSeries, '18.0');
    assert.equal(Object.keys(manifest.filestore.files).length, 5);
    assert.match(manifest.dump.sha256, /^[0-9a-f]{64}$/);

    const drill = await drillBackup({ store, manifest, pg: ready.pg, logger: silentLogger });
    assert.deepEqual(drill.problems, []);
    assert.equal(drill.passed, true);
    assert.equal(drill.filesCompared, 5);
    assert.equal(
      await databaseExists(ready.pg, drill.scratchDatabase),
      false,
      'the scratch database is dropped',
    );

    const listed = await listBackups(store, database);
    assert.deepEqual(
      listed.map((e) => [e.manifest.id, e.drill?.passed, e.good]),
      [[manifest.id, true, true]],
    );

    await assert.rejects(
      restoreBackup({ store, manifest, target: { pg: ready.pg, database, dataDir }, logger: silentLogger }),
      (error: ForgeError) => error.code === 'backup.target-exists' && error.message.includes(database),
    );
    const before = await filestoreChecksums(join(dataDir, 'filestore', database));
    rmSync(join(dataDir, 'filestore', database), { recursive: true });
    sqlIn(ready.pg, database, 'DELETE FROM res_partner WHERE id > 1000');
    const restored = await restoreBackup({
      store,
      manifest,
      target: { pg: ready.pg, database, dataDir },
      overwrite: true,
      logger: silentLogger,
    });
    assert.equal(restored.files, 5);
    assert.equal(sqlIn(ready.pg, database, 'SELECT count(*) FROM res_partner'), '1234');
    assert.deepEqual(await filestoreChecksums(join(dataDir, 'filestore', database)), before);
  },
);

test('an unreachable S3 store is refused before anything is dumped', { timeout: 60_000 }, async (t) => {
  const ready = await setup(t);
  if (!ready) return;
  const database = await seeded('unreachable', 1);
  const closed = new BackupStore({ ...ready.store.settings, endpoint: 'http://127.0.0.1:9' });
  const started = Date.now();
  await assert.rejects(
    createBackup({ store: closed, source: { pg: ready.pg, database, dataDir }, logger: silentLogger }),
    (error: ForgeError) =>
      error.code === 'backup.s3-unreachable' &&
      error.message.includes('127.0.0.1:9') &&
      /nothing was changed/.test(error.hint ?? ''),
  );
  assert.ok(Date.now() - started < 20_000, 'refused quickly, not retried for minutes');
  assert.deepEqual(await listBackups(ready.store, database), []);
});

test(
  'a wrong secret is refused by the store (SigV4 checked) with a message naming the key',
  { timeout: 60_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const database = await seeded('secret', 1);
    const wrong = new BackupStore({ ...ready.store.settings, secretAccessKey: 'not-the-secret' });
    await assert.rejects(
      createBackup({ store: wrong, source: { pg: ready.pg, database, dataDir }, logger: silentLogger }),
      (error: ForgeError) =>
        error.code === 'backup.s3-credentials' &&
        error.message.includes(ready.store.settings.accessKeyId) &&
        /AWS_SECRET_ACCESS_KEY/.test(error.hint ?? ''),
    );
    assert.deepEqual(await listBackups(ready.store, database), []);
  },
);

test(
  'a drill that finds a tampered table fails, is stored, and that backup never counts as good',
  { timeout: 180_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store } = ready;
    const database = await seeded('tamper', 3);
    const source = { pg: ready.pg, database, dataDir };
    const good = await createBackup({
      store,
      source,
      logger: silentLogger,
      now: new Date('2026-11-30T03:00:00Z'),
    });
    assert.equal(
      (await drillBackup({ store, manifest: good, pg: ready.pg, logger: silentLogger })).passed,
      true,
    );
    const bad = await createBackup({
      store,
      source,
      logger: silentLogger,
      now: new Date('2026-12-01T03:00:00Z'),
    });
    const drill = await drillBackup({
      store,
      manifest: bad,
      pg: ready.pg,
      logger: silentLogger,
      beforeCompare: async (scratch) => {
        sqlIn(ready.pg, scratch.database, 'DELETE FROM res_partner WHERE id <= 10');
        const [first] = Object.keys(bad.filestore.files);
        writeFileSync(join(scratch.filestore, first!), 'tampered');
      },
    });
    assert.equal(drill.passed, false);
    assert.ok(
      drill.problems.includes('table public.res_partner has 1224 rows in the restore, 1234 in the source'),
      drill.problems.join('\n'),
    );
    assert.ok(
      drill.problems.some((p) => /^filestore file .* differs from the source/.test(p)),
      drill.problems.join('\n'),
    );
    const listed = await listBackups(store, database);
    assert.deepEqual(
      listed.map((e) => [e.manifest.id, e.drill?.passed, e.good]),
      [
        [good.id, true, true],
        [bad.id, false, false],
      ],
    );
    assert.equal((await findBackup(store, database, 'latest')).manifest.id, good.id);
    // A newer good backup makes the failed one worthless: retention deletes it, keeps the good ones.
    const newer = await createBackup({
      store,
      source,
      logger: silentLogger,
      now: new Date('2026-12-02T03:00:00Z'),
    });
    await drillBackup({ store, manifest: newer, pg: ready.pg, logger: silentLogger });
    const dry = await applyRetention({ store, database, dryRun: true, logger: silentLogger });
    assert.deepEqual(dry.deleted, [bad.id]);
    assert.equal((await listBackups(store, database)).length, 3, 'a dry run deletes nothing');
    const applied = await applyRetention({ store, database, logger: silentLogger });
    assert.deepEqual(applied.deleted, [bad.id]);
    assert.deepEqual(
      (await listBackups(store, database)).map((e) => e.manifest.id),
      [good.id, newer.id],
    );
    assert.deepEqual(
      (await store.list(store.key(database, bad.id))).length,
      0,
      'every object of the deleted backup is gone',
    );
  },
);

test(
  'a backup killed with SIGKILL mid-upload is never listed; the next backup cleans its unfinished upload',
  { timeout: 240_000 },
  async (t) => {
    const ready = await setup(t);
    if (!ready) return;
    const { store } = ready;
    const database = await seeded('killed', 1);
    // An incompressible 120 MiB file makes the filestore upload last long enough to be killed in.
    writeFileSync(join(dataDir, 'filestore', database, 'big.bin'), randomBytes(120 * 1024 * 1024));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./fixtures/backup-child.ts', import.meta.url).pathname,
        JSON.stringify({
          settings: store.settings,
          source: { pg: ready.pg, database, dataDir },
          partSize: 5 * 1024 * 1024,
        }),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const prefix = store.key(database) + '/';
    let unfinished = 0;
    for (let i = 0; i < 600 && unfinished === 0 && child.exitCode === null; i++) {
      unfinished = (await store.incompleteUploads(prefix)).filter((u) =>
        u.key.endsWith('/filestore.tar'),
      ).length;
      if (unfinished === 0) await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', `the child was killed, not finished:\n${output}`);
    assert.ok(unfinished > 0, 'the filestore upload was under way when the child was killed');
    assert.doesNotMatch(output, /^done$/m);
    assert.deepEqual(await listBackups(store, database), [], 'a killed backup is not a backup');
    assert.ok(
      (await store.incompleteUploads(prefix)).length > 0,
      'the unfinished upload is still in the bucket',
    );

    rmSync(join(dataDir, 'filestore', database, 'big.bin'));
    const manifest = await createBackup({
      store,
      source: { pg: ready.pg, database, dataDir },
      logger: silentLogger,
    });
    assert.deepEqual(
      await store.incompleteUploads(prefix),
      [],
      'the next backup aborted the unfinished upload',
    );
    const keys = (await store.list(prefix)).map((o) => o.key);
    assert.ok(
      keys.every((key) => key.includes(`/${manifest.id}/`)),
      `only the new backup's objects remain: ${keys.join(', ')}`,
    );
    assert.equal((await listBackups(store, database)).length, 1);
  },
);
