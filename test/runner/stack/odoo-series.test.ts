// The series of a run is the Odoo's own (issue 14, item 1): read from the tree's odoo/release.py
// (or the image), checked against --odoo before anything starts, never a default that lies; an
// unknown series is bad input listing the supported ones. No engine needed: the engine given is
// unreachable on purpose, so a refusal proves nothing was started (the last test uses the real
// engine and the 17.0 tree: a manifest of another series is refused before any container).
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { main } from '../../../cli/main.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import {
  readTreeSeries,
  seriesOfLabels,
  seriesOfText,
  settleSeries,
} from '../../../runner/odoo/read-odoo-series.js';
import { resolveStackSettings } from '../../../runner/stack/resolve-stack-settings.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { engineOrSkip } from '../helpers/engine.js';

const NO_ENGINE = 'unix:///nonexistent/forge-series.sock';

/** A stand-in Odoo tree of `series` (release.py and base's manifest) and an addons folder. */
function workspace(t: TestContext, series: string, addonVersion = `${series}.1.0.0`) {
  const root = mkdtempSync(join(tmpdir(), 'forge-series-'));
  chmodSync(root, 0o755);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const odooSrc = join(root, 'odoo-src');
  mkdirSync(join(odooSrc, 'odoo', 'addons', 'base'), { recursive: true });
  writeFileSync(join(odooSrc, 'odoo', 'addons', 'base', '__manifest__.py'), "{'name': 'Base'}\n");
  const [major, minor] = series.split('.');
  writeFileSync(
    join(odooSrc, 'odoo', 'release.py'),
    `RELEASE_LEVELS = [ALPHA, BETA, RELEASE_CANDIDATE, FINAL] = ['alpha', 'beta', 'candidate', 'final']\nversion_info = (${major}, ${minor}, 0, FINAL, 0, '')\n`,
  );
  writeFileSync(join(odooSrc, 'odoo-bin'), '#!/usr/bin/env python3\n');
  chmodSync(odooSrc, 0o755);
  const addons = join(root, 'addons');
  mkdirSync(addons);
  chmodSync(addons, 0o755);
  cpSync(
    new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname,
    join(addons, 'forge_shelf'),
    {
      recursive: true,
    },
  );
  const manifest = join(addons, 'forge_shelf', '__manifest__.py');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"18.0.1.0.0"', `"${addonVersion}"`));
  return { odooSrc, addons };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { ...process.env };
  delete env.ODOO_SRC;
  const io: CliIo = { out: (s) => (out += s), err: (s) => (err += s), isTty: false, cwd: process.cwd(), env };
  const code = await main(args, io);
  return { code, out, err };
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'none';
  } catch (error) {
    return error instanceof ForgeError ? `${error.code}: ${error.message}` : String(error);
  }
};

test('the series is read from release.py, a version text or a label; other text names none', (t) => {
  const { odooSrc } = workspace(t, '17.0');
  assert.equal(readTreeSeries(odooSrc).series, '17.0');
  assert.match(readTreeSeries(odooSrc).from, /odoo\/release\.py/);
  assert.equal(seriesOfText('18.0-20250925'), '18.0');
  assert.equal(seriesOfText('saas~17.4'), '17.4');
  assert.equal(seriesOfText('1.0'), '1.0');
  assert.equal(seriesOfText('latest'), undefined);
  assert.equal(seriesOfLabels({ 'forge.odoo.image-series': '16.0' }), '16.0');
  assert.equal(seriesOfLabels({ 'forge.odoo.series': '18.0' }), undefined, 'a runtime image holds no Odoo');
  assert.match(
    codeOf(() => readTreeSeries(join(odooSrc, 'odoo'))),
    /^input\.odoo-src: .*release\.py does not exist/,
  );
  assert.match(
    codeOf(() => settleSeries({ series: '19.0', from: 'the tree /x' }, undefined)),
    /supported: 16\.0, 17\.0, 18\.0/,
  );
});

test('stack settings take the tree series (template key, runtime image); --odoo must match it', (t) => {
  const { odooSrc, addons } = workspace(t, '17.0');
  const input = (options: Record<string, unknown>) => ({
    options: { odooSrc, ...options },
    addonsDirs: [addons],
    cwd: '/',
    env: {},
  });

  const settings = resolveStackSettings(input({}));

  assert.equal(settings.odooSeries, '17.0');
  assert.deepEqual(settings.odoo, {
    kind: 'source',
    runtimeImage: 'localhost/forge-odoo-runtime:17.0',
    sourceDir: odooSrc,
  });
  assert.equal(resolveStackSettings(input({ odoo: '17.0' })).odooSeries, '17.0');
  assert.match(
    codeOf(() => resolveStackSettings(input({ odoo: '18.0' }))),
    new RegExp(`^input\\.odoo-mismatch: --odoo is 18\\.0 but the tree ${odooSrc} .* is Odoo 17\\.0\\.$`),
  );
  assert.match(
    codeOf(() => resolveStackSettings(input({ odoo: '19.0' }))),
    /^input\.odoo: --odoo is "19\.0"/,
  );
});

test('odoo-forge test: --odoo against the tree, and an unknown series, are bad input (exit 2) before any engine', async (t) => {
  const { odooSrc, addons } = workspace(t, '17.0');
  const args = ['test', addons, '--modules', 'forge_shelf', '--odoo-src', odooSrc, '--engine', NO_ENGINE];

  const mismatch = await cli([...args, '--odoo', '18.0']);
  const unknown = await cli([...args, '--odoo', '19.0']);
  const short = await cli([...args, '--odoo', '18']);
  const local = await cli([...args.slice(0, -2), '--local', '--odoo', '18.0']);

  assert.equal(mismatch.code, 2, mismatch.err);
  assert.match(mismatch.err, /--odoo is 18\.0 but the tree .*odoo-src \(odoo\/release\.py\) is Odoo 17\.0\./);
  assert.equal(unknown.code, 2, unknown.err);
  assert.match(unknown.err, /--odoo is "19\.0": not a supported Odoo series \(use 16\.0, 17\.0, 18\.0\)/);
  assert.equal(short.code, 2, short.err);
  assert.equal(local.code, 2, local.err);
  assert.match(local.err, /--odoo is 18\.0 but the tree .* is Odoo 17\.0\./);
  assert.doesNotMatch(`${mismatch.err}${unknown.err}${local.err}`, /No container engine/);
});

test('a tree of an unsupported series is refused, naming the tree and the supported series', async (t) => {
  const { odooSrc, addons } = workspace(t, '19.0');

  const ran = await cli([
    'test',
    addons,
    '--modules',
    'forge_shelf',
    '--odoo-src',
    odooSrc,
    '--engine',
    NO_ENGINE,
  ]);

  assert.equal(ran.code, 2, ran.err);
  assert.match(
    ran.err,
    /the tree .* \(odoo\/release\.py\) is "19\.0": not a supported Odoo series \(supported: 16\.0, 17\.0, 18\.0\)/,
  );
});

test('images build refuses --odoo 19.0 and --odoo 18 (exit 2, supported series listed) before any engine', async () => {
  for (const series of ['19.0', '18', '18.0,19.0']) {
    const ran = await cli([
      'images',
      'build',
      '--odoo',
      series,
      '--engine',
      NO_ENGINE,
      '--cache-dir',
      tmpdir(),
    ]);

    assert.equal(ran.code, 2, `${series}: ${ran.err}`);
    assert.match(ran.err, /not a supported Odoo series \(supported: 16\.0, 17\.0, 18\.0\)/);
    assert.doesNotMatch(ran.err, /No container engine/);
  }
});

test('an 18.0 addon on a 17.0 tree is bad input naming both series, before any container starts', async (t) => {
  const tree = odooTreeOrSkip(t, '17.0', 'a manifest of another series than the tree');
  if (!tree) return;
  const driver = await engineOrSkip(t, [
    defaultPostgresImage(process.env),
    defaultRuntimeImage('17.0', process.env),
  ]);
  if (!driver) return;
  const { addons } = workspace(t, '17.0', '18.0.1.0.0');
  const repository = `forge/series-${process.pid}`;

  const ran = await cli([
    'test',
    addons,
    '--modules',
    'forge_shelf',
    '--odoo-src',
    tree.root,
    '--repository',
    repository,
  ]);

  assert.equal(ran.code, 2, ran.err);
  assert.match(
    ran.err,
    /Module forge_shelf .* has version 18\.0\.1\.0\.0: an addon of Odoo 18\.0, and this run is on 17\.0\./,
  );
  assert.deepEqual(await driver.listContainers({ 'forge.repository': repository }), []);
  assert.deepEqual(await driver.listVolumes({ 'forge.repository': repository }), []);
});
