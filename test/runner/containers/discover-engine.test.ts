import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { discoverEngine, engineCandidates } from '../../../runner/containers/discover-engine.js';
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
