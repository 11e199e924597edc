// Podman's quirks against an HTTP server that answers as Podman 4.3 does (no engine needed):
// the same requests through PodmanDriver and through the plain DockerodeDriver.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { DockerodeDriver } from '../../../runner/containers/dockerode-driver.js';
import { PodmanDriver } from '../../../runner/containers/podman-driver.js';
import type { Logger } from '../../../runner/logger.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const answer = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function podmanLike(t: TestContext, handler: Handler): Promise<{ socketPath: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'forge-podman-like-'));
  const socketPath = join(dir, 'engine.sock');
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  return { socketPath, url: `unix://${socketPath}` };
}

function collecting(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: () => {}, warn: () => {}, debug: (line) => lines.push(line) };
}

/** Lists fail twice with Podman's spurious 500, then answer one container. */
function flakyListing(): { handler: Handler; calls: () => number } {
  let calls = 0;
  const handler: Handler = (req, res) => {
    if (!req.url?.startsWith('/containers/json')) return answer(res, 404, { message: 'no such route' });
    calls += 1;
    if (calls <= 2) return answer(res, 500, { message: 'read /proc/4711/cgroup: no such process' });
    answer(res, 200, [{ Id: 'c0ffee', Names: ['/forge-x-db'], Image: 'pg', State: 'running', Labels: {} }]);
  };
  return { handler, calls: () => calls };
}

test('PodmanDriver retries a listing that hits the spurious "no such process" 500, and logs each retry', async (t) => {
  const flaky = flakyListing();
  const engine = await podmanLike(t, flaky.handler);
  const logger = collecting();
  const listed = await new PodmanDriver(engine, logger).listContainers({ 'forge.stack': 'x' });
  assert.deepEqual(
    listed.map((c) => c.name),
    ['forge-x-db'],
  );
  assert.equal(flaky.calls(), 3);
  assert.equal(
    logger.lines.filter((line) => /list containers: the engine answered .*no such process/.test(line)).length,
    2,
  );
});

test('the plain DockerodeDriver does not retry: the first 500 is an engine error', async (t) => {
  const flaky = flakyListing();
  const engine = await podmanLike(t, flaky.handler);
  const error = await new DockerodeDriver(engine).listContainers({}).catch((e: unknown) => e);
  assert.ok(error instanceof ForgeError);
  assert.equal(error.code, 'container.engine-error');
  assert.match(error.message, /list containers failed at unix:.*no such process/);
  assert.equal(flaky.calls(), 1);
});

test("Podman's 500 for a taken name is container.name-taken; Docker's driver keeps 500 an engine error", async (t) => {
  const engine = await podmanLike(t, (_req, res) =>
    answer(res, 500, {
      message:
        'creating container storage: the container name "forge-x-db" is already in use by 1a2b. You have to remove that container to be able to reuse that name: that name is already in use',
    }),
  );
  const spec = { name: 'forge-x-db', image: 'localhost/forge-postgres:15' };
  const podman = await new PodmanDriver(engine).createContainer(spec).catch((e: unknown) => e);
  assert.ok(podman instanceof ForgeError);
  assert.equal(podman.code, 'container.name-taken');
  assert.match(podman.message, /create container forge-x-db/);
  assert.match(podman.hint ?? '', /odoo-forge stack ls/);
  const docker = await new DockerodeDriver(engine).createContainer(spec).catch((e: unknown) => e);
  assert.ok(docker instanceof ForgeError);
  assert.equal(docker.code, 'container.engine-error');
});
