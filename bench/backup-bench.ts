// Forge's backup and restore against plain PostgreSQL tools, side by side, on one database of at
// least 200 MB (generated once and kept as forge_bench_backup) with a small filestore:
//   backup:  createBackup (pg_dump -Fc + filestore tar streamed to S3, checksummed)
//            vs `pg_dump DB | gzip > file` + `tar c filestore | gzip > file`
//   restore: restoreBackup (from S3 into a new database + filestore)
//            vs `pg_restore -d NEW file.pgc` (a local -Fc dump) + `tar xzf`
//   deploy:  the whole deploy of the library example (test/runner/deploy/library-addon.ts) on a
//            real Odoo 18 environment (Podman, `odoo-forge env up`, S3 = the same Swift): v1
//            (-i library), then v2 (-u library, a new field), each split into its phases:
//            backup + update + start + health, and the drill of the backup after it.
// S3 is Debian's Swift with s3api on loopback (test/support/swift-s3-server.ts).
// Run: node --import tsx bench/backup-bench.ts [--rows N] [--rounds N (3)] [--drop] [--no-deploy]
// Backup and restore run --rounds times, plain first in odd rounds and Forge first in even ones;
// each round and the medians are printed.
// The deploy part needs the Podman service (source /tmp/forge.env: DOCKER_HOST) and an Odoo 18.0
// tree (ODOO_SRC_18, else ../shared/odoo/18.0); without them it prints why it was skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { environmentOf } from '../core/config/environments.js';
import { parseForgeConfig } from '../core/config/forge-config.js';
import { BackupStore } from '../runner/backup/backup-store.js';
import { deployEnvironment } from '../runner/deploy/deploy-environment.js';
import { environmentContext } from '../runner/environments/environment-context.js';
import type { DeployPhase } from '../runner/environments/environment-files.js';
import type { S3Settings } from '../runner/backup/s3-settings.js';
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
import { writeLibraryVersion } from '../test/runner/deploy/library-addon.js';
import { cli } from '../test/support/in-process-cli.js';
import { startSwiftS3 } from '../test/support/swift-s3-server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATABASE = 'forge_bench_backup';
const argv = process.argv.slice(2);
const rows = Number(argv[argv.indexOf('--rows') + 1] || 0) || 1_600_000;
const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) || 3 : 3;
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

/**
 * The whole deploy of the library example, v1 then v2, on an environment of its own (removed
 * afterwards): each deploy's phases timed from the journal's phase changes (`onPhase`).
 */
async function timeDeploys(s3: S3Settings, work: string): Promise<void> {
  const odooSrc = resolve(
    process.env.ODOO_SRC_18 ?? fileURLToPath(new URL('../../shared/odoo/18.0', import.meta.url)),
  );
  if (!existsSync(join(odooSrc, 'odoo-bin')) && !existsSync(join(odooSrc, 'odoo', 'release.py'))) {
    console.log(`deploy: skipped (no Odoo 18.0 tree at ${odooSrc}: set ODOO_SRC_18)`);
    return;
  }
  const name = 'bench-deploy';
  const configPath = join(work, 'odoo-forge.yml');
  const configText = [
    'environments:',
    `  ${name}:`,
    '    branch: staging',
    '    runner_labels: [self-hosted]',
    '    odoo: "18.0"',
    `    odoo_src: ${odooSrc}`,
    '    backup:',
    `      bucket: ${s3.bucket}`,
    `      endpoint: ${s3.endpoint}`,
    `      prefix: bench-deploy-${Date.now()}/`,
    '',
  ].join('\n');
  writeFileSync(configPath, configText);
  const home = join(work, 'environments');
  const cliEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
  const flags = ['--config', configPath, '--home', home];
  try {
    const [upSeconds, up] = await timed(() => cli(['env', 'up', name, ...flags], cliEnv));
    if (up.code !== 0) {
      console.log(`deploy: skipped (env up failed: ${up.err.trim().split('\n')[0] ?? ''})`);
      return;
    }
    console.log(`env up ${name} (Odoo 18, Podman): ${upSeconds.toFixed(1)} s`);
    const parsed = parseForgeConfig(parse(configText) as unknown);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const context = await environmentContext({
      name,
      config: environmentOf(parsed.config.environments, name, configPath),
      cwd: work,
      env: cliEnv,
      home,
      logger: silentLogger,
    });
    for (const version of [1, 2] as const) {
      const addons = join(work, `library-v${version}`);
      writeLibraryVersion(addons, version);
      const marks = new Map<DeployPhase | 'start', bigint>([['start', process.hrtime.bigint()]]);
      const result = await deployEnvironment({
        ...context,
        addonsDir: addons,
        onPhase: (phase) => marks.set(phase, process.hrtime.bigint()),
      });
      const end = process.hrtime.bigint();
      const at = (phase: DeployPhase | 'start'): bigint => marks.get(phase) ?? end;
      const span = (from: DeployPhase | 'start', to: bigint): number => Number(to - at(from)) / 1e9;
      const drill = result.drill?.seconds ?? 0;
      const total = span('start', end);
      const lockAndPlan = span('start', at('backing-up'));
      const backup = span('backing-up', at('updating'));
      const update = span('updating', at('starting'));
      const start = span('starting', at('checking'));
      const health = span('checking', end) - drill;
      const what = version === 1 ? '-i library' : '-u library';
      console.log(
        `deploy v${version} (${what}): ${result.outcome} in ${(total - drill).toFixed(1)} s = lock+plan ${lockAndPlan.toFixed(1)} + backup ${backup.toFixed(1)} + update ${update.toFixed(1)} + start ${start.toFixed(1)} + health ${health.toFixed(1)} s; then the drill ${drill.toFixed(1)} s (${result.drill?.passed ? 'passed' : 'not passed'})`,
      );
      if (result.outcome !== 'deployed') console.log(`  problems: ${result.problems.join('; ')}`);
    }
  } finally {
    await cli(['env', 'down', name, '--purge', ...flags], cliEnv);
  }
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
  const [customDump] = await timed(() => sh(`pg_dump -Fc -d ${DATABASE} -f ${work}/plain.pgc`));
  const plainBackup = async () => {
    const [seconds] = await timed(() => {
      sh(`pg_dump -d ${DATABASE} | gzip > ${work}/plain.sql.gz`);
      sh(`tar -C ${filestore} -cf - . | gzip > ${work}/filestore.tar.gz`);
    });
    return seconds;
  };
  const forgeBackup = () =>
    timed(() => createBackup({ store, source: { pg, database: DATABASE, dataDir }, logger: silentLogger }));
  const plainRestore = async () => {
    await dropDatabase(pg, restoredPlain);
    rmSync(join(work, 'plain-filestore'), { recursive: true, force: true });
    const [seconds] = await timed(() => {
      sh(`createdb ${restoredPlain} && pg_restore --no-owner -d ${restoredPlain} ${work}/plain.pgc`);
      mkdirSync(join(work, 'plain-filestore'), { recursive: true });
      sh(`tar -C ${work}/plain-filestore -xzf ${work}/filestore.tar.gz`);
    });
    return seconds;
  };
  const forgeRestore = async (manifest: Awaited<ReturnType<typeof createBackup>>) => {
    await dropDatabase(pg, restoredForge);
    const [seconds] = await timed(() =>
      restoreBackup({
        store,
        manifest,
        target: { pg, database: restoredForge, dataDir },
        logger: silentLogger,
      }),
    );
    return seconds;
  };
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const row = (what: string, forge: number, plain: number): string =>
    `${what.padEnd(8)} forge ${forge.toFixed(1).padStart(6)} s   plain ${plain.toFixed(1).padStart(6)} s   ratio ${(forge / plain).toFixed(2)}x`;
  // Rounds, each tool first in every other one: on a shared machine one run is noise (±40 %).
  const times = {
    forgeBackup: [] as number[],
    plainBackup: [] as number[],
    forgeRestore: [] as number[],
    plainRestore: [] as number[],
  };
  for (let round = 1; round <= rounds; round++) {
    const plainFirst = round % 2 === 1;
    if (plainFirst) times.plainBackup.push(await plainBackup());
    const [forgeSeconds, manifest] = await forgeBackup();
    times.forgeBackup.push(forgeSeconds);
    if (!plainFirst) times.plainBackup.push(await plainBackup());
    if (plainFirst) times.plainRestore.push(await plainRestore());
    times.forgeRestore.push(await forgeRestore(manifest));
    if (!plainFirst) times.plainRestore.push(await plainRestore());
    if (round === 1)
      console.log(
        `sizes: forge dump ${mib(manifest.dump.bytes)} + filestore tar ${mib(manifest.filestore.bytes)}; ` +
          `pg_dump|gzip ${mib(statSync(join(work, 'plain.sql.gz')).size)}; pg_dump -Fc ${mib(statSync(join(work, 'plain.pgc')).size)} (${customDump.toFixed(1)} s)`,
      );
    const at = (list: number[]) => list[round - 1] ?? 0;
    console.log(`round ${round} (${plainFirst ? 'plain' : 'forge'} first):`);
    console.log(`  ${row('backup', at(times.forgeBackup), at(times.plainBackup))}`);
    console.log(`  ${row('restore', at(times.forgeRestore), at(times.plainRestore))}`);
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  console.log(`median of ${rounds} round(s):`);
  console.log(`  ${row('backup', median(times.forgeBackup), median(times.plainBackup))}`);
  console.log(`  ${row('restore', median(times.forgeRestore), median(times.plainRestore))}`);
  console.log(`target: forge within 1.25x of the plain tools`);
  if (!argv.includes('--no-deploy')) await timeDeploys(swift.settings, work);
} finally {
  await dropDatabase(pg, restoredForge);
  await dropDatabase(pg, restoredPlain);
  if (argv.includes('--drop')) await dropDatabase(pg, DATABASE);
  await swift.stop();
  rmSync(work, { recursive: true, force: true });
}
