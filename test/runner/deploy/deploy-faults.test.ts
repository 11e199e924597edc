// Faults of an environment on real Podman, real Odoo 18 and a real S3 API (Swift's s3api): one
// staging environment (library v1 then v2 deployed) shared by every case to keep CI time low.
// `env rollback` SIGKILLed after its restore → the next `env status` finishes it (database,
// filestore, state.json and the served release agree); a `port:` already taken → `env up` fails
// with environment.port-taken and leaves nothing running; `env copy` failing half-way (after the
// source is restored and neutralized, Odoo cannot start) → the target is its safety backup again;
// `env copy` SIGKILLed during its neutralize → `env status` restores the safety backup; staging's
// port taken while a deploy updates → restored, Odoo serves the previous release on that port; a
// deploy killed after recording its success (its journal still there) → `env status` restores
// its backup and puts the previous release and addon hashes back in state.json; a deploy SIGKILLed
// mid-update → the next `deploy` rolls it back first (its backup restored), then deploys, and
// `env logs` shows the serving Odoo's log.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo, Server } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { filestoreChecksums } from '../../../runner/backup/filestore-tar.js';
import { ForgeLabel } from '../../../runner/containers/forge-labels.js';
import type { DeployResult } from '../../../runner/deploy/deploy-environment.js';
import type { DeployJournal, EnvironmentState } from '../../../runner/environments/environment-files.js';
import { volumeMountpoint } from '../../../runner/environments/volume-mountpoint.js';
import type { LocalPostgres } from '../../../runner/local-odoo/local-postgres.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { cli } from '../../support/in-process-cli.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { swiftS3OrSkip } from '../../support/swift-s3-server.js';
import { rowCounts, sqlIn } from '../backup/backup-helpers.js';
import { engineOrSkip } from '../helpers/engine.js';
import { spawnCli as spawnCliProcess } from './deploy-process.js';
import { writeLibraryVersion } from './library-addon.js';
import { adminRpc } from './odoo-rpc.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Listens on 127.0.0.1:`port` (undefined when something else holds it). */
async function hold(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function release(server: Server): Promise<void> {
  await new Promise((done) => server.close(done));
}

async function freePort(): Promise<number> {
  const server = await hold(0);
  assert.ok(server);
  const { port } = server.address() as AddressInfo;
  await release(server);
  return port;
}

/** faults (this test's staging) on `port`; production's store is its own; portbusy on a port the test holds. */
function configFile(dir: string, odooSrc: string, s3: { bucket: string; endpoint: string }, ports: number[]) {
  const environment = (name: string, port: number, prefix: string) => [
    `  ${name}:`,
    `    branch: ${name}`,
    '    runner_labels: [self-hosted]',
    '    odoo: "18.0"',
    `    odoo_src: ${odooSrc}`,
    ...(port ? [`    port: ${port}`] : []),
    '    mail_catcher: false',
    '    backup:',
    `      bucket: ${s3.bucket}`,
    `      endpoint: ${s3.endpoint}`,
    `      prefix: ${prefix}`,
  ];
  const path = join(dir, 'forge.yml');
  writeFileSync(
    path,
    [
      'environments:',
      ...environment('faults', ports[0] ?? 0, 'faults/'),
      ...environment('production', 0, 'faults/'),
      ...environment('portbusy', ports[1] ?? 0, 'portbusy/'),
      '',
    ].join('\n'),
  );
  return path;
}

/** `sqlIn`, or undefined while the database is being replaced. */
function trySql(pg: LocalPostgres, sql: string): string | undefined {
  try {
    return sqlIn(pg, 'forge', sql);
  } catch {
    return undefined;
  }
}

/** Polls `check` every 200 ms until it is true; fails naming `what` after `ms`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `${what} within ${ms / 1000} s`);
    await sleep(200);
  }
}

test(
  'environment faults on Odoo 18: a SIGKILLed rollback, copy and deploy are recovered, a taken port is refused, a failed copy restores the target',
  { timeout: 25 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'deploy faults (real Odoo)');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const swift = await swiftS3OrSkip(t, 'deploy faults');
    if (!swift) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-faults-'));
    const home = join(work, 'home');
    const s3 = swift.settings;
    const port = await freePort();
    const blocker = await hold(0);
    assert.ok(blocker, 'a port for portbusy');
    const busyPort = (blocker.address() as AddressInfo).port;
    const config = configFile(work, tree.root, s3, [port, busyPort]);
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const flags = ['--config', config, '--home', home];
    const children: ChildProcess[] = [];
    t.after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await release(blocker).catch(() => undefined);
      await cli(['env', 'down', 'portbusy', '--purge', ...flags], env);
      await cli(['env', 'down', 'faults', '--purge', ...flags], env);
      await swift.stop();
      rmSync(work, { recursive: true, force: true });
    });
    const stateFile = join(home, 'faults', 'state.json');
    const journalFile = join(home, 'faults', 'deploy-journal.json');
    const journal = (): DeployJournal | undefined =>
      existsSync(journalFile) ? (JSON.parse(readFileSync(journalFile, 'utf8')) as DeployJournal) : undefined;
    const state = (): EnvironmentState => JSON.parse(readFileSync(stateFile, 'utf8')) as EnvironmentState;
    /** The CLI in a child process (to be SIGKILLed). */
    const spawnCli = (args: string[]): ChildProcess => {
      const { child } = spawnCliProcess([...args, ...flags], env);
      children.push(child);
      return child;
    };
    const kill = async (child: ChildProcess): Promise<void> => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      await closed;
    };
    const recover = async () => {
      const ran = await cli(['env', 'status', 'faults', '--json', ...flags], env);
      assert.equal(ran.code, 0, ran.err);
      return JSON.parse(ran.out) as {
        health?: string;
        release?: string;
        recovered?: { deployId: string; phase: string; restoredBackup?: string };
      };
    };
    const libraryVersion = (pg: LocalPostgres) =>
      trySql(pg, "SELECT latest_version FROM ir_module_module WHERE name = 'library'");

    // The shared environment: staging up, library v1 (three books), then v2 (a new field).
    const up = await cli(['env', 'up', 'faults', ...flags], env);
    assert.equal(up.code, 0, up.err);
    const pg: LocalPostgres = {
      host: '127.0.0.1',
      port: (await driver.inspectContainer('forge-env-faults-db'))?.ports[5432] ?? 0,
      user: 'odoo',
      password: 'odoo',
    };
    const filestore = join(
      await volumeMountpoint(driver.endpoint, 'forge-env-faults-data'),
      'odoo',
      'filestore',
      'forge',
    );
    const deployed: DeployResult[] = [];
    for (const version of [1, 2] as const) {
      const dir = join(work, `v${version}`);
      mkdirSync(dir, { recursive: true });
      writeLibraryVersion(dir, version);
      const ran = await cli(['deploy', 'faults', '--addons', dir, '--no-drill', '--json', ...flags], env);
      assert.equal(ran.code, 0, ran.err + ran.out);
      deployed.push(JSON.parse(ran.out) as DeployResult);
      if (version === 1) {
        const rpc = await adminRpc(deployed[0]?.url ?? '');
        await rpc('library.book', 'create', [[{ name: 'Dune' }, { name: 'Emma' }, { name: 'Ulysses' }]]);
      }
    }
    const [v1, v2] = deployed as [DeployResult, DeployResult];
    const v1Release = state().lastDeploy?.previousRelease ?? '';
    assert.match(v1Release, new RegExp(`releases/${v1.deployId}$`));

    await t.test(
      'env rollback SIGKILLed after its restore: env status finishes it, all four agree',
      async () => {
        const child = spawnCli(['env', 'rollback', 'faults']);
        await waitFor('the rollback journalled', () => journal()?.deployId.startsWith('rollback-') === true);
        // Killed once the older database is in place, before Odoo serves the older release.
        await waitFor('the rollback restored v1', () => libraryVersion(pg) === '18.0.1.0.0');
        assert.ok(journal(), 'killed before the rollback ended');
        await kill(child);
        const recovered = await recover();
        assert.equal(recovered.recovered?.phase, 'restoring');
        assert.match(recovered.recovered?.deployId ?? '', /^rollback-/);
        assert.equal(recovered.recovered?.restoredBackup, v2.backupId);
        assert.equal(recovered.health, 'pass');
        assert.equal(journal(), undefined);
        // state.json names the older release, as the database and the server do.
        assert.equal(state().release, v1Release);
        assert.equal(recovered.release, v1Release);
        assert.equal(state().lastDeploy, undefined);
        assert.equal(libraryVersion(pg), '18.0.1.0.0');
        assert.equal(sqlIn(pg, 'forge', 'SELECT count(*) FROM library_book'), '3');
        const odoo = await driver.inspectContainer('forge-env-faults-odoo');
        assert.equal(odoo?.state, 'running');
        const rpc = await adminRpc(`http://127.0.0.1:${port}`);
        const fields = await rpc<Record<string, unknown>>('library.book', 'fields_get', [['name', 'isbn']]);
        assert.deepEqual(Object.keys(fields), ['name'], 'Odoo serves v1 (no isbn field)');
        const again = await cli(['env', 'rollback', 'faults', ...flags], env);
        assert.equal(again.code, 2);
        assert.match(again.err, /has no deploy to roll back/);
      },
    );

    await t.test(
      'a port already taken: env up fails with environment.port-taken, nothing left running',
      async () => {
        const ran = await cli(['env', 'up', 'portbusy', ...flags], env);
        assert.equal(ran.code, 1, ran.out);
        assert.match(
          ran.err,
          new RegExp(
            `port ${busyPort} \\(environments\\.portbusy\\.port\\) of environment stack forge-env-portbusy is taken`,
          ),
        );
        assert.match(ran.err, /another `port:`/);
        const left = await driver.listContainers({ [ForgeLabel.stack]: 'forge-env-portbusy' });
        assert.deepEqual(
          left.filter((c) => c.state === 'running').map((c) => c.name),
          [],
        );
      },
    );

    await t.test('env copy failing half-way: the target is its safety backup again', async () => {
      const rowsBefore = rowCounts(pg);
      const filesBefore = await filestoreChecksums(filestore);
      const stateBefore = readFileSync(stateFile, 'utf8');
      // The copy restores and neutralizes v2's pre-deploy backup; then its Odoo cannot start:
      // the test takes staging's port once the copy stopped the server, and gives it back once
      // the copy is restoring its safety backup.
      let ended = false;
      const copying = cli(
        ['env', 'copy', 'production', 'faults', '--backup', v2.backupId, '--json', ...flags],
        env,
      );
      void copying.finally(() => (ended = true));
      let taken: Server | undefined;
      await waitFor('the copy stopped the server', async () => {
        if (journal()?.deployId.startsWith('copy-')) taken = await hold(port);
        return taken !== undefined || ended;
      });
      await waitFor('the copy failed and restores', () => journal()?.phase === 'restoring' || ended);
      if (taken) await release(taken);
      const ran = await copying;
      assert.equal(ran.code, 1, ran.err + ran.out);
      const result = JSON.parse(ran.out) as { outcome: string; problems: string[]; url: string };
      assert.equal(result.outcome, 'restored');
      assert.match(
        result.problems.join('\n'),
        new RegExp(`port ${port} \\(environments\\.faults\\.port\\).*is taken`),
      );
      assert.deepEqual(rowCounts(pg), rowsBefore);
      assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
      assert.equal(readFileSync(stateFile, 'utf8'), stateBefore);
      assert.equal(journal(), undefined);
      assert.equal(
        trySql(pg, "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'"),
        '',
      );
      assert.equal(result.url, `http://127.0.0.1:${port}`);
      assert.equal((await recover()).health, 'pass');
    });

    await t.test(
      'env copy SIGKILLed during its neutralize: env status restores the safety backup',
      async () => {
        const rowsBefore = rowCounts(pg);
        const filesBefore = await filestoreChecksums(filestore);
        const stateBefore = readFileSync(stateFile, 'utf8');
        const child = spawnCli(['env', 'copy', 'production', 'faults', '--backup', v2.backupId]);
        let copyJournal: DeployJournal | undefined;
        await waitFor('the copy neutralizes', async () => {
          copyJournal = journal();
          if (!copyJournal?.deployId.startsWith('copy-')) return false;
          const run = await driver.inspectContainer(`forge-env-faults-run-${copyJournal.deployId.slice(-4)}`);
          return run?.state === 'running';
        });
        await kill(child);
        const recovered = await recover();
        assert.equal(recovered.recovered?.phase, 'updating');
        assert.equal(recovered.recovered?.restoredBackup, copyJournal?.backupId);
        assert.equal(recovered.health, 'pass');
        assert.equal(journal(), undefined);
        assert.deepEqual(rowCounts(pg), rowsBefore);
        assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
        assert.equal(readFileSync(stateFile, 'utf8'), stateBefore);
        const runs = await driver.listContainers({
          [ForgeLabel.stack]: 'forge-env-faults',
          [ForgeLabel.role]: 'run',
        });
        assert.deepEqual(
          runs.map((c) => c.name),
          [],
          'the neutralize container is gone',
        );
        assert.equal(
          trySql(pg, "SELECT count(*) FROM pg_database WHERE datname LIKE 'forge\\_rst\\_%'"),
          '0',
        );
      },
    );

    await t.test(
      "staging's port taken while a deploy updates: restored, the previous release serves on that port",
      async () => {
        const rowsBefore = rowCounts(pg);
        const filesBefore = await filestoreChecksums(filestore);
        const stateBefore = readFileSync(stateFile, 'utf8');
        const dir = join(work, 'v2-port');
        mkdirSync(dir, { recursive: true });
        writeLibraryVersion(dir, 2);
        let ended = false;
        const deploying = cli(['deploy', 'faults', '--addons', dir, '--no-drill', '--json', ...flags], env);
        void deploying.finally(() => (ended = true));
        // The update stops the server: the test takes its port, and gives it back once the deploy
        // restores its backup (the previous release then starts on it again).
        let taken: Server | undefined;
        await waitFor('the deploy stopped the server', async () => {
          if (journal()?.phase === 'updating') taken = await hold(port);
          return taken !== undefined || ended;
        });
        assert.ok(taken, 'the test held the port while the deploy ran');
        await waitFor('the deploy failed and restores', () => journal()?.phase === 'restoring' || ended);
        await release(taken);
        const ran = await deploying;
        assert.equal(ran.code, 1, ran.err + ran.out);
        const result = JSON.parse(ran.out) as DeployResult;
        assert.equal(result.outcome, 'restored');
        assert.match(
          result.problems.join('\n'),
          new RegExp(`port ${port} \\(environments\\.faults\\.port\\).*is taken`),
        );
        assert.deepEqual(rowCounts(pg), rowsBefore);
        assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
        assert.equal(readFileSync(stateFile, 'utf8'), stateBefore);
        assert.equal(journal(), undefined);
        assert.equal(libraryVersion(pg), '18.0.1.0.0');
        assert.equal(result.url, `http://127.0.0.1:${port}`);
        assert.equal((await recover()).health, 'pass');
      },
    );

    await t.test(
      'a deploy killed after recording its success: env status restores its backup and the previous state',
      async () => {
        const rowsBefore = rowCounts(pg);
        const filesBefore = await filestoreChecksums(filestore);
        const before = state();
        const dir = join(work, 'v2-recorded');
        mkdirSync(dir, { recursive: true });
        writeLibraryVersion(dir, 2);
        const ran = await cli(['deploy', 'faults', '--addons', dir, '--no-drill', '--json', ...flags], env);
        assert.equal(ran.code, 0, ran.err + ran.out);
        const result = JSON.parse(ran.out) as DeployResult;
        const recorded = state();
        assert.equal(recorded.lastDeploy?.deployId, result.deployId);
        assert.equal(libraryVersion(pg), '18.0.1.1.0');
        // What a SIGKILL between writing state.json and removing the journal leaves: the state of
        // the new release and the journal of its last phase (its writer gone, the lock free).
        const leftover: DeployJournal = {
          deployId: result.deployId,
          phase: 'checking',
          pid: 2 ** 22 + 1,
          startedAt: new Date().toISOString(),
          release: recorded.release ?? '',
          ...(before.release ? { previousRelease: before.release } : {}),
          backupId: result.backupId,
        };
        writeFileSync(journalFile, JSON.stringify(leftover, null, 2));
        const recovered = await recover();
        assert.equal(recovered.recovered?.deployId, result.deployId);
        assert.equal(recovered.recovered?.phase, 'checking');
        assert.equal(recovered.recovered?.restoredBackup, result.backupId);
        assert.equal(recovered.health, 'pass');
        assert.equal(journal(), undefined);
        assert.equal(state().release, before.release);
        assert.deepEqual(state().addons, before.addons);
        assert.equal(state().lastDeploy, undefined);
        assert.equal(recovered.release, before.release);
        assert.equal(libraryVersion(pg), '18.0.1.0.0');
        assert.deepEqual(rowCounts(pg), rowsBefore);
        assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
        const rpc = await adminRpc(`http://127.0.0.1:${port}`);
        const fields = await rpc<Record<string, unknown>>('library.book', 'fields_get', [['name', 'isbn']]);
        assert.deepEqual(Object.keys(fields), ['name'], 'Odoo serves the previous release (no isbn field)');
      },
    );

    await t.test(
      'a deploy SIGKILLed mid-update: the next deploy finds its journal, restores its backup, then deploys',
      async () => {
        const rowsBefore = rowCounts(pg);
        const filesBefore = await filestoreChecksums(filestore);
        const dir = join(work, 'v2-killed');
        mkdirSync(dir, { recursive: true });
        writeLibraryVersion(dir, 2);
        const child = spawnCli(['deploy', 'faults', '--addons', dir, '--no-drill']);
        let killed: DeployJournal | undefined;
        await waitFor('the killed deploy runs its -u', async () => {
          const read = journal();
          if (read?.phase !== 'updating') return false;
          const name = `forge-env-faults-run-${read.deployId.slice(-4)}`;
          if ((await driver.inspectContainer(name))?.state !== 'running') return false;
          killed = read;
          return (await driver.logs(name).catch(() => '')).includes('odoo.modules.loading');
        });
        await kill(child);
        assert.ok(killed?.backupId, 'killed after its backup');
        // The next deploy (the same release) rolls the killed one back first, under the lock.
        const ran = await cli(['deploy', 'faults', '--addons', dir, '--no-drill', '--json', ...flags], env);
        assert.equal(ran.code, 0, ran.err + ran.out);
        const result = JSON.parse(ran.out) as DeployResult;
        assert.deepEqual(
          [result.recovered?.deployId, result.recovered?.phase, result.recovered?.restoredBackup],
          [killed.deployId, 'updating', killed.backupId],
        );
        assert.equal(result.outcome, 'deployed');
        assert.deepEqual(result.plan.update, ['library']);
        // Its own backup is of the restored state: the rows and files from before the killed deploy.
        assert.notEqual(result.backupId, killed.backupId);
        assert.equal(libraryVersion(pg), '18.0.1.1.0');
        const rowsAfter = rowCounts(pg);
        assert.equal(rowsAfter.library_book, rowsBefore.library_book);
        assert.equal(sqlIn(pg, 'forge', 'SELECT count(*) FROM library_book'), '3');
        assert.ok(Object.keys(filesBefore).length > 0);
        const runs = await driver.listContainers({
          [ForgeLabel.stack]: 'forge-env-faults',
          [ForgeLabel.role]: 'run',
        });
        assert.deepEqual(
          runs.map((c) => c.name),
          [],
          "the killed deploy's update container is gone",
        );
        const rpc = await adminRpc(result.url);
        const fields = await rpc<Record<string, unknown>>('library.book', 'fields_get', [['name', 'isbn']]);
        assert.deepEqual(Object.keys(fields).sort(), ['isbn', 'name'], 'Odoo serves v2');
        // `env logs` shows the log of the Odoo that serves now.
        const logs = await cli(['env', 'logs', 'faults', ...flags], env);
        assert.equal(logs.code, 0, logs.err);
        assert.match(logs.out, /odoo\.service\.server: HTTP service \(werkzeug\) running/);
      },
    );
  },
);
