// Backups of real Odoo 16, 17 and 18 databases (a clone of the base+mail template, with its
// filestore) through the CLI as an operator runs it: create (with its drill and retention),
// list, restore into another database, a refused overwrite, and the export as Odoo's own backup
// zip, restored by Odoo's database manager code. S3 is Debian's Swift with s3api on loopback.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test, type TestContext } from 'node:test';
import { filestoreChecksums } from '../../../runner/backup/filestore-tar.js';
import {
  cloneDatabase,
  dropDatabase,
  type LocalPostgres,
} from '../../../runner/local-odoo/local-postgres.js';
import { odooProcessEnv } from '../../../runner/local-odoo/odoo-source-tree.js';
import { ensureTemplateDatabase } from '../../../runner/local-odoo/template-database.js';
import { silentLogger } from '../../../runner/logger.js';
import { localPostgresOrSkip } from '../../support/local-postgres-or-skip.js';
import { odooTreeOrSkip, supportedSeries } from '../../support/odoo-trees.js';
import { swiftS3OrSkip, type SwiftS3Server } from '../../support/swift-s3-server.js';
import { sqlIn } from './backup-helpers.js';
import { cli } from '../../support/in-process-cli.js';

const run = promisify(execFile);
let swift: Promise<SwiftS3Server | undefined> | undefined;
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await (await swift)?.stop();
});

/** The CLI's environment and flags for the test store: keys in AWS_*, bucket and endpoint as flags. */
function storeOf(server: SwiftS3Server, prefix: string): { env: NodeJS.ProcessEnv; flags: string[] } {
  const s = server.settings;
  return {
    env: { ...process.env, AWS_ACCESS_KEY_ID: s.accessKeyId, AWS_SECRET_ACCESS_KEY: s.secretAccessKey },
    flags: ['--bucket', s.bucket, '--endpoint', s.endpoint, '--prefix', prefix],
  };
}

async function ready(
  t: TestContext,
  what: string,
): Promise<{ pg: LocalPostgres; server: SwiftS3Server } | undefined> {
  const pg = await localPostgresOrSkip(t, what);
  if (!pg) return undefined;
  swift ??= swiftS3OrSkip(t, what);
  const server = await swift;
  if (!server) {
    t.skip('no Swift (see the first skip line)');
    return undefined;
  }
  return { pg, server };
}

function modulesOf(pg: LocalPostgres, database: string): string {
  return sqlIn(
    pg,
    database,
    "SELECT string_agg(name || ' ' || latest_version, ',' ORDER BY name) FROM ir_module_module WHERE state = 'installed'",
  );
}

for (const series of supportedSeries) {
  test(
    `Odoo ${series}: backup create, list, restore and Odoo's zip restored by Odoo itself`,
    { timeout: 900_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'backing up a real Odoo database');
      if (!tree) return;
      const env = await ready(t, 'backing up a real Odoo database');
      if (!env) return;
      const { pg, server } = env;
      const template = await ensureTemplateDatabase(
        { tree, dependencies: ['mail'], demo: false },
        {
          pg,
          workDir: join(tmpdir(), 'odoo-forge-local-odoo'),
          logger: silentLogger,
          python: '/usr/bin/python3',
          timeoutMs: 600_000,
        },
      );
      const tag = randomBytes(3).toString('hex');
      const database = `forge_bk_odoo${series.replace('.0', '')}_${tag}`;
      const restored = `${database}_r`;
      const fromZip = `${database}_z`;
      const dataDir = mkdtempSync(join(tmpdir(), 'forge-backup-odoo-'));
      cleanups.push(async () => {
        for (const name of [database, restored, fromZip]) await dropDatabase(pg, name);
        rmSync(dataDir, { recursive: true, force: true });
      });
      await cloneDatabase(pg, template.name, database);
      const filestore = join(template.dataDir, 'filestore', template.name);
      if (existsSync(filestore)) cpSync(filestore, join(dataDir, 'filestore', database), { recursive: true });
      const sourceFiles = await filestoreChecksums(join(dataDir, 'filestore', database));
      const store = storeOf(server, `odoo${series}-${tag}/`);
      const db = [
        '--data-dir',
        dataDir,
        '--db-host',
        pg.host,
        '--db-port',
        String(pg.port),
        '--db-user',
        pg.user,
      ];
      const pgEnv = { ...store.env, PGPASSWORD: pg.password };

      const created = await cli(['backup', 'create', database, ...store.flags, ...db], pgEnv);
      assert.equal(created.code, 0, created.err);
      const id = created.out.trim();
      assert.match(created.err, /drill of backup .*: passed/);

      const listed = await cli(['backup', 'list', database, ...store.flags, '--json'], store.env);
      const [entry] = JSON.parse(
        listed.out,
      ) as import('../../../runner/backup/backup-manifest.js').BackupEntry[];
      assert.equal(entry!.manifest.id, id);
      assert.equal(entry!.drill?.passed, true);
      assert.equal(entry!.manifest.facts.odooSeries, series);
      assert.ok('mail' in entry!.manifest.facts.modules && 'base' in entry!.manifest.facts.modules);
      assert.deepEqual(entry!.manifest.filestore.files, sourceFiles);
      assert.ok(Object.keys(sourceFiles).length > 0, 'the template has a filestore (web assets)');
      assert.match(
        (await cli(['backup', 'list', database, ...store.flags], store.env)).out,
        new RegExp(`^${id}\\t.*drill passed$`, 'm'),
      );

      const refused = await cli(['backup', 'restore', database, ...store.flags, ...db], pgEnv);
      assert.equal(refused.code, 1);
      assert.match(
        refused.err,
        new RegExp(`database ${database} exists: restoring backup ${id} would overwrite it`),
      );
      assert.match(refused.err, /--overwrite/);

      const restore = await cli(
        ['backup', 'restore', database, '--to', restored, ...store.flags, ...db],
        pgEnv,
      );
      assert.equal(restore.code, 0, restore.err);
      assert.equal(modulesOf(pg, restored), modulesOf(pg, database));
      assert.deepEqual(await filestoreChecksums(join(dataDir, 'filestore', restored)), sourceFiles);

      const zip = join(dataDir, 'backup.zip');
      const exported = await cli(['backup', 'export', database, ...store.flags, '--output', zip], store.env);
      assert.equal(exported.code, 0, exported.err);
      const zipDataDir = join(dataDir, 'zip-odoo');
      const script = new URL('./fixtures/restore-zip.py', import.meta.url).pathname;
      const config = {
        db: fromZip,
        zip,
        db_host: pg.host,
        db_port: pg.port,
        db_user: pg.user,
        db_password: pg.password,
        addons_path: tree.addonsPaths.join(','),
        data_dir: zipDataDir,
      };
      const { stdout } = await run('/usr/bin/python3', [script, JSON.stringify(config)], {
        env: odooProcessEnv(tree),
        cwd: dataDir,
        timeout: 300_000,
      });
      const odoo = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
        modules: Record<string, string>;
        files: number;
      };
      assert.deepEqual(
        odoo.modules,
        entry!.manifest.facts.modules,
        "Odoo's restore of the zip has the same modules",
      );
      assert.equal(odoo.files, Object.keys(sourceFiles).length);
      assert.equal(
        sqlIn(pg, fromZip, 'SELECT count(*) FROM res_partner'),
        sqlIn(pg, database, 'SELECT count(*) FROM res_partner'),
      );
    },
  );
}

test(
  'the CLI refuses a wrong secret and an unreachable store with a clear message, and a missing bucket as bad input',
  { timeout: 300_000 },
  async (t) => {
    const env = await ready(t, 'CLI errors of backups');
    if (!env) return;
    const store = storeOf(env.server, 'errors/');
    const wrong = await cli(['backup', 'list', 'anydb', ...store.flags], {
      ...store.env,
      AWS_SECRET_ACCESS_KEY: 'wrong',
    });
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.err,
      /refused the credentials of access key forge:tester .*the secret access key is wrong/,
    );
    assert.match(wrong.err, /hint: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    const unreachable = await cli(
      ['backup', 'create', 'anydb', '--bucket', 'b', '--endpoint', 'http://127.0.0.1:9'],
      store.env,
    );
    assert.equal(unreachable.code, 1);
    assert.match(
      unreachable.err,
      /S3 store s3:\/\/b\/ at http:\/\/127\.0\.0\.1:9 is unreachable \(ECONNREFUSED\)/,
    );
    const noBucket = await cli(['backup', 'list', 'anydb'], { ...store.env, FORGE_BACKUP_BUCKET: '' });
    assert.equal(noBucket.code, 2);
    assert.match(noBucket.err, /no backup bucket: neither --bucket nor FORGE_BACKUP_BUCKET is set/);
  },
);
