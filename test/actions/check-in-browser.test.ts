import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLogger } from '../../runner/logger.js';
import { checkInBrowser } from '../../runner/pr/check-in-browser.js';

/** A loopback port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('the shared browser step skips a series it does not know without starting Odoo', async () => {
  let served = 0;
  const outcome = await checkInBrowser({
    series: '15.0',
    modules: ['library'],
    screenshotDir: join(tmpdir(), 'unused'),
    logger: silentLogger,
    serve: () => {
      served += 1;
      return Promise.resolve({ baseUrl: 'http://127.0.0.1:1', database: 'x' });
    },
  });
  assert.deepEqual(outcome, { state: 'skipped', reason: 'no browser checks for Odoo 15.0' });
  assert.equal(served, 0);
});

test('the shared browser step reports an Odoo that does not start as an error with its message', async () => {
  const outcome = await checkInBrowser({
    series: '18.0',
    modules: ['library'],
    screenshotDir: join(tmpdir(), 'unused'),
    logger: silentLogger,
    serve: () => Promise.reject(new Error('Odoo container forge-x-odoo exited (code 1) before answering')),
  });
  assert.deepEqual(outcome, {
    state: 'error',
    message: 'Odoo container forge-x-odoo exited (code 1) before answering',
  });
});

test('the shared browser step stops the served Odoo when the checks themselves fail', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-check-in-browser-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let stopped = 0;
  const port = await closedPort();
  const outcome = await checkInBrowser({
    series: '17.0',
    modules: ['library'],
    screenshotDir: dir,
    logger: silentLogger,
    // Served, but nothing answers there: the real checks (Chromium, or its absence) fail.
    serve: () =>
      Promise.resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        database: 'forge',
        stop: () => {
          stopped += 1;
          return Promise.resolve();
        },
      }),
  });
  assert.equal(outcome.state, 'error');
  assert.equal(stopped, 1);
});
