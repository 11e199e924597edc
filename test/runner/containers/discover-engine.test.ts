import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { discoverEngine, driverFor, engineCandidates } from '../../../runner/containers/discover-engine.js';
import { DockerodeDriver } from '../../../runner/containers/dockerode-driver.js';
import { PodmanDriver } from '../../../runner/containers/podman-driver.js';
import { parseEngineUrl } from '../../../runner/containers/engine-endpoint.js';

test('candidates: an explicit setting is the only one; otherwise DOCKER_HOST first, then the usual sockets', () => {
  assert.deepEqual(
    engineCandidates({ explicit: 'unix:///tmp/x.sock', env: { DOCKER_HOST: 'tcp://h:1' } }).map(
      (c) => c.endpoint.url,
    ),
    ['unix:///tmp/x.sock'],
  );
  const urls = engineCandidates({
    env: { DOCKER_HOST: 'tcp://engine:2375', HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1000' },
  }).map((c) => c.endpoint.url);
  assert.equal(urls[0], 'tcp://engine:2375');
  assert.ok(urls.includes('unix:///var/run/docker.sock'));
  assert.ok(urls.includes('unix:///run/user/1000/podman/podman.sock'));
  assert.ok(urls.includes('unix:///home/u/.docker/run/docker.sock'));
});

test('engine URLs: unix, bare path, tcp; anything else is bad input naming its source', () => {
  assert.equal(parseEngineUrl('unix:///run/a.sock', 'x').socketPath, '/run/a.sock');
  assert.equal(parseEngineUrl('/run/a.sock', 'x').socketPath, '/run/a.sock');
  const tcp = parseEngineUrl('tcp://10.0.0.2:2376', 'x');
  assert.deepEqual([tcp.host, tcp.port, tcp.protocol], ['10.0.0.2', 2376, 'http']);
  assert.throws(
    () => parseEngineUrl('npipe:////./pipe/docker', 'DOCKER_HOST'),
    (e: unknown) => e instanceof ForgeError && e.code === 'input.engine-url' && /DOCKER_HOST/.test(e.message),
  );
});

test('an unreachable engine gives one error that lists every place tried', async () => {
  const error = await discoverEngine({
    explicit: 'unix:///nonexistent/forge-test.sock',
    pingTimeoutMs: 500,
  }).catch((e: unknown) => e);
  assert.ok(error instanceof ForgeError);
  assert.equal(error.code, 'engine.unreachable');
  assert.match(error.message, /unix:\/\/\/nonexistent\/forge-test\.sock \(explicit setting\)/);
  assert.match(error.hint ?? '', /start-podman-service\.sh|DOCKER_HOST/);
  const all = await discoverEngine({
    env: { DOCKER_HOST: 'tcp://127.0.0.1:1' },
    usualSockets: ['/nonexistent/docker.sock', '/nonexistent/podman.sock'],
    pingTimeoutMs: 500,
  }).catch((e: unknown) => e);
  assert.ok(all instanceof ForgeError);
  assert.match(all.message, /tcp:\/\/127\.0\.0\.1:1 \(DOCKER_HOST\): .*ECONNREFUSED/);
  assert.match(all.message, /unix:\/\/\/nonexistent\/docker\.sock \(usual socket\)/);
  assert.match(all.message, /unix:\/\/\/nonexistent\/podman\.sock \(usual socket\)/);
});

test('the ping headers choose the driver: Podman gets PodmanDriver, Docker the plain DockerodeDriver', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-ping-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const serve = async (name: string, headers: Record<string, string>): Promise<string> => {
    const socket = join(dir, `${name}.sock`);
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/_ping' ? 200 : 404, headers);
      res.end('OK');
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `unix://${socket}`;
  };
  const podman = await serve('podman', { 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)' });
  const docker = await serve('docker', { 'Api-Version': '1.45', Server: 'Docker/26.1.0 (linux)' });
  const kinds: string[] = [];
  const recorded = await discoverEngine({
    explicit: podman,
    makeDriver: (endpoint, kind) => {
      kinds.push(kind);
      return driverFor(endpoint, kind);
    },
  });
  assert.deepEqual(kinds, ['podman']);
  assert.ok(recorded instanceof PodmanDriver);
  const plain = await discoverEngine({ explicit: docker });
  assert.ok(plain instanceof DockerodeDriver);
  assert.ok(!(plain instanceof PodmanDriver));
  assert.equal(plain.endpoint, docker);
});
