// Pure parts of the stack runner: no engine needed.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { debianMirror } from '../../../runner/images/debian-mirror.js';
import type { TestReport } from '../../../runner/odoo/test-report.js';
import {
  odooContainerPlan,
  odooContainerSpec,
  odooLauncher,
} from '../../../runner/stack/odoo-container-command.js';
import { resolveStackSettings } from '../../../runner/stack/resolve-stack-settings.js';
import { judgeReport } from '../../../runner/stack/run-odoo-tests.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-units-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const report = (over: Partial<TestReport>): TestReport => ({
  installed: true,
  modules: ['m'],
  testsRun: 3,
  passed: 3,
  failed: 0,
  errors: 0,
  resultLineSeen: true,
  failures: [],
  installErrors: [],
  warnings: [],
  serverErrors: [],
  ...over,
});

test('verdict: installed, no failure or error, some test run (unless allowed), Odoo exit 0', () => {
  assert.deepEqual(judgeReport(report({}), 0, false), { ok: true, reasons: [] });
  assert.equal(judgeReport(report({ failed: 1, passed: 2 }), 1, false).ok, false);
  assert.equal(judgeReport(report({ errors: 1, passed: 2 }), 0, false).ok, false);
  assert.match(judgeReport(report({ testsRun: 0, passed: 0 }), 0, false).reasons.join(), /no test ran/);
  assert.equal(judgeReport(report({ testsRun: 0, passed: 0 }), 0, true).ok, true);
  assert.match(
    judgeReport(
      report({
        installed: false,
        installErrors: [{ message: 'ParseError x', logger: 'odoo.tools.convert' }],
      }),
      255,
      false,
    ).reasons[0] ?? '',
    /not installed: ParseError x/,
  );
  assert.match(judgeReport(report({}), 3, false).reasons.join(), /exited with code 3/);
});

test('Odoo in a container: a source tree runs setup/odoo with PYTHONPATH; an image runs its odoo', (t) => {
  const src = tempDir(t);
  mkdirSync(join(src, 'odoo', 'addons'), { recursive: true });
  const fromSource = odooContainerPlan(
    { kind: 'source', runtimeImage: 'rt:18', sourceDir: src },
    ['/srv/addons'],
    'vol',
  );
  const spec = odooContainerSpec(fromSource, { install: ['m'], testModules: ['m'] }, { name: 'n' });

  assert.deepEqual(spec.cmd?.slice(0, 2), ['python3', '/opt/odoo/setup/odoo']);
  assert.ok(spec.cmd?.includes('--addons-path=/opt/odoo/odoo/addons,/mnt/forge-addons/0'));
  assert.ok(spec.cmd?.includes('--test-tags=/m'));
  assert.ok(spec.cmd?.includes('--stop-after-init'));
  assert.ok(!spec.cmd?.some((a) => a.includes('password')), 'no password on the command line');
  assert.equal(spec.env?.PGPASSWORD, 'odoo');
  assert.equal(spec.env?.PYTHONPATH, '/opt/odoo');
  assert.deepEqual(
    spec.mounts?.find((m) => m.target === '/opt/odoo'),
    { type: 'bind', source: src, target: '/opt/odoo', readOnly: true },
  );
  assert.equal(spec.mounts?.find((m) => m.target === '/mnt/forge-addons/0')?.readOnly, true);

  const fromImage = odooContainerSpec(
    odooContainerPlan({ kind: 'image', image: 'odoo:18.0' }, ['/srv/addons'], 'vol'),
    { install: ['m'] },
    { name: 'n' },
  );
  assert.equal(fromImage.image, 'odoo:18.0');
  assert.equal(fromImage.cmd?.[0], 'odoo');
  assert.ok(fromImage.cmd?.includes('--addons-path=/mnt/forge-addons/0'));
});

test('Odoo in a container: a test run from a template starts through the launcher, an image run never', (t) => {
  const src = tempDir(t);
  mkdirSync(join(src, 'odoo', 'addons'), { recursive: true });
  writeFileSync(join(src, 'odoo-bin'), '');
  const plan = odooContainerPlan(
    { kind: 'source', runtimeImage: 'rt:18', sourceDir: src },
    ['/srv/addons'],
    'vol',
  );
  const run = { install: ['m'], testModules: ['m'] };

  const both = odooContainerSpec(plan, { ...run, waitForDatabase: true, fromTemplate: true }, { name: 'n' });
  const templateOnly = odooContainerSpec(plan, { ...run, fromTemplate: true }, { name: 'n' });
  const plain = odooContainerSpec(plan, run, { name: 'n' });

  assert.deepEqual(both.cmd?.slice(0, 2), ['python3', '-c']);
  assert.equal(both.cmd?.[2], odooLauncher({ waitForDatabase: true, fromTemplate: true }));
  assert.equal(both.cmd?.[3], '/opt/odoo/odoo-bin', 'argv[1] is the odoo-bin path, Odoo options after it');
  assert.ok(both.cmd?.includes('-i'));
  assert.match(both.cmd?.[2] ?? '', /psycopg2\.connect\(host='db'/);
  assert.match(both.cmd?.[2] ?? '', /odoo\.modules\.get_modules = forge_get_modules/);
  assert.match(both.cmd?.[2] ?? '', /os\._exit\(code or 0\)$/);
  assert.doesNotMatch(templateOnly.cmd?.[2] ?? '', /psycopg2/, 'no wait without waitForDatabase');
  assert.match(templateOnly.cmd?.[2] ?? '', /forge_get_modules/);
  assert.deepEqual(plain.cmd?.slice(0, 2), ['python3', '/opt/odoo/odoo-bin'], 'neither: odoo-bin itself');
  const image = odooContainerSpec(
    odooContainerPlan({ kind: 'image', image: 'odoo:18.0' }, ['/srv/addons'], 'vol'),
    { ...run, waitForDatabase: true, fromTemplate: true },
    { name: 'n' },
  );
  assert.equal(image.cmd?.[0], 'odoo', "an image's own odoo runs as it is");
});

test('Odoo in a container: a shell run reads its script on stdin from a read-only mount, for a tree or an image', (t) => {
  const src = tempDir(t);
  mkdirSync(join(src, 'odoo', 'addons'), { recursive: true });
  const plan = odooContainerPlan(
    { kind: 'source', runtimeImage: 'rt:18', sourceDir: src },
    ['/srv/addons'],
    'vol',
  );
  const spec = odooContainerSpec(
    plan,
    { shellScript: '/tmp/run-1/seed.py', install: ['m'], demo: true },
    { name: 'n' },
  );

  assert.deepEqual(spec.entrypoint, ['sh', '-c', 'exec "$@" < /forge-shell/seed.py', 'forge-shell']);
  assert.deepEqual(spec.cmd?.slice(0, 3), ['python3', '/opt/odoo/setup/odoo', 'shell']);
  assert.ok(spec.cmd?.includes('--db_host=db'));
  assert.ok(spec.cmd?.includes('--no-http'));
  assert.ok(!spec.cmd?.includes('-i'), 'a shell installs nothing');
  assert.ok(!spec.cmd?.includes('--stop-after-init'));
  assert.ok(!spec.cmd?.some((a) => a.startsWith('--without-demo')), 'demo: true');
  assert.deepEqual(
    spec.mounts?.find((m) => m.target === '/forge-shell'),
    { type: 'bind', source: '/tmp/run-1', target: '/forge-shell', readOnly: true },
  );
  const fromImage = odooContainerSpec(
    odooContainerPlan({ kind: 'image', image: 'odoo:18.0' }, ['/srv/addons'], 'vol'),
    { shellScript: '/tmp/run-1/seed.py' },
    { name: 'n' },
  );
  assert.deepEqual(fromImage.cmd?.slice(0, 2), ['odoo', 'shell']);
  assert.ok(fromImage.cmd?.includes('--without-demo=all'));
});

test('settings: ODOO_SRC stands in for --odoo-src; bad series, folders and trees are bad input', (t) => {
  const addons = tempDir(t);
  const src = tempDir(t);
  mkdirSync(join(src, 'odoo', 'addons', 'base'), { recursive: true });
  writeFileSync(join(src, 'odoo', 'addons', 'base', '__manifest__.py'), '{}');
  writeFileSync(join(src, 'odoo', 'release.py'), "version_info = (18, 0, 0, 'final', 0, '')\n");
  const base = { options: { odoo: '18.0' }, addonsDirs: [addons], cwd: '/', env: { ODOO_SRC: src } };
  const withOptions = (options: Record<string, unknown>) => ({
    ...base,
    options: { ...base.options, ...options },
  });

  const settings = resolveStackSettings(base);
  assert.deepEqual(settings.odoo, {
    kind: 'source',
    runtimeImage: 'localhost/forge-odoo-runtime:18.0',
    sourceDir: src,
  });
  assert.equal(settings.postgresImage, 'localhost/forge-postgres:15');
  assert.equal(
    resolveStackSettings({
      ...withOptions({ odooImage: 'odoo:18.0' }),
      env: { FORGE_POSTGRES_IMAGE: 'postgres:16' },
    }).postgresImage,
    'postgres:16',
  );
  const code = (f: () => unknown): string => {
    try {
      f();
      return 'none';
    } catch (e) {
      return e instanceof ForgeError ? e.code : 'other';
    }
  };
  assert.equal(
    code(() => resolveStackSettings(withOptions({ odoo: '18' }))),
    'input.odoo',
  );
  assert.throws(
    () => resolveStackSettings(withOptions({ repository: 'no-slash' })),
    /^ForgeError: --repository is "no-slash": not owner\/name\.$/,
  );
  assert.equal(
    code(() => resolveStackSettings({ ...base, addonsDirs: [join(addons, 'missing')] })),
    'input.addons-dir',
  );
  assert.equal(
    code(() => resolveStackSettings(withOptions({ odooSrc: addons }))),
    'input.odoo-src',
  );
  assert.equal(
    code(() => resolveStackSettings(withOptions({ odooSrc: src, odooImage: 'odoo:18.0' }))),
    'input.odoo-source',
  );
  chmodSync(addons, 0o700);
  assert.equal(
    code(() => resolveStackSettings(base)),
    'input.mount-unreadable',
  );
});

test('the Debian mirror is the one apt uses (one-line and deb822 sources), or FORGE_DEBIAN_MIRROR', (t) => {
  const etc = tempDir(t);
  mkdirSync(join(etc, 'sources.list.d'));
  writeFileSync(
    join(etc, 'sources.list.d', 'debian.sources'),
    'Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\nTypes: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\n',
  );
  assert.equal(debianMirror({}, etc), 'http://mirror.example/debian');
  writeFileSync(join(etc, 'sources.list'), 'deb [arch=amd64] http://other.example/debian bookworm main\n');
  assert.equal(debianMirror({}, etc), 'http://other.example/debian');
  assert.equal(debianMirror({ FORGE_DEBIAN_MIRROR: 'http://x/debian' }, etc), 'http://x/debian');
});
