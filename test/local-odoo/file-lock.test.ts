import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ForgeError } from '../../core/errors/forge-error.js';
import { withFileLock } from '../../runner/local-odoo/file-lock.js';

test('two holders of one lock file never overlap, and the lock is free afterwards', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lockFile = join(dir, 'x.lock');
  const events: string[] = [];
  const holder = (name: string) =>
    withFileLock(lockFile, 10_000, async () => {
      events.push(`${name}+`);
      await sleep(300);
      events.push(`${name}-`);
      return name;
    });
  const results = await Promise.all([holder('a'), holder('b')]);
  assert.deepEqual(results, ['a', 'b']);
  // Each holder leaves before the other enters.
  assert.ok(
    JSON.stringify(events) === JSON.stringify(['a+', 'a-', 'b+', 'b-']) ||
      JSON.stringify(events) === JSON.stringify(['b+', 'b-', 'a+', 'a-']),
    events.join(' '),
  );
  assert.equal(await withFileLock(lockFile, 1_000, async () => 'free'), 'free');
});

test('waiting longer than the timeout fails with a lock error, and an error inside releases the lock', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lockFile = join(dir, 'x.lock');
  const long = withFileLock(lockFile, 10_000, () => sleep(2_500));
  await sleep(300);
  await assert.rejects(
    withFileLock(lockFile, 1_000, async () => 'never'),
    (error: unknown) => error instanceof ForgeError && error.code === 'lock.timeout',
  );
  await long;
  await assert.rejects(
    withFileLock(lockFile, 1_000, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await withFileLock(lockFile, 1_000, async () => 'free'), 'free');
});
