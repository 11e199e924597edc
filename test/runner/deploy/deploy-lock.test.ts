import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { withEnvironmentLock } from '../../../runner/deploy/deploy-environment.js';
import type { DeployContext } from '../../../runner/deploy/roll-back.js';
import { EnvironmentFiles } from '../../../runner/environments/environment-files.js';
import { silentLogger } from '../../../runner/logger.js';

function contextIn(home: string): DeployContext {
  // Only the files are used by the lock; the rest is never reached in these tests.
  return { files: new EnvironmentFiles(home, 'staging'), logger: silentLogger } as unknown as DeployContext;
}

test('a second deploy waits for the first one and runs after it', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'forge-lock-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const order: string[] = [];
  const first = withEnvironmentLock(contextIn(home), 5000, async () => {
    order.push('first start');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    order.push('first end');
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const second = withEnvironmentLock(contextIn(home), 10_000, async () => {
    order.push('second');
  });
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first start', 'first end', 'second']);
});

test('a deploy that cannot get the lock in time is refused with the running deploy named', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'forge-lock-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const context = contextIn(home);
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = withEnvironmentLock(context, 5000, async () => {
    context.files.writeJournal({
      deployId: '20261202T031500-ab12',
      phase: 'updating',
      pid: 4242,
      startedAt: '2026-12-02T03:15:00.000Z',
      release: '/tmp/r',
    });
    await held;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await assert.rejects(
    withEnvironmentLock(contextIn(home), 1000, async () => undefined),
    (error: unknown) =>
      error instanceof ForgeError &&
      error.code === 'deploy.busy' &&
      /environment staging is busy: deploy 20261202T031500-ab12 \(pid 4242\) is in phase "updating"/.test(
        error.message,
      ),
  );
  release();
  await first;
});
