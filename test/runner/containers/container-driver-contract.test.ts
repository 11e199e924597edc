// The ContainerDriver contract, run against the real engine (Podman's Docker API in CI).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { defaultPostgresImage } from '../../../runner/stack/stack-settings.js';
import { discoverEngine } from '../../../runner/containers/discover-engine.js';
import { PodmanDriver } from '../../../runner/containers/podman-driver.js';
import { engineOrSkip } from '../helpers/engine.js';

const image = defaultPostgresImage(process.env);
const unique = (what: string): string => `forge-contract-${what}-${randomBytes(3).toString('hex')}`;

test('ContainerDriver contract against the real engine', { timeout: 300_000 }, async (t) => {
  const found = await engineOrSkip(t);
  if (!found) return;
  // The same engine again, with a logger that keeps the driver's debug lines.
  const debugLines: string[] = [];
  const logger = { info: () => {}, warn: () => {}, debug: (line: string) => debugLines.push(line) };
  const driver = await discoverEngine({ explicit: found.endpoint, logger });
  const label = { 'forge.stack': unique('labels') };
  const created: { containers: string[]; networks: string[]; volumes: string[] } = {
    containers: [],
    networks: [],
    volumes: [],
  };
  t.after(async () => {
    for (const c of created.containers) await driver.removeContainer(c);
    for (const n of created.networks) await driver.removeNetwork(n);
    for (const v of created.volumes) await driver.removeVolume(v);
  });

  await t.test('ping answers and engineInfo names the engine', async () => {
    await driver.ping();
    const info = await driver.engineInfo();
    assert.match(info.kind, /^(podman|docker)$/);
    assert.ok(info.apiVersion.length > 0);
    // Discovery read the engine's kind from the ping and chose the driver for it.
    assert.equal(driver instanceof PodmanDriver, info.kind === 'podman');
  });

  await t.test(
    'an image is found by its short and its localhost/ name; a missing one is undefined',
    async () => {
      const found = await driver.inspectImage(image);
      assert.ok(found, `${image} should exist`);
      assert.ok(found.sizeBytes > 0);
      const short = image.replace(/^localhost\//, '');
      assert.equal((await driver.inspectImage(short))?.id, found.id);
      assert.equal(await driver.inspectImage('localhost/forge-no-such-image:0'), undefined);
    },
  );

  await t.test('networks and volumes carry labels, are found by them and removed idempotently', async () => {
    const network = unique('net');
    const volume = unique('vol');
    created.networks.push(network);
    created.volumes.push(volume);
    await driver.createNetwork({ name: network, labels: label });
    await driver.createVolume({ name: volume, labels: label });
    assert.deepEqual(
      (await driver.listNetworks(label)).map((n) => n.name),
      [network],
    );
    assert.deepEqual(
      (await driver.listVolumes(label)).map((v) => v.name),
      [volume],
    );
    assert.equal((await driver.inspectVolume(volume))?.labels['forge.stack'], label['forge.stack']);
    await driver.removeNetwork(network);
    await driver.removeVolume(volume);
    await driver.removeNetwork(network);
    await driver.removeVolume(volume);
    assert.deepEqual(await driver.listNetworks(label), []);
    assert.deepEqual(await driver.listVolumes(label), []);
    assert.equal(await driver.inspectVolume(volume), undefined);
  });

  await t.test('run returns the exit code and both output streams, and removes the container', async () => {
    const name = unique('run');
    const result = await driver.run({
      name,
      image,
      entrypoint: ['sh', '-c'],
      cmd: ['echo out; echo err >&2; exit 7'],
      labels: label,
    });
    assert.equal(result.exitCode, 7);
    assert.match(result.output, /out/);
    assert.match(result.output, /err/);
    assert.equal(await driver.inspectContainer(name), undefined);
    // Each operation was logged at debug level with the container's id.
    const created = debugLines.find((line) => line.startsWith(`container ${name} is `));
    const containerId = created?.split(' ')[3] ?? '';
    assert.match(
      containerId,
      /^[0-9a-f]{12,}$/,
      `a debug line names ${name}'s id: ${created ?? debugLines.join('; ')}`,
    );
    for (const operation of [
      'start container',
      'wait for container',
      'logs of container',
      'remove container',
    ]) {
      assert.ok(
        debugLines.some((line) => line.startsWith(`${operation} ${containerId}: `)),
        `${operation} ${containerId} is logged`,
      );
    }
  });

  await t.test(
    'a container on a network answers by alias, exec and logs work, a published port answers',
    async () => {
      const network = unique('net2');
      created.networks.push(network);
      await driver.createNetwork({ name: network, labels: label });
      const server = unique('srv');
      created.containers.push(server);
      const info = await driver.createContainer({
        name: server,
        image,
        labels: label,
        network: { name: network, aliases: ['db'] },
        env: { POSTGRES_USER: 'odoo', POSTGRES_PASSWORD: 'pw', POSTGRES_DB: 'postgres' },
        publish: [5432],
      });
      assert.equal(info.state, 'created');
      assert.equal(info.labels['forge.stack'], label['forge.stack']);
      await driver.startContainer(server);
      const running = await driver.inspectContainer(server);
      assert.equal(running?.state, 'running');
      const port = running?.ports[5432];
      assert.ok(port && port > 0, 'a host port is published');
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = (await driver.exec(server, ['pg_isready', '-q', '-h', '127.0.0.1'])).exitCode === 0;
        if (!ready) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(ready, 'PostgreSQL answers pg_isready');
      const query = await driver.exec(
        server,
        ['psql', '-h', '127.0.0.1', '-U', 'odoo', '-d', 'postgres', '-tAc', 'select 40 + 2'],
        { env: { PGPASSWORD: 'pw' } },
      );
      assert.equal(query.exitCode, 0);
      assert.equal(query.stdout.trim(), '42');
      const client = await driver.run({
        name: unique('client'),
        image,
        network: { name: network },
        entrypoint: ['pg_isready'],
        cmd: ['-h', 'db'],
        labels: label,
      });
      assert.equal(client.exitCode, 0, `pg_isready -h db through the alias: ${client.output}`);
      const net = await import('node:net');
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(port ?? 0, '127.0.0.1', () => {
          socket.end();
          resolve();
        });
        socket.on('error', reject);
      });
      assert.match(await driver.logs(server), /database system is ready to accept connections/);
      const failing = await driver.exec(server, ['sh', '-c', 'exit 3']);
      assert.equal(failing.exitCode, 3);
    },
  );

  await t.test(
    'followLogs streams the output whole until the container exits; an abort stops it',
    async () => {
      const within = <T>(promise: Promise<T>, what: string): Promise<T> =>
        Promise.race([
          promise,
          new Promise<T>((_resolve, reject) =>
            setTimeout(() => reject(new Error(`${what} did not end within 60 s`)), 60_000),
          ),
        ]);
      const name = unique('follow');
      created.containers.push(name);
      await driver.createContainer({
        name,
        image,
        labels: label,
        entrypoint: ['sh', '-c'],
        cmd: ["printf 'déjà 1\\n'; sleep 1; printf 'Grüße 2\\n' >&2; sleep 1"],
      });
      const exited = driver.waitContainer(name, { nextExit: true });
      await driver.startContainer(name);
      let text = '';
      await within(
        driver.followLogs(name, { onText: (piece) => (text += piece) }),
        'following an exiting container',
      );
      assert.equal(await exited, 0);
      assert.equal(text, 'déjà 1\nGrüße 2\n');

      const long = unique('follow-long');
      created.containers.push(long);
      await driver.createContainer({
        name: long,
        image,
        labels: label,
        entrypoint: ['sh', '-c'],
        cmd: ['echo up; exec sleep 60'],
      });
      await driver.startContainer(long);
      const stop = new AbortController();
      let seen = '';
      await within(
        driver.followLogs(long, {
          signal: stop.signal,
          onText: (piece) => {
            seen += piece;
            if (seen.includes('up')) stop.abort();
          },
        }),
        'an aborted follow',
      );
      assert.match(seen, /up/);
      assert.equal((await driver.inspectContainer(long))?.state, 'running');
      await driver.removeContainer(long);
    },
  );

  await t.test(
    'a taken name fails with container.name-taken, a missing image with container.image-missing',
    async () => {
      const name = unique('dup');
      created.containers.push(name);
      await driver.createContainer({ name, image, labels: label, cmd: ['true'] });
      await assert.rejects(
        driver.createContainer({ name, image, labels: label, cmd: ['true'] }),
        (e: unknown) => e instanceof ForgeError && e.code === 'container.name-taken',
      );
      await assert.rejects(
        driver.createContainer({ name: unique('missing'), image: 'localhost/forge-no-such-image:0' }),
        (e: unknown) =>
          e instanceof ForgeError &&
          e.code === 'container.image-missing' &&
          /forge-no-such-image/.test(e.message) &&
          /images build/.test(e.hint ?? ''),
      );
    },
  );

  await t.test('stop, kill and remove are idempotent; a removed container is undefined', async () => {
    const name = unique('gone');
    await driver.createContainer({ name, image, labels: label, entrypoint: ['sleep'], cmd: ['60'] });
    await driver.startContainer(name);
    await driver.killContainer(name);
    await driver.stopContainer(name, 1);
    await driver.removeContainer(name);
    await driver.removeContainer(name);
    await driver.killContainer(name);
    assert.equal(await driver.inspectContainer(name), undefined);
  });

  await t.test('nothing with the test label is left', async () => {
    for (const c of created.containers) await driver.removeContainer(c);
    for (const n of created.networks) await driver.removeNetwork(n);
    assert.deepEqual(await driver.listContainers(label), []);
    assert.deepEqual(await driver.listNetworks(label), []);
  });
});
