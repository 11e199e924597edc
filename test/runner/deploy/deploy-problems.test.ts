// The deploy's health without Odoo's web client: deployProblems against a real PostgreSQL
// (a database with Odoo's ir_module_module) and a real HTTP server standing in for Odoo's
// /web/health. Healthy: nothing to say. Otherwise each problem is named: the health answer, an
// addon not installed, unknown or at another version than its manifest's, and the update log's
// ERROR and CRITICAL lines (the first one quoted). With Odoo itself it runs in every deploy of
// deploy-scenario.test.ts and deploy-action.test.ts, which only ever see it pass.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AddonManifest } from '../../../runner/addons/read-addon-manifests.js';
import { deployProblems } from '../../../runner/deploy/deploy-health.js';
import { dropDatabase, type LocalPostgres } from '../../../runner/local-odoo/local-postgres.js';
import { localPostgresOrSkip } from '../../support/local-postgres-or-skip.js';
import { seedDatabase, testDatabaseName } from '../backup/backup-helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'forge-deploy-problems-'));
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** An HTTP server that answers /web/health with `status` and `body`. */
async function health(status: number, body: unknown): Promise<string> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/web/health') return void response.writeHead(404).end();
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function manifest(name: string, version: string | undefined, installable = true): [string, AddonManifest] {
  return [
    name,
    { name, dir: `/addons/${name}`, depends: ['base'], installable, ...(version ? { version } : {}) },
  ];
}

/** seedDatabase's modules: base 18.0.1.3 and mail 18.0.1.17 installed, sale uninstalled. */
async function database(
  t: import('node:test').TestContext,
): Promise<{ pg: LocalPostgres; database: string } | undefined> {
  const pg = await localPostgresOrSkip(t, 'the deploy health reads ir_module_module');
  if (!pg) return undefined;
  const name = testDatabaseName('health');
  await seedDatabase(pg, name, dataDir, 0);
  cleanups.push(() => dropDatabase(pg, name));
  return { pg, database: name };
}

const LOG = [
  '2026-12-03 10:15:01,123 7 INFO forge odoo.modules.loading: loading 12 modules...',
  '2026-12-03 10:15:02,456 7 WARNING forge odoo.models: a warning is no failure',
  '2026-12-03 10:15:03,789 7 INFO forge odoo.modules.loading: Modules loaded.',
].join('\n');

test('a healthy deploy has no problem: /web/health passes, each addon installed at its manifest version, no ERROR', async (t) => {
  const db = await database(t);
  if (!db) return;
  const url = await health(200, { status: 'pass' });
  const manifests = new Map([
    manifest('mail', '1.17'),
    manifest('base', '18.0.1.3'),
    manifest('old', '1.0', false),
  ]);

  assert.deepEqual(await deployProblems(url, { ...db, dataDir }, manifests, '18.0', LOG), []);
});

test('each problem is named: the health answer, an addon not installed, unknown or at another version, the ERROR lines', async (t) => {
  const db = await database(t);
  if (!db) return;
  const url = await health(503, { status: 'fail' });
  const manifests = new Map([
    manifest('mail', '18.0.1.18'),
    manifest('sale', '1.2'),
    manifest('loans', undefined),
    manifest('old', '1.0', false),
  ]);
  const log = [
    LOG,
    '2026-12-03 10:15:04,001 7 ERROR forge odoo.addons.loans.models: cannot compute due_date',
    '2026-12-03 10:15:05,002 7 CRITICAL forge odoo.service.server: Failed to initialize database',
  ].join('\n');

  const problems = await deployProblems(url, { ...db, dataDir }, manifests, '18.0', log);

  assert.deepEqual(problems, [
    `${url}/web/health answered "HTTP 503", not "pass"`,
    'addon mail is installed at version 18.0.1.17, its manifest says 18.0.1.18',
    'addon sale is in state "uninstalled", not installed',
    'addon loans is unknown to Odoo, not installed',
    'the update logged 2 ERROR line(s), the first: 2026-12-03 10:15:04,001 7 ERROR forge odoo.addons.loans.models: cannot compute due_date',
  ]);
});

test('a server that does not answer is a health problem that names the URL', async (t) => {
  const db = await database(t);
  if (!db) return;
  const url = await health(200, { status: 'pass' });
  await cleanups.pop()?.();

  const [problem, ...rest] = await deployProblems(url, { ...db, dataDir }, new Map(), '18.0', LOG);

  assert.match(problem ?? '', new RegExp(`^${url}/web/health answered "fetch failed", not "pass"$`));
  assert.deepEqual(rest, []);
});
