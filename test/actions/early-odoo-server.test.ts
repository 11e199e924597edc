import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EarlyOdooServer, POST_TESTS_LINE } from '../../runner/pr/early-odoo-server.js';

const trees = [
  ['16.0', process.env.ODOO_SRC_16],
  ['17.0', process.env.ODOO_SRC_17],
  ['18.0', process.env.ODOO_SRC_18],
] as const;

for (const [series, tree] of trees) {
  test(`Odoo ${series} logs the line the early server waits for after committing the modules`, (t) => {
    if (!tree) {
      if (process.env.FORGE_REQUIRE_ODOO === '1') assert.fail(`ODOO_SRC_${series.slice(0, 2)} is not set`);
      return t.skip(`no Odoo ${series} tree`);
    }
    // Arrange: the server's source, where the registry is loaded and the post-install tests run.
    const server = readFileSync(join(tree, 'odoo/service/server.py'), 'utf8');

    // Act
    const registry = server.indexOf('registry = Registry.new(dbname');
    const line = server.indexOf(`_logger.info("${POST_TESTS_LINE}")`);
    const suite = server.indexOf("make_suite(module_names, 'post_install')");

    // Assert: logged once the registry (installed and committed) exists, before the post tests.
    assert.ok(registry > 0, 'Registry.new in preload_registries');
    assert.ok(line > registry, `"${POST_TESTS_LINE}" logged after Registry.new`);
    assert.ok(suite > line, 'the post-install suite runs after the line');
  });
}

test('the early server starts once, when the line arrives split across log chunks, and not before', async () => {
  // Arrange
  let starts = 0;
  const early = new EarlyOdooServer(() => {
    starts += 1;
    return Promise.resolve('http://127.0.0.1:8069');
  });

  // Act
  early.onLog('2026-12-04 02:00:00,000 1 INFO forge odoo.modules.loading: Modules loaded.\n');
  const before = early.url;
  early.onLog('2026-12-04 02:00:01,000 1 INFO forge odoo.service.server: Starting po');
  early.onLog('st tests\n');
  early.onLog(`... ${POST_TESTS_LINE} again\n`);

  // Assert
  assert.equal(before, undefined);
  assert.equal(starts, 1);
  assert.equal(await early.url, 'http://127.0.0.1:8069');
});

test('a failed early start is kept for the caller, never an unhandled rejection', async () => {
  // Arrange
  const early = new EarlyOdooServer(() => Promise.reject(new Error('the engine refused the container')));

  // Act
  early.onLog(`${POST_TESTS_LINE}\n`);
  await early.settled();

  // Assert
  await assert.rejects(early.url as Promise<string>, /the engine refused the container/);
});

test('without the line the early server never starts and settles at once', async () => {
  let starts = 0;
  const early = new EarlyOdooServer(() => {
    starts += 1;
    return Promise.resolve('http://127.0.0.1:1');
  });
  early.onLog('odoo.modules.loading: 1 modules loaded\nodoo.service.server: Initiating shutdown\n');
  await early.settled();
  assert.equal(early.url, undefined);
  assert.equal(starts, 0);
});
