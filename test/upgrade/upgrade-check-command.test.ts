import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function capture(cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    isTty: false,
    cwd,
    env: {},
  };
  return { io, out: () => out, err: () => err };
}

function workDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-upgrade-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('upgrade-check says a migrated rename loses nothing, bumps a stale version and writes the migration with --out', async (t) => {
  const work = workDir(t);
  const stale = readFileSync(join(fixtures, 'probe-renamed-v2.yaml'), 'utf8').replace(
    'version: 1.1.0',
    'version: 1.0.0',
  );
  writeFileSync(join(work, 'v2.yaml'), stale);
  const run = capture(work);
  const code = await main(
    ['upgrade-check', join(fixtures, 'probe-renamed-v1.yaml'), 'v2.yaml', '--out', 'addons'],
    run.io,
  );
  assert.equal(code, 0, run.err() + run.out());
  assert.match(run.out(), /migrated +field forge\.probe\.renamed\.pages is renamed page_count/);
  assert.match(run.out(), /bumped +module\.version 1\.0\.0 → 1\.1\.0/);
  assert.match(run.out(), /nothing is lost on update/);
  const addon = join(work, 'addons', 'forge_probe_renamed');
  assert.ok(existsSync(join(addon, 'migrations', '18.0.1.1.0', 'pre-migrate.py')));
  assert.match(readFileSync(join(addon, '__manifest__.py'), 'utf8'), /"version": "18\.0\.1\.1\.0"/);
});

test('upgrade-check exits 1 on a retype that loses data and says so in JSON', async (t) => {
  const run = capture(workDir(t));
  const code = await main(
    [
      'upgrade-check',
      join(fixtures, 'probe-retyped-v1.yaml'),
      join(fixtures, 'probe-retyped-v2.yaml'),
      '--json',
    ],
    run.io,
  );
  assert.equal(code, 1, run.err());
  const json = JSON.parse(run.out()) as { losses: { kind: string; field: string }[]; stage: unknown };
  assert.deepEqual(
    json.losses.map((l) => `${l.kind} ${l.field}`),
    ['field-retyped rate'],
  );
  assert.equal(json.stage, null);
});

test('upgrade-check refuses two specs of different modules (exit 2)', async (t) => {
  const run = capture(workDir(t));
  const code = await main(
    ['upgrade-check', join(fixtures, 'probe-renamed-v1.yaml'), join(fixtures, 'probe-retyped-v1.yaml')],
    run.io,
  );
  assert.equal(code, 2);
  assert.match(run.err() + run.out(), /describes forge_probe_renamed and .* describes forge_probe_retyped/);
});
