import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { BackupStore } from '../../runner/backup/backup-store.js';
import type { S3Settings } from '../../runner/backup/s3-settings.js';

/**
 * A real S3 API on loopback for tests: Debian's OpenStack Swift (account, container, object and
 * proxy servers) with its `s3api` middleware and `tempauth`, which checks SigV4 signatures.
 * Everything lives in one temporary folder; `stop()` ends the four servers and removes it.
 */
export interface SwiftS3Server {
  settings: S3Settings;
  stop(): Promise<void>;
}

const SWIFT_BIN = '/usr/bin/swift-proxy-server';
/** Debian's Python: Swift's modules are in its dist-packages, not in another Python on PATH. */
const PYTHON = '/usr/bin/python3';

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function serverConf(kind: string, port: number, dir: string): string {
  return [
    '[DEFAULT]',
    'bind_ip = 127.0.0.1',
    `bind_port = ${port}`,
    'workers = 0',
    `devices = ${join(dir, 'srv')}`,
    'mount_check = false',
    `swift_dir = ${dir}`,
    'log_level = WARNING',
    '[pipeline:main]',
    `pipeline = ${kind}-server`,
    `[app:${kind}-server]`,
    `use = egg:swift#${kind}`,
    '',
  ].join('\n');
}

function proxyConf(port: number, dir: string, account: string, user: string, secret: string): string {
  const filters = [
    'catch_errors',
    'gatekeeper',
    'proxy_logging',
    'memcache',
    'listing_formats',
    'copy',
    'slo',
    'dlo',
  ];
  return [
    '[DEFAULT]',
    'bind_ip = 127.0.0.1',
    `bind_port = ${port}`,
    'workers = 0',
    `swift_dir = ${dir}`,
    'log_level = WARNING',
    '[pipeline:main]',
    'pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server',
    '[app:proxy-server]',
    'use = egg:swift#proxy',
    'account_autocreate = true',
    'allow_account_management = true',
    '[filter:tempauth]',
    'use = egg:swift#tempauth',
    `user_${account}_${user} = ${secret} .admin`,
    '[filter:s3api]',
    'use = egg:swift#s3api',
    'location = us-east-1',
    '[filter:healthcheck]',
    'use = egg:swift#healthcheck',
    ...filters.flatMap((name) => [
      `[filter:${name === 'proxy_logging' ? 'proxy-logging' : name === 'memcache' ? 'cache' : name}]`,
      `use = egg:swift#${name}`,
    ]),
    '',
  ].join('\n');
}

function buildRing(dir: string, kind: string, port: number): void {
  const builder = join(dir, `${kind}.builder`);
  for (const args of [['create', '1', '1', '1'], ['add', `r1z1-127.0.0.1:${port}/d1`, '1'], ['rebalance']]) {
    const result = spawnSync(PYTHON, ['/usr/bin/swift-ring-builder', builder, ...args], { encoding: 'utf8' });
    // rebalance exits 1 with a warning on a one-device ring; the ring file is what counts.
    if (result.status !== 0 && !(args[0] === 'rebalance' && result.status === 1)) {
      throw new Error(
        `swift-ring-builder ${kind} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`,
      );
    }
  }
  if (!existsSync(join(dir, `${kind}.ring.gz`))) throw new Error(`swift-ring-builder wrote no ${kind} ring`);
}

async function waitForHealth(endpoint: string, children: ChildProcess[], dir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const dead = children.find((child) => child.exitCode !== null);
    if (dead) throw new Error(`a Swift server exited at start:\n${readLogs(dir)}`);
    try {
      const response = await fetch(`${endpoint}/healthcheck`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`Swift's proxy did not answer ${endpoint}/healthcheck within 60 s:\n${readLogs(dir)}`);
}

function readLogs(dir: string): string {
  return ['account', 'container', 'object', 'proxy']
    .map((kind) => {
      const file = join(dir, `${kind}.log`);
      return existsSync(file) ? `${kind}: ${readFileSync(file, 'utf8').slice(-2000)}` : '';
    })
    .join('\n');
}

/** True when Debian's Swift is installed here (`apt-get install swift-proxy swift-object ...`). */
export function swiftInstalled(): boolean {
  return existsSync(SWIFT_BIN) && existsSync('/usr/bin/swift-object-server');
}

/**
 * Starts Swift with s3api on free loopback ports (about 5-15 s on 2 cores). Credentials: access
 * key `forge:tester`, secret `secret`, bucket `bucket` (created by the caller through S3).
 */
export async function startSwiftS3(
  options: { bucket?: string; secret?: string } = {},
): Promise<SwiftS3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'forge-swift-'));
  mkdirSync(join(dir, 'srv', 'd1'), { recursive: true });
  const secret = options.secret ?? 'forge-test-secret';
  writeFileSync(
    join(dir, 'swift.conf'),
    '[swift-hash]\nswift_hash_path_suffix = forgetest\nswift_hash_path_prefix = forgetest\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n',
  );
  const ports = { account: await freePort(), container: await freePort(), object: await freePort() };
  const proxyPort = await freePort();
  for (const [kind, port] of Object.entries(ports)) {
    buildRing(dir, kind, port);
    writeFileSync(join(dir, `${kind}-server.conf`), serverConf(kind, port, dir));
  }
  writeFileSync(join(dir, 'proxy-server.conf'), proxyConf(proxyPort, dir, 'forge', 'tester', secret));
  const children = ['account', 'container', 'object', 'proxy'].map((kind) => {
    const log = openSync(join(dir, `${kind}.log`), 'a');
    return spawn(PYTHON, [`/usr/bin/swift-${kind}-server`, join(dir, `${kind}-server.conf`)], {
      stdio: ['ignore', log, log],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
  });
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${proxyPort}`;
  try {
    await waitForHealth(endpoint, children, dir);
  } catch (error) {
    await stop();
    throw error;
  }
  const settings: S3Settings = {
    endpoint,
    region: 'us-east-1',
    bucket: options.bucket ?? 'forge-backups',
    accessKeyId: 'forge:tester',
    secretAccessKey: secret,
    prefix: '',
  };
  try {
    await createBucketWhenReady(settings);
  } catch (error) {
    await stop();
    throw error;
  }
  return { settings, stop };
}

/** Creates the bucket, retrying while Swift's account and container servers still warm up (503). */
async function createBucketWhenReady(settings: S3Settings): Promise<void> {
  const store = new BackupStore(settings);
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await store.checkBucket(true);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
}

/**
 * Swift with s3api for a test, or a visible skip line when Swift is not installed; with
 * FORGE_REQUIRE_S3=1 a missing Swift fails the test instead.
 */
export async function swiftS3OrSkip(t: TestContext, what: string): Promise<SwiftS3Server | undefined> {
  if (swiftInstalled()) return startSwiftS3();
  const message = `Debian's Swift is not installed (apt-get install swift swift-proxy swift-object swift-container swift-account): ${what} (see docs/backups.md)`;
  if (process.env.FORGE_REQUIRE_S3 === '1') throw new Error(`FORGE_REQUIRE_S3=1 but ${message}`);
  t.skip(message);
  return undefined;
}
