// One scenario on real Podman, real Odoo 18 and a real S3 API (Swift's s3api, SigV4): `env up
// staging` (on its configured port, with its mail catcher), deploy library v1, create records,
// a mail caught, deploy v2 (a new field) → records kept and the field works, the pre-deploy
// backups drilled; S3 unreachable → refused, nothing touched; broken v3 → failure, restored
// (same row counts, same filestore); a deploy killed with SIGKILL mid-update → `env status`
// restores; `env rollback` undoes v2; `env copy production staging` neutralizes and catches
// mail; `env down`/`up` keep the caught mail. On 16.0 and 17.0: v1 and v2 deployed, `env copy`
// neutralizes with that series' odoo-bin, and (16.0) two `deploy` processes at once are serialized.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { filestoreChecksums } from '../../../runner/backup/filestore-tar.js';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import type { DeployResult } from '../../../runner/deploy/deploy-environment.js';
import {
  addonHashes,
  type DeployJournal,
  type EnvironmentState,
} from '../../../runner/environments/environment-files.js';
import type { CaughtMail } from '../../../runner/mail/caught-mail.js';
import { volumeMountpoint } from '../../../runner/environments/volume-mountpoint.js';
import type { LocalPostgres } from '../../../runner/local-odoo/local-postgres.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { swiftS3OrSkip } from '../../support/swift-s3-server.js';
import { rowCounts, sqlIn } from '../backup/backup-helpers.js';
import { engineOrSkip } from '../helpers/engine.js';
import { writeLibraryVersion } from './library-addon.js';
import { adminRpc } from './odoo-rpc.js';
import { cli, type CliRun } from '../../support/in-process-cli.js';
import { spawnCli, watchJournal } from './deploy-process.js';

/**
 * staging on a fixed `port`, and a `production` whose backups are staging's own (prefix
 * `staging/`): `env copy production staging` then copies a real backup without a second stack.
 */
function configFile(
  dir: string,
  file: string,
  odooSrc: string,
  bucket: string,
  endpoint: string,
  port: number,
): string {
  const path = join(dir, file);
  const environment = (name: string, extra: string[]) => [
    `  ${name}:`,
    `    branch: ${name}`,
    `    runner_labels: [self-hosted, odoo-${name}]`,
    '    odoo: "18.0"',
    `    odoo_src: ${odooSrc}`,
    ...extra,
    '    backup:',
    `      bucket: ${bucket}`,
    `      endpoint: ${endpoint}`,
    '      prefix: staging/',
  ];
  writeFileSync(
    path,
    [
      'environments:',
      ...environment('staging', [`    port: ${port}`]),
      ...environment('production', []),
      '',
    ].join('\n'),
  );
  return path;
}

/** A TCP port nothing listens on now (the kernel's pick, released at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** The mails staging's catcher kept, through `env mails --json`, once there are `count` of them. */
async function caughtMails(flags: string[], env: NodeJS.ProcessEnv, count: number): Promise<CaughtMail[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = await cli(['env', 'mails', 'staging', '--json', ...flags], env);
    assert.equal(listed.code, 0, listed.err);
    const mails = JSON.parse(listed.out) as CaughtMail[];
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Two `odoo-forge deploy` processes started at the same moment on environment `name` (two
 * variants of library v2, told apart by a RELEASE file): one deploys while the other waits on
 * the lock, then the other deploys after it; a third one with `--lock-timeout 1` is refused,
 * naming the running deploy. The environment ends on the second release, nothing left behind.
 */
async function twoDeploysAtOnce(
  t: TestContext,
  o: {
    name: string;
    home: string;
    flags: string[];
    env: NodeJS.ProcessEnv;
    driver: ContainerDriver;
    work: string;
    series: '16.0' | '17.0';
  },
): Promise<void> {
  const dirs = ['a', 'b'].map((marker) => {
    const dir = join(o.work, `${o.name}-v2${marker}`);
    mkdirSync(dir, { recursive: true });
    writeLibraryVersion(dir, 2, o.series);
    writeFileSync(join(dir, 'library', 'RELEASE'), `${marker}\n`);
    return dir;
  });
  const started = Date.now();
  const processes = dirs.map((dir) =>
    spawnCli(['deploy', o.name, '--addons', dir, '--no-drill', '--json', ...o.flags], o.env),
  );
  const both = Promise.all(processes.map((p) => p.done));
  let refusal: Promise<CliRun> | undefined;
  let named: DeployJournal | undefined;
  const journalFile = join(o.home, o.name, 'deploy-journal.json');
  const sightings = await watchJournal(journalFile, processes, both, (journal) => {
    named = journal;
    refusal = cli(['deploy', o.name, '--addons', dirs[0] ?? '', '--lock-timeout', '1', ...o.flags], o.env);
  });
  const ran = await both;
  t.diagnostic(`two deploys at once: both ended in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of ran) assert.equal(r.code, 0, r.err + r.out);
  const results = ran.map((r) => JSON.parse(r.out) as DeployResult);
  const [first, second] = [...results].sort((a, b) => a.deployId.localeCompare(b.deployId));
  assert.ok(first && second);
  const pidOf = (result: DeployResult) => processes[results.indexOf(result)]?.child.pid;
  // The second's journal appears only once the first's is gone, and while the first was
  // updating the second process was alive: it waited on the lock.
  const order = sightings.map((s) => s.deployId).filter((id, i, all) => all.indexOf(id) === i);
  assert.deepEqual(order, [first.deployId, second.deployId], JSON.stringify(sightings));
  const firstIds = sightings.map((s) => s.deployId);
  assert.ok(firstIds.lastIndexOf(first.deployId) < firstIds.indexOf(second.deployId));
  const firstUpdating = sightings.find((s) => s.deployId === first.deployId && s.phase === 'updating');
  assert.equal(firstUpdating?.pid, pidOf(first));
  assert.ok(firstUpdating?.alive.includes(pidOf(second) ?? -1), JSON.stringify(sightings));
  assert.equal(sightings.find((s) => s.deployId === second.deployId)?.pid, pidOf(second));
  // Each deploy updated library over the release before it, with a backup of its own, in order.
  assert.deepEqual(
    results.map((r) => [r.outcome, r.plan.update]),
    [
      ['deployed', ['library']],
      ['deployed', ['library']],
    ],
  );
  assert.ok(first.backupId < second.backupId, `${first.backupId} < ${second.backupId}`);
  // The third deploy, with one second to wait, was refused naming the deploy that held the lock.
  assert.ok(refusal && named);
  const refused = await refusal;
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.err,
    new RegExp(`environment ${o.name} is busy: deploy ${named.deployId} \\(pid ${named.pid}\\) is in phase`),
  );
  assert.equal(named.deployId, first.deployId);
  // The environment ends on the second release; the journal, the update containers and the lock are gone.
  const state = JSON.parse(readFileSync(join(o.home, o.name, 'state.json'), 'utf8')) as EnvironmentState;
  const secondDir = dirs[results.indexOf(second)] ?? '';
  assert.equal(state.release, join(o.home, o.name, 'releases', second.deployId));
  assert.deepEqual(state.addons, addonHashes(secondDir));
  assert.equal(
    readFileSync(join(state.release, 'library', 'RELEASE'), 'utf8'),
    readFileSync(join(secondDir, 'library', 'RELEASE'), 'utf8'),
  );
  assert.deepEqual(
    [state.lastDeploy?.deployId, state.lastDeploy?.backupId, state.lastDeploy?.previousRelease],
    [second.deployId, second.backupId, join(o.home, o.name, 'releases', first.deployId)],
  );
  assert.deepEqual(readdirSync(join(o.home, o.name, 'releases')).sort(), [first.deployId, second.deployId]);
  assert.equal(existsSync(journalFile), false);
  for (const r of results)
    assert.equal(
      await o.driver.inspectContainer(`forge-env-${o.name}-run-${r.deployId.slice(-4)}`),
      undefined,
    );
  assert.equal(
    spawnSync('flock', ['--nonblock', join(o.home, o.name, 'deploy.lock'), 'true']).status,
    0,
    'the lock is free',
  );
  const status = await cli(['env', 'status', o.name, '--json', ...o.flags], o.env);
  assert.equal((JSON.parse(status.out) as { health?: string }).health, 'pass');
}

function pgAt(port: number): LocalPostgres {
  return { host: '127.0.0.1', port, user: 'odoo', password: 'odoo' };
}

test(
  'environment staging on Odoo 18: deploys v1 and v2 keep the records, S3 down is refused, broken v3 and a SIGKILLed deploy are restored',
  { timeout: 25 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'deploy scenario (real Odoo)');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const swift = await swiftS3OrSkip(t, 'deploy scenario');
    if (!swift) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-'));
    const home = join(work, 'home');
    const s3 = swift.settings;
    const port = await freePort();
    const config = configFile(work, 'forge.yml', tree.root, s3.bucket, s3.endpoint, port);
    const offline = configFile(work, 'offline.yml', tree.root, s3.bucket, 'http://127.0.0.1:9', port);
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const flags = ['--config', config, '--home', home];
    t.after(async () => {
      await cli(['env', 'down', 'staging', '--purge', ...flags], env);
      await swift.stop();
      rmSync(work, { recursive: true, force: true });
    });
    const release = (version: 1 | 2 | 3): string => {
      const dir = join(work, `v${version}`);
      mkdirSync(dir, { recursive: true });
      writeLibraryVersion(dir, version);
      return dir;
    };
    const deploy = async (dir: string, extra: string[] = flags) => {
      const ran = await cli(['deploy', 'staging', '--addons', dir, '--json', ...extra], env);
      const parsed: unknown = ran.out.startsWith('{') ? JSON.parse(ran.out) : undefined;
      const result =
        parsed && typeof parsed === 'object' && 'outcome' in parsed ? (parsed as DeployResult) : undefined;
      if (result)
        t.diagnostic(`deploy ${dir.split('/').pop()}: ${result.outcome} in ${result.seconds.toFixed(1)} s`);
      return { ...ran, result };
    };

    // An unknown environment name: an input error listing the known ones, nothing started.
    const unknown = await cli(['deploy', 'prod', '--addons', work, ...flags], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no environment "prod" in .*forge\.yml: it has "staging"/);
    assert.equal(await driver.inspectContainer('forge-env-prod-db'), undefined);

    const upStarted = Date.now();
    const up = await cli(['env', 'up', 'staging', ...flags], env);
    t.diagnostic(`env up: ${((Date.now() - upStarted) / 1000).toFixed(1)} s`);
    assert.equal(up.code, 0, up.err);
    assert.match(up.out, /\/web\/health: pass/);
    // `port:` is honoured, and the mail catcher runs beside Odoo.
    assert.match(up.out, new RegExp(`url: http://127\\.0\\.0\\.1:${port} `));
    assert.match(up.out, /mail catcher: running, 0 mail\(s\) caught/);
    const dbInfo = await driver.inspectContainer('forge-env-staging-db');
    const pg = pgAt(dbInfo?.ports[5432] ?? 0);
    const filestore = join(
      await volumeMountpoint(driver.endpoint, 'forge-env-staging-data'),
      'odoo',
      'filestore',
      'forge',
    );

    // v1: a new addon is installed (-i) at its manifest version.
    const v1 = await deploy(release(1));
    assert.equal(v1.code, 0, v1.err + v1.out);
    assert.equal(v1.result?.outcome, 'deployed');
    assert.deepEqual(v1.result?.plan.install, ['library']);
    const rpc1 = await adminRpc(v1.result?.url ?? '');
    const ids = await rpc1<number[]>('library.book', 'create', [
      [{ name: 'Dune' }, { name: 'Emma' }, { name: 'Ulysses' }],
    ]);
    assert.equal(ids.length, 3);
    assert.equal(v1.result?.url, `http://127.0.0.1:${port}`);
    assert.equal(v1.result?.drill?.passed, true, JSON.stringify(v1.result?.drill));

    // Staging's Odoo sends mail through its SMTP settings: the catcher keeps it, nothing leaves.
    await rpc1('library.book', 'action_send_notice', [[ids[0]]]);
    const caught = await caughtMails(flags, env, 1);
    assert.deepEqual(
      caught.map((m) => [m.subject, m.envelopeTo]),
      [['New book: Dune', ['reader@forge.example']]],
    );

    // v2: the changed addon is updated (-u); the records stay and the new field works.
    const v2 = await deploy(release(2));
    assert.equal(v2.code, 0, v2.err + v2.out);
    assert.deepEqual(
      [v2.result?.outcome, v2.result?.plan.update, v2.result?.plan.install],
      ['deployed', ['library'], []],
    );
    const rpc2 = await adminRpc(v2.result?.url ?? '');
    await rpc2('library.book', 'write', [[ids[0]], { isbn: '9780441013593' }]);
    const books = await rpc2<{ name: string; isbn: string | false }[]>('library.book', 'search_read', [[]], {
      fields: ['name', 'isbn'],
      order: 'name',
    });
    assert.deepEqual(
      books.map((b) => [b.name, b.isbn]),
      [
        ['Dune', '9780441013593'],
        ['Emma', false],
        ['Ulysses', false],
      ],
    );
    assert.equal(
      sqlIn(pg, 'forge', "SELECT latest_version FROM ir_module_module WHERE name = 'library'"),
      '18.0.1.1.0',
    );
    assert.equal(v2.result?.mailsCaught, 1);
    assert.equal(v2.result?.drill?.passed, true, JSON.stringify(v2.result?.drill));

    // S3 unreachable: refused before anything is touched (no journal, same release, Odoo still serves).
    const stateBefore = readFileSync(join(home, 'staging', 'state.json'), 'utf8');
    const refused = await deploy(release(3), ['--config', offline, '--home', home]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.err + refused.out, /127\.0\.0\.1:9/);
    assert.equal(existsSync(join(home, 'staging', 'deploy-journal.json')), false);
    assert.equal(readFileSync(join(home, 'staging', 'state.json'), 'utf8'), stateBefore);
    const status = await cli(['env', 'status', 'staging', '--json', ...flags], env);
    assert.equal((JSON.parse(status.out) as { health?: string }).health, 'pass');

    // Broken v3: the update fails, the backup is restored: same rows, same filestore, v2 serving.
    const rowsBefore = rowCounts(pg);
    const filesBefore = await filestoreChecksums(filestore);
    assert.ok(Object.keys(filesBefore).length > 0, 'the base database has filestore files');
    const v3 = await deploy(release(3));
    assert.equal(v3.code, 1, v3.err + v3.out);
    assert.equal(v3.result?.outcome, 'restored');
    assert.match(v3.result?.problems.join('\n') ?? '', /no_such_field|exited/);
    assert.deepEqual(rowCounts(pg), rowsBefore);
    assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
    assert.equal(
      sqlIn(pg, 'forge', "SELECT latest_version FROM ir_module_module WHERE name = 'library'"),
      '18.0.1.1.0',
    );
    const rpc3 = await adminRpc(v3.result?.url ?? '');
    const dune = await rpc3<{ isbn: string }[]>('library.book', 'search_read', [[['name', '=', 'Dune']]], {
      fields: ['isbn'],
    });
    assert.equal(dune[0]?.isbn, '9780441013593');

    // A deploy killed with SIGKILL in the middle of its update: `env status` finds it and restores.
    const rowsBeforeKill = rowCounts(pg);
    const { child } = spawnCli(['deploy', 'staging', '--addons', release(3), ...flags], env);
    const journalFile = join(home, 'staging', 'deploy-journal.json');
    const deadline = Date.now() + 180_000;
    while (!(existsSync(journalFile) && readFileSync(journalFile, 'utf8').includes('"updating"'))) {
      assert.ok(Date.now() < deadline, 'the deploy reached its update within 3 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const recovered = await cli(['env', 'status', 'staging', '--json', ...flags], env);
    assert.equal(recovered.code, 0, recovered.err);
    const summary = JSON.parse(recovered.out) as {
      health?: string;
      recovered?: { restoredBackup?: string; phase: string };
    };
    assert.equal(summary.recovered?.phase, 'updating');
    assert.ok(summary.recovered?.restoredBackup, 'the pre-deploy backup was restored');
    assert.equal(summary.health, 'pass');
    assert.equal(existsSync(journalFile), false);
    assert.deepEqual(rowCounts(pg), rowsBeforeKill);

    // `env rollback`: the backup taken before the last deploy (v2) is restored and v1 serves again.
    const rolled = await cli(['env', 'rollback', 'staging', '--json', ...flags], env);
    assert.equal(rolled.code, 0, rolled.err + rolled.out);
    const rollback = JSON.parse(rolled.out) as { restoredBackup: string; safetyBackup: string; url: string };
    assert.equal(rollback.restoredBackup, v2.result?.backupId);
    assert.equal(
      sqlIn(pg, 'forge', "SELECT latest_version FROM ir_module_module WHERE name = 'library'"),
      '18.0.1.0.0',
    );
    assert.equal(sqlIn(pg, 'forge', 'SELECT count(*) FROM library_book'), '3');
    const again = await cli(['env', 'rollback', 'staging', ...flags], env);
    assert.equal(again.code, 2);
    assert.match(again.err, /has no deploy to roll back/);

    // `env copy production staging`: production's latest drill-passed backup, neutralized, its
    // mail pointed at staging's catcher; staging was backed up first.
    const copied = await cli(['env', 'copy', 'production', 'staging', '--json', ...flags], env);
    assert.equal(copied.code, 0, copied.err + copied.out);
    const copy = JSON.parse(copied.out) as {
      outcome: string;
      copiedBackup: string;
      safetyBackup: string;
      url: string;
    };
    assert.equal(copy.outcome, 'copied');
    assert.equal(copy.copiedBackup, v2.result?.backupId, 'the newest backup whose drill passed');
    assert.equal(
      sqlIn(pg, 'forge', "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'"),
      'true',
    );
    assert.equal(
      sqlIn(
        pg,
        'forge',
        "SELECT count(*) FROM ir_cron WHERE active AND id NOT IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND name = 'autovacuum_job')",
      ),
      '0',
    );
    assert.equal(sqlIn(pg, 'forge', 'SELECT smtp_host FROM ir_mail_server WHERE active'), 'mail');
    const backups = await cli(
      ['backup', 'list', 'forge', '--bucket', s3.bucket, '--endpoint', s3.endpoint, '--prefix', 'staging/'],
      env,
    );
    assert.match(backups.out, new RegExp(copy.safetyBackup));
    // `backup list` shows the pre-deploy backups of v1 and v2, each with its drill passed.
    for (const id of [v1.result?.backupId, v2.result?.backupId])
      assert.match(backups.out, new RegExp(`^${id}\\t.*\\tdrill passed$`, 'm'), backups.out);
    const rpc4 = await adminRpc(copy.url);
    const [emma] = await rpc4<number[]>('library.book', 'search', [[['name', '=', 'Emma']]]);
    await rpc4('library.book', 'action_send_notice', [[emma]]);
    assert.deepEqual(
      (await caughtMails(flags, env, 2)).map((m) => m.subject),
      ['New book: Dune', 'New book: Emma'],
    );

    // `env down` stops the catcher with the rest; `env up` starts it again, its mail kept.
    const down = await cli(['env', 'down', 'staging', ...flags], env);
    assert.equal(down.code, 0, down.err);
    assert.equal(await driver.inspectContainer('forge-env-staging-mail'), undefined);
    const upAgain = await cli(['env', 'up', 'staging', ...flags], env);
    assert.equal(upAgain.code, 0, upAgain.err);
    assert.match(upAgain.out, /mail catcher: running, 2 mail\(s\) caught/);
  },
);

test(
  'environment on Odoo 16 and 17: library v1 is installed and v2 (a new field) updated, records kept, env copy neutralizes; two deploys at once are serialized (16.0)',
  { timeout: 15 * 60_000 },
  async (t) => {
    const swift = await swiftS3OrSkip(t, 'deploy on 16.0 and 17.0');
    if (!swift) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-series-'));
    const s3 = swift.settings;
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const cleanups: (() => Promise<unknown>)[] = [];
    t.after(async () => {
      for (const cleanup of cleanups) await cleanup();
      await swift.stop();
      rmSync(work, { recursive: true, force: true });
    });
    for (const series of ['16.0', '17.0'] as const) {
      const tree = odooTreeOrSkip(t, series, `deploy on ${series} (real Odoo)`);
      if (!tree) return;
      const driver = await engineOrSkip(t, [
        defaultPostgresImage(process.env),
        defaultRuntimeImage(series, process.env),
      ]);
      if (!driver) return;
      const name = `series${series.slice(0, 2)}`;
      const production = `prod${series.slice(0, 2)}`;
      const config = join(work, `${name}.yml`);
      // `prodNN` keeps its backups where `seriesNN` does: `env copy prodNN seriesNN` copies a
      // real backup without a second stack.
      const environment = (env: string) => [
        `  ${env}:`,
        `    branch: ${env}`,
        '    runner_labels: [self-hosted]',
        `    odoo: "${series}"`,
        `    odoo_src: ${tree.root}`,
        '    mail_catcher: false',
        '    backup:',
        `      bucket: ${s3.bucket}`,
        `      endpoint: ${s3.endpoint}`,
        `      prefix: ${name}/`,
      ];
      writeFileSync(
        config,
        ['environments:', ...environment(name), ...environment(production), ''].join('\n'),
      );
      const flags = ['--config', config, '--home', join(work, 'home')];
      cleanups.push(() => cli(['env', 'down', name, '--purge', ...flags], env));
      const up = await cli(['env', 'up', name, ...flags], env);
      assert.equal(up.code, 0, up.err);
      const deployed: DeployResult[] = [];
      for (const version of [1, 2] as const) {
        const dir = join(work, `${name}-v${version}`);
        mkdirSync(dir, { recursive: true });
        writeLibraryVersion(dir, version, series);
        const ran = await cli(['deploy', name, '--addons', dir, '--no-drill', '--json', ...flags], env);
        assert.equal(ran.code, 0, ran.err + ran.out);
        deployed.push(JSON.parse(ran.out) as DeployResult);
        t.diagnostic(`${series} deploy v${version}: ${deployed.at(-1)?.seconds.toFixed(1)} s`);
        if (version === 1) {
          const rpc = await adminRpc(deployed[0]?.url ?? '');
          await rpc('library.book', 'create', [[{ name: 'Dune' }, { name: 'Emma' }]]);
        }
      }
      assert.deepEqual(
        deployed.map((d) => [d.outcome, d.plan.install, d.plan.update]),
        [
          ['deployed', ['library'], []],
          ['deployed', [], ['library']],
        ],
      );
      const rpc = await adminRpc(deployed[1]?.url ?? '');
      const [dune] = await rpc<number[]>('library.book', 'search', [[['name', '=', 'Dune']]]);
      await rpc('library.book', 'write', [[dune], { isbn: '9780441013593' }]);
      const books = await rpc<{ name: string; isbn: string | false }[]>('library.book', 'search_read', [[]], {
        fields: ['name', 'isbn'],
        order: 'name',
      });
      assert.deepEqual(
        books.map((b) => [b.name, b.isbn]),
        [
          ['Dune', '9780441013593'],
          ['Emma', false],
        ],
      );
      const home = join(work, 'home');
      if (series === '16.0') await twoDeploysAtOnce(t, { name, home, flags, env, driver, work, series });

      // `env copy prodNN seriesNN` on this series: the pre-v2 backup restored (two books, no
      // isbn yet) and neutralized by this series' `odoo-bin neutralize`.
      const dbInfo = await driver.inspectContainer(`forge-env-${name}-db`);
      const pg = pgAt(dbInfo?.ports[5432] ?? 0);
      const copied = await cli(
        ['env', 'copy', production, name, '--backup', deployed[1]?.backupId ?? '', '--json', ...flags],
        env,
      );
      assert.equal(copied.code, 0, copied.err + copied.out);
      const copy = JSON.parse(copied.out) as { outcome: string; neutralized: boolean; copiedBackup: string };
      assert.deepEqual([copy.outcome, copy.neutralized], ['copied', true]);
      assert.equal(copy.copiedBackup, deployed[1]?.backupId);
      assert.equal(sqlIn(pg, 'forge', 'SELECT count(*) FROM library_book'), '2');
      assert.equal(
        sqlIn(pg, 'forge', "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'"),
        'true',
      );
      assert.equal(
        sqlIn(
          pg,
          'forge',
          "SELECT count(*) FROM ir_cron WHERE active AND id NOT IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND name = 'autovacuum_job')",
        ),
        '0',
      );
      const copiedStatus = await cli(['env', 'status', name, '--json', ...flags], env);
      assert.equal((JSON.parse(copiedStatus.out) as { health?: string }).health, 'pass');
      t.diagnostic(
        `${series} env copy: ${(JSON.parse(copied.out) as { seconds: number }).seconds.toFixed(1)} s`,
      );
    }
  },
);
