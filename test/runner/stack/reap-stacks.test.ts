// The reaper and signal teardown, with a real CLI process and the real engine.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { ForgeLabel } from '../../../runner/containers/forge-labels.js';
import type { StackSummary } from '../../../runner/stack/list-stacks.js';
import { silentLogger } from '../../../runner/logger.js';
import { OdooStack } from '../../../runner/stack/odoo-stack.js';
import { reapReason, reapStacks } from '../../../runner/stack/reap-stacks.js';
import { removeTemplates } from '../../../runner/stack/template-database.js';
import { cleanUpStack, dbOnlySettings, engineOrSkip, objectsOf } from '../helpers/engine.js';

const cli = new URL('../helpers/odoo-forge-cli.ts', import.meta.url).pathname;

/** Starts `odoo-forge stack up --db-only --attach` and resolves with the stack id once it is up. */
function attachedStack(): { child: ChildProcess; up: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'stack', 'up', '--db-only', '--attach', '--ttl', '10m'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const up = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const id = /stack (forge-[0-9a-f]+) is up/.exec(out)?.[1];
      if (id && /attached/.test(out)) resolve(id);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`stack up exited (${code}) before the stack was up:\n${out}\n${err}`)),
    );
  });
  return { child, up, exited };
}

const summary = (over: Partial<StackSummary>): StackSummary => ({
  id: 's',
  owner: '',
  expiresAt: Number.NaN,
  repository: '',
  containers: [],
  networks: [],
  volumes: [],
  ...over,
});

test('reapReason: expired, owner gone on this host, otherwise kept', () => {
  const judge = { now: 1000, hostname: 'runner-1', isAlive: (pid: number) => pid === 42 };
  assert.equal(reapReason(summary({ expiresAt: 999, owner: '42@runner-1' }), judge), 'expired');
  assert.equal(reapReason(summary({ expiresAt: 5000, owner: '43@runner-1' }), judge), 'owner-gone');
  assert.equal(reapReason(summary({ expiresAt: 5000, owner: '42@runner-1' }), judge), undefined);
  assert.equal(
    reapReason(summary({ expiresAt: 5000, owner: '43@other-host' }), judge),
    undefined,
    'another host is judged by expiry only',
  );
  assert.equal(reapReason(summary({ expiresAt: 5000, owner: 'detached@runner-1' }), judge), undefined);
});

test(
  'kill -9 of the CLI in the middle of a run, then reap, leaves nothing',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const { child, up, exited } = attachedStack();
    t.after(() => void child.kill('SIGKILL'));
    const stackId = await up;
    cleanUpStack(t, driver, () => stackId);
    const before = await objectsOf(driver, stackId);
    assert.ok(before.length >= 3, `the stack exists: ${before.join(', ')}`);

    child.kill('SIGKILL');
    await exited;
    assert.deepEqual(
      (await objectsOf(driver, stackId)).sort(),
      before.sort(),
      'kill -9 leaves the stack behind',
    );
    const reaped = await reapStacks(driver);

    assert.ok(
      reaped.some((r) => r.stack.id === stackId && r.reason === 'owner-gone'),
      JSON.stringify(reaped.map((r) => [r.stack.id, r.reason])),
    );
    assert.deepEqual(await objectsOf(driver, stackId), []);
  },
);

test('SIGTERM to an attached CLI removes its stack before it exits', { timeout: 240_000 }, async (t) => {
  const driver = await engineOrSkip(t);
  if (!driver) return;
  const { child, up, exited } = attachedStack();
  t.after(() => void child.kill('SIGKILL'));
  const stackId = await up;
  cleanUpStack(t, driver, () => stackId);

  child.kill('SIGTERM');
  const code = await exited;

  assert.equal(code, 143);
  assert.deepEqual(await objectsOf(driver, stackId), []);
});

test(
  'reap removes an expired stack, leaves a live one, and a dry run removes nothing',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const expired = new OdooStack(driver, dbOnlySettings({ ttlSeconds: -60 }), silentLogger, {
      owner: `detached@${hostname()}`,
    });
    const live = new OdooStack(driver, dbOnlySettings(), silentLogger);
    cleanUpStack(t, driver, () => expired.id);
    cleanUpStack(t, driver, () => live.id);
    await Promise.all([expired.startDatabase(), live.startDatabase()]);

    const dry = await reapStacks(driver, { dryRun: true });
    assert.ok(dry.some((r) => r.stack.id === expired.id && r.reason === 'expired'));
    assert.ok((await objectsOf(driver, expired.id)).length >= 3, 'the dry run removed nothing');

    const reaped = await reapStacks(driver);

    assert.ok(reaped.some((r) => r.stack.id === expired.id));
    assert.ok(!reaped.some((r) => r.stack.id === live.id));
    assert.deepEqual(await objectsOf(driver, expired.id), []);
    assert.ok((await objectsOf(driver, live.id)).length >= 3, 'the live stack is untouched');
    await live.down();
  },
);

test(
  'reap --templates removes template volumes, ready marker included; a dry run removes nothing',
  { timeout: 300_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const key = `test${process.pid}`;
    const volume = `forge-tpl-test-${key}`;
    t.after(async () => {
      await driver.removeVolume(`${volume}-ready`);
      await driver.removeVolume(volume);
    });
    await driver.createVolume({ name: volume, labels: { [ForgeLabel.template]: key } });
    await driver.createVolume({ name: `${volume}-ready`, labels: { [ForgeLabel.template]: key } });

    const dry = await removeTemplates(driver, { dryRun: true, key });
    const keptByDryRun = await driver.inspectVolume(volume);
    const removed = await removeTemplates(driver, { key });

    assert.deepEqual(dry, [volume, `${volume}-ready`]);
    assert.ok(keptByDryRun, 'the dry run removed nothing');
    assert.deepEqual(removed, dry);
    assert.equal(await driver.inspectVolume(volume), undefined);
    assert.equal(await driver.inspectVolume(`${volume}-ready`), undefined);
  },
);
