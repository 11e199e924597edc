// `odoo-forge test` end to end on a real Odoo in containers: the library example passes on 16.0,
// 17.0 and 18.0 with the source tree mounted read-only; a failing assertion and a view naming a
// missing field fail with file and line. Needs the trees (ODOO_SRC_16/17/18 or ODOO_SRC, see
// test/support/odoo-trees.ts) and the local images (`odoo-forge images build --odoo 16.0,17.0,18.0`);
// otherwise a visible skip line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { generate } from '../../../core/generator/generate.js';
import { parseSpec } from '../../../core/spec/parse-spec.js';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { silentLogger } from '../../../runner/logger.js';
import { runOdooTests, type TestRunResult } from '../../../runner/stack/run-odoo-tests.js';
import {
  defaultPostgresImage,
  defaultRuntimeImage,
  type StackSettings,
} from '../../../runner/stack/stack-settings.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { odooTreeOrSkip, supportedSeries } from '../../support/odoo-trees.js';
import { engineOrSkip, objectsOf } from '../helpers/engine.js';

const MODULE = 'library_loans';
const examples = new URL('../../../examples/', import.meta.url).pathname;

/** The library example addon as the generator writes it for `series`, in a fresh addons folder. */
function generateLibrary(t: TestContext, series = '18.0'): string {
  const parsed = parseSpec(readFileSync(join(examples, 'library.yaml'), 'utf8'));
  assert.ok(parsed.ok, 'examples/library.yaml parses');
  const dir = mkdtempSync(join(tmpdir(), 'forge-stack-library-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = { ...parsed.spec, odoo: series as typeof parsed.spec.odoo };
  for (const [path, contents] of generate(spec)) {
    mkdirSync(dirname(join(dir, MODULE, path)), { recursive: true });
    writeFileSync(join(dir, MODULE, path), contents);
  }
  return dir;
}

async function setUp(
  t: TestContext,
  series = '18.0',
): Promise<
  { driver: ContainerDriver; odooSrc: string; settings: (addonsDir: string) => StackSettings } | undefined
> {
  const tree = odooTreeOrSkip(t, series, 'Odoo-in-container runs (docs/stacks.md)');
  if (!tree) return undefined;
  const odooSrc = tree.root;
  const runtime = defaultRuntimeImage(series, process.env);
  const driver = await engineOrSkip(t, [defaultPostgresImage(process.env), runtime]);
  if (!driver) return undefined;
  const settings = (addonsDir: string): StackSettings => ({
    odooSeries: series,
    odoo: { kind: 'source', runtimeImage: runtime, sourceDir: odooSrc },
    postgresImage: defaultPostgresImage(process.env),
    addonsDirs: [addonsDir],
    ttlSeconds: 1800,
    repository: 'forge/tests',
  });
  return { driver, odooSrc, settings };
}

async function runAndCheckCleanUp(
  driver: ContainerDriver,
  settings: StackSettings,
  extra: { update?: boolean } = {},
): Promise<TestRunResult> {
  const teardown = new Teardown();
  try {
    const result = await runOdooTests(driver, settings, {
      modules: [MODULE],
      logger: silentLogger,
      teardown,
      ...extra,
    });
    assert.deepEqual(await objectsOf(driver, result.stackId), [], 'the stack is gone after the run');
    return result;
  } finally {
    await teardown.runAll();
  }
}

/** `odoo-forge test ARGS --json` in-process; the parsed JSON report and stderr. */
async function cliJson(args: string[]): Promise<{ code: number; json: CliReport; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => (out += s),
    err: (s) => (err += s),
    isTty: false,
    cwd: process.cwd(),
    env: process.env,
  };
  const { main } = await import('../../../cli/main.js');
  const code = await main([...args, '--json'], io);
  return { code, json: JSON.parse(out || '{}') as CliReport, err };
}

interface CliReport {
  ok: boolean;
  reasons: string[];
  series: string;
  stack: string;
  template: { volume: string; built: boolean };
  report: TestRunResult['report'];
}

for (const series of supportedSeries) {
  test(
    `the generated library example installs and its tests pass in containers on ${series} (source tree read-only; the series read from the tree, no --odoo)`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const env = await setUp(t, series);
      if (!env) return;
      const logFile = join(generateLibrary(t, series), 'odoo.log');

      const ran = await cliJson([
        'test',
        dirname(logFile),
        '--modules',
        MODULE,
        '--odoo-src',
        env.odooSrc,
        '--log',
        logFile,
      ]);

      const log = readFileSync(logFile, 'utf8');
      assert.equal(ran.code, 0, `${ran.json.reasons?.join('; ')}\n${ran.err}\n${log.slice(-3000)}`);
      assert.equal(ran.json.series, series, 'the run reports the series of the tree');
      assert.match(ran.json.template.volume, new RegExp(`^forge-tpl-${series.replace('.', '\\.')}-`));
      assert.equal(ran.json.report.installed, true);
      assert.ok(ran.json.report.testsRun > 0);
      assert.equal(ran.json.report.failed + ran.json.report.errors, 0);
      assert.match(log, new RegExp(`Odoo version ${series.replace('.', '\\.')}`));
      // From the template: the module list update re-read the repository's addon only.
      assert.match(
        log,
        /odoo\.forge: module list: [1-9]\d* modules of the Odoo tree known to the template database left as they are, 1 read/,
      );
      assert.deepEqual(await objectsOf(env.driver, ran.json.stack), [], 'the stack is gone after the run');
    },
  );
}

test(
  'a 16.0 addon next to the 18.0 one is left out of the run, in one line, and the run passes',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t, '18.0');
    if (!env) return;
    const dir = generateLibrary(t, '18.0');
    cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
      recursive: true,
    });
    const manifest = join(dir, 'forge_shelf', '__manifest__.py');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"18.0.1.0.0"', '"16.0.1.0.0"'));
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (s) => (out += s),
      err: (s) => (err += s),
      isTty: false,
      cwd: process.cwd(),
      env: process.env,
    };
    const { main } = await import('../../../cli/main.js');

    const code = await main(
      ['test', dir, '--modules', MODULE, '--odoo', '18.0', '--odoo-src', env.odooSrc],
      io,
    );

    assert.equal(code, 0, `${out}\n${err}`);
    const lines = err.split('\n').filter((l) => l.startsWith('left out'));
    assert.deepEqual(lines, ['left out 1 addon of another series (not Odoo 18.0): forge_shelf (16.0.1.0.0)']);
  },
);

test(
  'a run that starts with its database waits for the stack network and data volume, however slow the engine makes them',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const dir = generateLibrary(t);
    // The real engine, with its network and volume creations 0.7 s late (as on a loaded runner).
    const late = new Set<PropertyKey>(['createNetwork', 'createVolume']);
    const slow = new Proxy(env.driver, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (!late.has(property)) return method.bind(target);
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, 700));
          return method.apply(target, args);
        };
      },
    });

    const result = await runAndCheckCleanUp(slow, env.settings(dir));

    assert.equal(result.verdict.ok, true, result.verdict.reasons.join('; '));
    assert.equal(result.report.installed, true);
  },
);

test(
  'a failing assertion fails the run with the test id, file, line and message',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const dir = generateLibrary(t);
    const testsDir = join(dir, MODULE, 'tests');
    const file =
      readdirSync(testsDir)
        .filter((f) => f.startsWith('test_'))
        .sort()[0] ?? '';
    const before = readFileSync(join(testsDir, file), 'utf8').replace(/\s*$/, '\n');
    const line = before.split('\n').length + 1;
    writeFileSync(
      join(testsDir, file),
      `${before}\n    def test_zz_forge_deliberate(self):\n        self.assertEqual(1 + 1, 3, "forge: deliberate failure")\n`,
    );

    const result = await runAndCheckCleanUp(env.driver, env.settings(dir));

    assert.equal(result.verdict.ok, false);
    assert.equal(result.exitCode, 1, "Odoo's exit code for failed tests comes through the launcher");
    assert.equal(result.report.installed, true);
    assert.equal(result.report.failed, 1, result.log.slice(-3000));
    const failure = result.report.failures[0];
    assert.ok(failure);
    assert.equal(failure.kind, 'fail');
    assert.match(failure.testId, /test_zz_forge_deliberate$/);
    assert.equal(failure.file, `${MODULE}/tests/${file}`);
    assert.equal(failure.line, line + 1);
    assert.match(failure.message, /AssertionError: 2 != 3 : forge: deliberate failure/);
  },
);

test(
  'a view naming a missing field fails the install with the file and line',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const dir = generateLibrary(t);
    const view = join(dir, MODULE, 'views', 'library_book_views.xml');
    const lines = readFileSync(view, 'utf8').split('\n');
    const index = lines.findIndex((l) => /<field name="[a-z_]+"\s*\/>/.test(l));
    assert.ok(index >= 0, 'the generated view has a field to break');
    lines[index] = (lines[index] ?? '').replace(
      /<field name="[a-z_]+"/,
      '<field name="x_forge_no_such_field"',
    );
    writeFileSync(view, lines.join('\n'));

    const result = await runAndCheckCleanUp(env.driver, env.settings(dir));

    assert.equal(result.verdict.ok, false);
    assert.equal(result.report.installed, false);
    const error = result.report.installErrors.find((e) => e.file !== undefined);
    assert.ok(error, `an install error with a file: ${JSON.stringify(result.report.installErrors, null, 1)}`);
    assert.match(error.file ?? '', /library_book_views\.xml$/);
    assert.ok(error.line !== undefined && error.line > 0);
    assert.match(error.message, /x_forge_no_such_field/);
  },
);

test('an update run (-u after -i) of the fixture addon passes', { timeout: 15 * 60_000 }, async (t) => {
  const env = await setUp(t);
  if (!env) return;
  const dir = mkdtempSync(join(tmpdir(), 'forge-stack-shelf-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
    recursive: true,
  });
  const teardown = new Teardown();
  t.after(() => teardown.runAll());

  const result = await runOdooTests(env.driver, env.settings(dir), {
    modules: ['forge_shelf'],
    update: true,
    logger: silentLogger,
    teardown,
  });

  assert.ok(result.verdict.ok, result.verdict.reasons.join('; '));
  assert.equal(result.report.testsRun, 2);
  assert.match(result.log, /-u|Updating|update/i);
});

test(
  'stack up serves Odoo: the printed URL answers and the printed admin login works; stack down removes it',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const dir = mkdtempSync(join(tmpdir(), 'forge-stack-up-'));
    chmodSync(dir, 0o755);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
      recursive: true,
    });
    let out = '';
    const io: CliIo = {
      out: (s) => (out += s),
      err: () => {},
      isTty: false,
      cwd: process.cwd(),
      env: process.env,
    };
    const { main } = await import('../../../cli/main.js');

    const code = await main(
      ['stack', 'up', dir, '--modules', 'forge_shelf', '--odoo-src', env.odooSrc, '--ttl', '20m'],
      io,
    );
    const stackId = /stack (forge-[0-9a-f]+) is up/.exec(out)?.[1];
    t.after(async () => {
      if (stackId) await main(['stack', 'down', stackId], { ...io, out: () => {} });
    });
    const url =
      /Odoo: (http:\/\/127\.0\.0\.1:\d+)\/web\/login {2}\(login (\w+), password (\w+); database (\w+)\)/.exec(
        out,
      );

    assert.equal(code, 0, out);
    assert.ok(stackId && url, out);
    const [, base, login, password, db] = url;
    assert.equal((await fetch(`${base}/web/login`)).status, 200);
    const session = await fetch(`${base}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db, login, password } }),
    });
    const answer = (await session.json()) as { result?: { uid?: number } };
    assert.ok(answer.result?.uid, `admin login: ${JSON.stringify(answer).slice(0, 300)}`);

    assert.equal(await main(['stack', 'down', stackId], { ...io, out: () => {} }), 0);
    assert.deepEqual(await objectsOf(env.driver, stackId), []);
  },
);

test(
  'Ctrl-C (SIGINT) in the middle of odoo-forge test removes everything of the run',
  { timeout: 15 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const dir = mkdtempSync(join(tmpdir(), 'forge-stack-sigint-'));
    chmodSync(dir, 0o755);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
      recursive: true,
    });
    const repository = `forge/sigint-${process.pid}`;
    const cli = new URL('../helpers/odoo-forge-cli.ts', import.meta.url).pathname;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        'test',
        dir,
        '--modules',
        'forge_shelf',
        '--odoo-src',
        env.odooSrc,
        '--repository',
        repository,
      ],
      { stdio: 'ignore' },
    );
    t.after(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const labelled = { 'forge.repository': repository };
    let running = false;
    for (let i = 0; i < 600 && !running; i++) {
      running = (await env.driver.listContainers(labelled)).some(
        (c) => c.name.endsWith('-run') && c.state === 'running',
      );
      if (!running) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(running, 'Odoo started in the run container');

    child.kill('SIGINT');
    const code = await exited;

    assert.equal(code, 130);
    assert.deepEqual(await env.driver.listContainers(labelled), []);
    assert.deepEqual(await env.driver.listNetworks(labelled), []);
    assert.deepEqual(await env.driver.listVolumes(labelled), []);
  },
);
