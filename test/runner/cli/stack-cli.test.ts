// odoo-forge stack / test / images through the CLI entry point, in-process, with captured output.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { main } from '../../../cli/main.js';
import { silentLogger } from '../../../runner/logger.js';
import { OdooStack } from '../../../runner/stack/odoo-stack.js';
import { cleanUpStack, dbOnlySettings, engineOrSkip, objectsOf } from '../helpers/engine.js';

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => (out += s), err: (s) => (err += s), isTty: false, cwd: process.cwd(), env };
  const code = await main(args, io);
  return { code, out, err };
}

/** An addons folder with the fixture addon and a stand-in Odoo tree (enough to pass input checks). */
function workspace(t: TestContext): { addons: string; odooSrc: string } {
  const root = mkdtempSync(join(tmpdir(), 'forge-cli-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const addons = join(root, 'addons');
  mkdirSync(addons);
  chmodSync(addons, 0o755);
  cpSync(
    new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname,
    join(addons, 'forge_shelf'),
    { recursive: true },
  );
  const odooSrc = join(root, 'odoo');
  mkdirSync(join(odooSrc, 'odoo', 'addons', 'base'), { recursive: true });
  writeFileSync(join(odooSrc, 'odoo', 'addons', 'base', '__manifest__.py'), "{'name': 'Base'}\n");
  writeFileSync(join(odooSrc, 'odoo', 'release.py'), "version_info = (18, 0, 0, 'final', 0, '')\n");
  return { addons, odooSrc };
}

test('an unreachable engine: exit 1 and an error listing what was tried', async () => {
  const result = await cli(['stack', 'ls', '--engine', 'unix:///nonexistent/forge.sock']);

  assert.equal(result.code, 1);
  assert.match(result.err, /No container engine answers/);
  assert.match(result.err, /unix:\/\/\/nonexistent\/forge\.sock \(explicit setting\)/);
  assert.match(result.err, /hint: .*start-podman-service\.sh/);
});

test('odoo-forge test without any Odoo is bad input (exit 2) that says what to pass', async (t) => {
  const { addons } = workspace(t);
  const env = { ...process.env };
  delete env.ODOO_SRC;

  const result = await cli(
    ['test', addons, '--modules', 'forge_shelf', '--engine', 'unix:///nonexistent/forge.sock'],
    env,
  );

  assert.equal(result.code, 2);
  assert.match(result.err, /No Odoo given/);
  assert.match(result.err, /--odoo-src PATH .* --odoo-image IMAGE/);
});

test(
  'odoo-forge test with a missing image: exit 1, the image named, `images build` suggested, nothing started',
  { timeout: 300_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const { addons, odooSrc } = workspace(t);
    const repository = `forge/missing-image-${process.pid}`;

    const result = await cli([
      'test',
      addons,
      '--modules',
      'forge_shelf',
      '--odoo-src',
      odooSrc,
      '--runtime-image',
      'localhost/forge-odoo-runtime:no-such-tag',
      '--repository',
      repository,
    ]);

    assert.equal(result.code, 1);
    assert.match(
      result.err,
      /Missing image in the container engine at .*: localhost\/forge-odoo-runtime:no-such-tag/,
    );
    assert.match(result.err, /hint: Build the local images with `odoo-forge images build --odoo 18\.0`/);
    assert.deepEqual(await driver.listContainers({ 'forge.repository': repository }), []);
    assert.deepEqual(await driver.listVolumes({ 'forge.repository': repository }), []);
  },
);

test(
  'stack ls shows a stack; stack down --dry-run keeps it; stack down removes it',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const stack = new OdooStack(driver, dbOnlySettings({ repository: 'acme/cli' }), silentLogger);
    cleanUpStack(t, driver, () => stack.id);
    await stack.startDatabase();

    const listed = await cli(['stack', 'ls']);
    const odooLogs = await cli(['stack', 'logs', stack.id]);
    const dbLogs = await cli(['stack', 'logs', stack.id, '--db']);
    const dry = await cli(['stack', 'down', stack.id, '--dry-run']);
    const afterDry = await objectsOf(driver, stack.id);
    const down = await cli(['stack', 'down', stack.id]);

    assert.equal(listed.code, 0);
    assert.match(listed.out, new RegExp(`${stack.id} .*acme/cli`));
    assert.match(listed.out, new RegExp(`${stack.names.db}\\s+running`));
    assert.equal(odooLogs.code, 2, 'a --db-only stack has no Odoo log');
    assert.match(odooLogs.err, new RegExp(`Stack ${stack.id} has no Odoo: it is a --db-only stack\\.`));
    assert.match(
      odooLogs.err,
      new RegExp(`hint: Its PostgreSQL log: odoo-forge stack logs ${stack.id} --db`),
    );
    assert.equal(dbLogs.code, 0);
    assert.match(dbLogs.out, /database system is ready to accept connections/);
    assert.equal(dry.code, 0);
    assert.match(dry.out, new RegExp(`would remove ${stack.id}`));
    assert.ok(afterDry.length >= 3, 'the dry run removed nothing');
    assert.equal(down.code, 0);
    assert.deepEqual(await objectsOf(driver, stack.id), []);
  },
);

test('odoo-forge test and stack up take the stack options from one schema: same flags, same help', async () => {
  const { stackOptionDocs } = await import('../../../runner/stack/stack-options.js');
  const testHelp = await cli(['test', '--help']);
  const upHelp = await cli(['stack', 'up', '--help']);

  for (const doc of Object.values(stackOptionDocs)) {
    const flag = doc.flags.split(' ')[0] ?? '';
    for (const help of [testHelp.out, upHelp.out]) {
      assert.ok(help.includes(flag), `${flag} is in:\n${help}`);
      assert.ok(help.replace(/\s+/g, ' ').includes(doc.description), `"${doc.description}" is in:\n${help}`);
    }
  }
  const bad = await cli([
    'test',
    '/tmp',
    '--modules',
    'm',
    '--odoo',
    '18',
    '--engine',
    'unix:///nonexistent.sock',
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--odoo is "18": not a supported Odoo series \(use 16\.0, 17\.0, 18\.0\)\./);
});

test('stack up refuses --ttl 0s, 0 and 0m (exit 2) before looking for an engine', async () => {
  for (const ttl of ['0s', '0', '0m']) {
    const ran = await cli([
      'stack',
      'up',
      '--db-only',
      '--ttl',
      ttl,
      '--engine',
      'unix:///nonexistent/forge.sock',
    ]);

    assert.equal(ran.code, 2, `${ttl}: ${ran.err}`);
    assert.match(ran.err, new RegExp(`--ttl is "${ttl}": a stack must live longer than 0 s\\.`));
  }
  const negative = await cli([
    'stack',
    'up',
    '--db-only',
    '--ttl',
    '-5m',
    '--engine',
    'unix:///nonexistent/forge.sock',
  ]);
  assert.equal(negative.code, 2, negative.err);
});
