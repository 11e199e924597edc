// The container template database holds the web client's asset bundles (issue 10): the template
// build serves its database once and builds them (warmWebAssets), so a stack copied from it serves
// them at once. Real Podman and Odoo 18.0 (the library example): after the run with tests, the
// stack's database has the bundles' attachments and their filestore files, and serving it (no
// `-i`) and loading the web client builds none again.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { generate } from '../../../core/generator/generate.js';
import { parseSpec } from '../../../core/spec/parse-spec.js';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { silentLogger } from '../../../runner/logger.js';
import { StackDatabase } from '../../../runner/stack/odoo-container-command.js';
import { OdooStack } from '../../../runner/stack/odoo-stack.js';
import { runOdooTests } from '../../../runner/stack/run-odoo-tests.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { warmWebAssets } from '../../../runner/ui-check/warm-web-assets.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { engineOrSkip, objectsOf } from '../helpers/engine.js';

const MODULE = 'library_loans';
const examples = new URL('../../../examples/', import.meta.url).pathname;

function generateLibrary(t: TestContext): string {
  const parsed = parseSpec(readFileSync(join(examples, 'library.yaml'), 'utf8'));
  assert.ok(parsed.ok, 'examples/library.yaml parses');
  const dir = mkdtempSync(join(tmpdir(), 'forge-tpl-assets-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, contents] of generate({ ...parsed.spec, odoo: '18.0' })) {
    mkdirSync(dirname(join(dir, MODULE, path)), { recursive: true });
    writeFileSync(join(dir, MODULE, path), contents);
  }
  return dir;
}

/** The asset bundles' attachments of the stack's database: url and filestore path. */
async function bundles(driver: ContainerDriver, stack: OdooStack): Promise<{ url: string; file: string }[]> {
  const sql =
    "SELECT url || ' ' || coalesce(store_fname, '') FROM ir_attachment WHERE url LIKE '/web/assets/%'";
  const answer = await driver.exec(stack.names.db, [
    'psql',
    '-U',
    StackDatabase.user,
    '-d',
    StackDatabase.name,
    '-tAc',
    sql,
  ]);
  assert.equal(answer.exitCode, 0, answer.stderr);
  return answer.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('/web/assets/'))
    .map((line) => {
      const [url = '', file = ''] = line.split(' ');
      return { url, file };
    });
}

test(
  'Odoo 18.0 in containers: a stack from the template has the web asset bundles built, and serving it builds none again',
  { timeout: 20 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'template web assets (real Odoo in containers)');
    if (!tree) return;
    const runtime = defaultRuntimeImage('18.0', process.env);
    const driver = await engineOrSkip(t, [defaultPostgresImage(process.env), runtime]);
    if (!driver) return;
    const settings = {
      odooSeries: '18.0',
      odoo: { kind: 'source' as const, runtimeImage: runtime, sourceDir: tree.root },
      postgresImage: defaultPostgresImage(process.env),
      addonsDirs: [generateLibrary(t)],
      ttlSeconds: 1800,
      repository: 'forge/tests',
    };
    const teardown = new Teardown();
    t.after(() => teardown.runAll());
    const run = await runOdooTests(driver, settings, {
      modules: [MODULE],
      keep: true,
      logger: silentLogger,
      teardown,
    });
    const stack = new OdooStack(driver, settings, silentLogger, { id: run.stackId });
    t.after(async () => {
      await stack.down();
      assert.deepEqual(await objectsOf(driver, stack.id), [], 'the stack is gone');
    });
    assert.equal(run.report.installed, true, run.log.slice(-2000));

    const before = await bundles(driver, stack);
    assert.ok(before.length > 0, 'the database copied from the template holds asset bundles');
    for (const { url, file } of before) {
      assert.ok(file !== '', `${url} is stored in the filestore`);
      const found = await driver.exec(stack.names.db, [
        'test',
        '-s',
        `/var/lib/postgresql/data/odoo/filestore/${StackDatabase.name}/${file}`,
      ]);
      assert.equal(found.exitCode, 0, `the filestore file of ${url} (${file}) was copied from the template`);
    }

    const baseUrl = await stack.startOdooServer([MODULE], { install: false });
    const warmed = await warmWebAssets({ baseUrl, database: StackDatabase.name, series: '18.0' });
    assert.ok(warmed.bundles.length > 0, 'the web client names its bundles');
    const after = await bundles(driver, stack);
    assert.deepEqual(
      after.map((b) => b.url).sort(),
      before.map((b) => b.url).sort(),
      'loading the web client served the template bundles, it built none',
    );
    t.diagnostic(
      `${before.length} bundles from the template; the web client loaded in ${warmed.durationMs} ms`,
    );
  },
);
