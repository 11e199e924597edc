// Forge's backup and restore against plain PostgreSQL tools, side by side, on one database of at
// least 200 MB (generated once and kept as forge_bench_backup) with a small filestore:
//   backup:  createBackup (pg_dump -Fc + filestore tar streamed to S3, checksummed)
//            vs `pg_dump DB | gzip > file` + `tar c filestore | gzip > file`
//   restore: restoreBackup (from S3 into a new database + filestore)
//            vs `pg_restore -d NEW file.pgc` (a local -Fc dump) + `tar xzf`
// S3 is Debian's Swift with s3api on loopback (test/support/swift-s3-server.ts).
// Run: node --import tsx bench/backup-bench.ts [--rows N] [--drop]
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupStore } from '../runner/backup/backup-store.js';
import { createBackup } from '../runner/backup/create-backup.js';
import { restoreBackup } from '../runner/backup/restore-backup.js';
import {
  databaseExists,
  defaultLocalPostgres as pg,
  dropDatabase,
  ensureLocalPostgres,
  psql,
} from '../runner/local-odoo/local-postgres.js';
import { silentLogger } from '../runner/logger.js';
import { startSwiftS3 } from '../test/support/swift-s3-server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATABASE = 'forge_bench_backup';
const argv = process.argv.slice(2);
const rows = Number(argv[argv.indexOf('--rows') + 1] || 0) || 1_600_000;
const env = {
  ...process.env,
  PGHOST: pg.host,
  PGPORT: String(pg.port),
  PGUSER: pg.user,
  PGPASSWORD: pg.password,
};

function sh(script: string): void {
  const result = spawnSync('sh', ['-c', script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`failed (exit ${result.status}): ${script}`);
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - started) / 1e9, value];
}

async function ensureDatabase(): Promise<void> {
  if (await databaseExists(pg, DATABASE)) return;
  console.log(`generating ${DATABASE} (${rows} rows)...`);
  await psql(pg, `CREATE DATABASE ${DATABASE}`);
  execFileSync(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      DATABASE,
      '-c',
      `CREATE TABLE bench_rows AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) AS payload,
         g % 1000 AS bucket, now() - g * interval '1 second' AS at FROM generate_series(1, ${rows}) g;
       ALTER TABLE bench_rows ADD PRIMARY KEY (id);
       CREATE TABLE bench_small AS SELECT g AS id, 'row ' || g AS name FROM generate_series(1, 10000) g;`,
    ],
    { env, stdio: 'inherit' },
  );
}

function seedFilestore(dataDir: string): string {
  const root = join(dataDir, 'filestore', DATABASE);
  for (let i = 0; i < 40; i++) {
    const dir = join(root, randomBytes(1).toString('hex'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, randomBytes(20).toString('hex')), randomBytes(256 * 1024));
  }
  return root;
}

await ensureLocalPostgres(pg);
await ensureDatabase();
const size = Number(await psql(pg, `SELECT pg_database_size('${DATABASE}')`));
const work = mkdtempSync(join(tmpdir(), 'forge-backup-bench-'));
const dataDir = join(work, 'data');
const filestore = seedFilestore(dataDir);
const swift = await startSwiftS3();
const store = new BackupStore({ ...swift.settings, prefix: `bench-${Date.now()}/` });
const restoredForge = `${DATABASE}_forge`;
const restoredPlain = `${DATABASE}_plain`;
try {
  console.log(`database ${DATABASE}: ${(size / 1024 / 1024).toFixed(0)} MiB; filestore 40 files (10 MiB)`);
  const [plainBackup] = await timed(() => {
    sh(`pg_dump -d ${DATABASE} | gzip > ${work}/plain.sql.gz`);
    sh(`tar -C ${filestore} -cf - . | gzip > ${work}/filestore.tar.gz`);
  });
  const [customDump] = await timed(() => sh(`pg_dump -Fc -d ${DATABASE} -f ${work}/plain.pgc`));
  const [forgeBackup, manifest] = await timed(() =>
    createBackup({ store, source: { pg, database: DATABASE, dataDir }, logger: silentLogger }),
  );
  await dropDatabase(pg, restoredPlain);
  const [plainRestore] = await timed(() => {
    sh(`createdb ${restoredPlain} && pg_restore --no-owner -d ${restoredPlain} ${work}/plain.pgc`);
    mkdirSync(join(work, 'plain-filestore'), { recursive: true });
    sh(`tar -C ${work}/plain-filestore -xzf ${work}/filestore.tar.gz`);
  });
  await dropDatabase(pg, restoredForge);
  const [forgeRestore] = await timed(() =>
    restoreBackup({
      store,
      manifest,
      target: { pg, database: restoredForge, dataDir },
      logger: silentLogger,
    }),
  );
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const row = (what: string, forge: number, plain: number): string =>
    `${what.padEnd(8)} forge ${forge.toFixed(1).padStart(6)} s   plain ${plain.toFixed(1).padStart(6)} s   ratio ${(forge / plain).toFixed(2)}x`;
  console.log(
    `sizes: forge dump ${mib(manifest.dump.bytes)} + filestore tar ${mib(manifest.filestore.bytes)}; ` +
      `pg_dump|gzip ${mib(statSync(join(work, 'plain.sql.gz')).size)}; pg_dump -Fc ${mib(statSync(join(work, 'plain.pgc')).size)} (${customDump.toFixed(1)} s)`,
  );
  console.log(row('backup', forgeBackup, plainBackup));
  console.log(row('restore', forgeRestore, plainRestore));
  console.log(`target: forge within 1.25x of the plain tools`);
} finally {
  await dropDatabase(pg, restoredForge);
  await dropDatabase(pg, restoredPlain);
  if (argv.includes('--drop')) await dropDatabase(pg, DATABASE);
  await swift.stop();
  rmSync(work, { recursive: true, force: true });
}
