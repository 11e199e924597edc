import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { connectEngine } from '../../runner/pr/connect-engine.js';
import { parseSeriesInput, planPrTests } from '../../runner/pr/test-plan.js';
import { parseSeriesOdoo, requireSeriesOdoo } from '../../runner/pr/series-odoo.js';

function addonsRepo(
  t: TestContext,
  addons: Record<string, { version?: string; depends?: string[] }>,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-plan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, { version, depends }] of Object.entries(addons)) {
    mkdirSync(join(dir, name));
    const fields = [`'name': '${name}'`, `'depends': ${JSON.stringify(depends ?? ['base'])}`];
    if (version) fields.push(`'version': '${version}'`);
    writeFileSync(join(dir, name, '__manifest__.py'), `{${fields.join(', ')}}\n`);
    writeFileSync(join(dir, name, '__init__.py'), '');
  }
  return dir;
}

test('the plan tests the touched addons and the addons that depend on them, per the series of their manifests', async (t) => {
  const dir = addonsRepo(t, {
    lib: { version: '18.0.1.0.0' },
    lib_loans: { version: '18.0.1.0.0', depends: ['lib', 'mail'] },
    lib_loans_report: { version: '18.0.1.0.0', depends: ['lib_loans'] },
    old_tool: { version: '17.0.1.0.0' },
    unrelated: { version: '18.0.1.0.0' },
  });
  const plan = await planPrTests({ addonsDirs: [dir], touched: ['lib', 'old_tool'] });
  assert.deepEqual(plan.touched, ['lib', 'old_tool']);
  assert.deepEqual(plan.dependents, ['lib_loans', 'lib_loans_report']);
  assert.deepEqual(
    plan.perSeries.map((s) => [s.series, s.modules]),
    [
      ['17.0', ['old_tool']],
      ['18.0', ['lib', 'lib_loans', 'lib_loans_report']],
    ],
  );
  assert.deepEqual(plan.perSeries[1]?.dependents, ['lib_loans', 'lib_loans_report']);
});

test('odoo-version overrides the manifests: every module runs on each listed series', async (t) => {
  const dir = addonsRepo(t, { a: { version: '1.0' }, b: { version: '18.0.1.0.0', depends: ['a'] } });
  const plan = await planPrTests({
    addonsDirs: [dir],
    touched: ['a'],
    series: parseSeriesInput('17.0, 18.0'),
  });
  assert.deepEqual(
    plan.perSeries.map((s) => [s.series, s.modules]),
    [
      ['17.0', ['a', 'b']],
      ['18.0', ['a', 'b']],
    ],
  );
});

test('refusals name the bad value: no manifest, no series, a bad odoo-version, no Odoo for a series', async (t) => {
  const dir = addonsRepo(t, { a: { version: '1.0' } });
  mkdirSync(join(dir, 'half'));
  writeFileSync(join(dir, 'half', '__init__.py'), '');
  await assert.rejects(planPrTests({ addonsDirs: [dir], touched: ['half'] }), (error: ForgeError) => {
    assert.equal(error.code, 'input.no-manifest');
    assert.match(error.message, /half has no __manifest__\.py/);
    return true;
  });
  await assert.rejects(planPrTests({ addonsDirs: [dir], touched: ['x'], withoutManifest: ['addons/x'] }), {
    code: 'input.no-manifest',
    message: /addons\/x has no __manifest__\.py/,
  });
  await assert.rejects(planPrTests({ addonsDirs: [dir], touched: ['a'] }), {
    code: 'input.no-series',
    message: /Addon a .* has version "1\.0", which names no Odoo series/,
  });
  assert.throws(() => parseSeriesInput('18'), { code: 'input.odoo-version', message: /"18"/ });
  const lookup = parseSeriesOdoo({
    odooImage: '16.0=registry.example/odoo:custom, odoo:17.0',
    odooSrc: '',
    cwd: dir,
  });
  assert.deepEqual(lookup('16.0'), { kind: 'image', image: 'registry.example/odoo:custom' });
  assert.deepEqual(lookup('17.0'), { kind: 'image', image: 'odoo:17.0' });
  assert.throws(() => requireSeriesOdoo(lookup, '18.0', ['a', 'b']), {
    code: 'input.no-odoo-for-series',
    message: /No Odoo 18\.0 is given .* a, b target 18\.0/,
  });
  const template = parseSeriesOdoo({ odooImage: 'odoo:{series}', odooSrc: '', cwd: dir });
  assert.deepEqual(template('18.0'), { kind: 'image', image: 'odoo:18.0' });
  assert.throws(() => parseSeriesOdoo({ odooImage: 'odoo:latest', odooSrc: '', cwd: dir }), {
    code: 'input.odoo-image',
  });
});

test('odoo-src trees give their own series (odoo/release.py), and a wrong SERIES= prefix is refused', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-tree-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const series of ['17', '18']) {
    mkdirSync(join(dir, series, 'odoo'), { recursive: true });
    writeFileSync(
      join(dir, series, 'odoo', 'release.py'),
      `version_info = (${series}, 0, 0, 'final', 0, '')\n`,
    );
    writeFileSync(join(dir, series, 'odoo-bin'), '');
  }
  const lookup = parseSeriesOdoo({ odooImage: '', odooSrc: '17\n18', cwd: dir });
  assert.equal(lookup('18.0')?.kind, 'source');
  assert.match(JSON.stringify(lookup('17.0')), /\/17"/);
  assert.equal(lookup('16.0'), undefined);
  assert.throws(() => parseSeriesOdoo({ odooImage: '', odooSrc: '16.0=17', cwd: dir }), {
    code: 'input.odoo-src',
    message: /that tree is Odoo 17\.0/,
  });
});

test('no container engine on the runner: the error says what was tried and points at docs/runners.md', async () => {
  await assert.rejects(
    connectEngine({
      env: { DOCKER_HOST: 'unix:///nonexistent/forge.sock' },
      usualSockets: [],
      pingTimeoutMs: 500,
    }),
    (error: ForgeError) => {
      assert.equal(error.code, 'engine.unreachable');
      assert.match(error.message, /unix:\/\/\/nonexistent\/forge\.sock/);
      assert.match(error.hint ?? '', /docs\/runners\.md/);
      assert.match(error.hint ?? '', /mode: local/);
      return true;
    },
  );
});
