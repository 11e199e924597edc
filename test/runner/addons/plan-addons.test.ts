// The one reader of addon dependencies (manifests read as Python literals, graph on
// core/checker/module-graph.ts), and addons of another series left off the addons path.
import assert from 'node:assert/strict';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { externalDependencies } from '../../../core/checker/module-graph.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { isOtherSeries, leftOutLine, planAddons } from '../../../runner/addons/plan-addons.js';
import { readAddonManifests } from '../../../runner/addons/read-addon-manifests.js';
import { localAddonsPath } from '../../../runner/local-odoo/local-addons-path.js';
import { odooContainerPlan } from '../../../runner/stack/odoo-container-command.js';
import { STACK_BASELINE } from '../../../runner/stack/run-odoo-tests.js';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-plan-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An addon folder whose manifest is written as people write them (comments, trailing commas). */
function addon(dir: string, name: string, depends: string[], extra = ''): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(
    join(dir, name, '__manifest__.py'),
    `# -*- coding: utf-8 -*-\n{\n    "name": "${name}",  # [not a list]\n    'depends': [${depends.map((d) => `'${d}'`).join(', ')}],\n${extra}}\n`,
  );
  return join(dir, name);
}

const fixtureAddons = new URL('../../fixtures/odoo-addons/18.0', import.meta.url).pathname;

async function thrownBy(promise: Promise<unknown>): Promise<ForgeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ForgeError, String(error));
    return error;
  }
  assert.fail('expected a ForgeError');
}

test('external dependencies follow depends through known modules only (pure graph)', () => {
  const graph: Record<string, string[]> = { a: ['b', 'sale'], b: ['mail', 'base'], c: ['a'] };
  const result = externalDependencies(['c', 'ghost'], (name) => graph[name]);

  assert.deepEqual(result, { external: ['base', 'mail', 'sale'], unknownRoots: ['ghost'] });
});

test('template modules: base and web plus what the modules need from outside the folders', async (t) => {
  const dir = tempDir(t);
  addon(dir, 'shop_a', ['shop_core', 'sale']);
  addon(dir, 'shop_core', ['mail', 'base']);

  const plan = await planAddons(['shop_a'], [dir], '18.0', { baseline: STACK_BASELINE });

  assert.deepEqual(plan, { dependencies: ['base', 'mail', 'sale', 'web'], leftOut: [] });
  const missing = await thrownBy(planAddons(['nope'], [dir], '18.0', { baseline: STACK_BASELINE }));
  assert.equal(missing.code, 'input.module-not-found');
  assert.match(missing.message, /^Module nope \(from --modules\) has no __manifest__\.py in /);
});

test('the fixture addons: a missing dependency is external; an absent module is refused', async () => {
  const clean = await planAddons(['forge_fx_clean'], [fixtureAddons], '18.0', { baseline: ['base'] });
  const missing = await planAddons(['forge_fx_missingdep'], [fixtureAddons], '18.0', { baseline: ['base'] });

  assert.deepEqual(clean.dependencies, ['base']);
  assert.deepEqual(missing.dependencies, ['base', 'forge_no_such_module']);
  await assert.rejects(
    planAddons(['forge_fx_absent'], [fixtureAddons], '18.0', { baseline: ['base'] }),
    /forge_fx_absent/,
  );
});

test('manifests are read as Python literals: version, installable and depends', async (t) => {
  const dir = tempDir(t);
  addon(dir, 'old', ['base'], "    'version': '16.0.1.0.0',\n    'installable': False,\n");

  const manifests = await readAddonManifests([dir]);

  assert.deepEqual(manifests.get('old'), {
    name: 'old',
    dir: join(dir, 'old'),
    depends: ['base'],
    version: '16.0.1.0.0',
    installable: false,
  });
});

test('a 16.0 addon next to 18.0 ones is left out of an 18.0 run, in one line', async (t) => {
  const dir = tempDir(t);
  addon(dir, 'new_shop', ['base'], "    'version': '18.0.1.0.0',\n");
  const old = addon(dir, 'old_shop', ['base'], "    'version': '16.0.1.0.0',\n");
  addon(dir, 'plain', ['base'], "    'version': '1.0',\n");
  addon(dir, 'stub17', ['base'], "    'version': '17.0.1.0.0',\n    'installable': False,\n");

  const plan = await planAddons(['new_shop'], [dir], '18.0', { baseline: STACK_BASELINE });

  assert.deepEqual(
    plan.leftOut.map((m) => m.dir),
    [old],
  );
  assert.deepEqual(plan.dependencies, ['base', 'web']);
  assert.equal(
    leftOutLine(plan.leftOut, '18.0'),
    'left out 1 addon of another series (not Odoo 18.0): old_shop (16.0.1.0.0)',
  );
  assert.equal(leftOutLine([], '18.0'), '');
  const onOld = await planAddons(['old_shop'], [dir], '16.0', { baseline: ['base'] });
  assert.deepEqual(
    onOld.leftOut.map((m) => m.name),
    ['new_shop'],
  );
  assert.equal(
    isOtherSeries({ name: 'x', dir, depends: [], version: '18.0.1.0.0', installable: true }, '18.0'),
    false,
  );
});

test('asking for an addon of another series, or needing one, is bad input naming it and its series', async (t) => {
  const dir = tempDir(t);
  addon(dir, 'old_shop', ['base'], "    'version': '16.0.1.0.0',\n");
  addon(dir, 'new_shop', ['old_shop'], "    'version': '18.0.1.0.0',\n");

  const asked = await thrownBy(planAddons(['old_shop'], [dir], '18.0', { baseline: STACK_BASELINE }));
  const needed = await thrownBy(planAddons(['new_shop'], [dir], '18.0', { baseline: STACK_BASELINE }));

  for (const error of [asked, needed]) {
    assert.equal(error.code, 'input.module-other-series');
    assert.match(
      error.message,
      /^Module old_shop \(.*old_shop\) has version 16\.0\.1\.0\.0: an addon of Odoo 16\.0, and this run is on 18\.0\.$/,
    );
    assert.match(error.hint ?? '', /--odoo 16\.0/);
  }
});

test('in a container, a folder with a left-out addon is mounted addon by addon, without it', (t) => {
  const dir = tempDir(t);
  const other = tempDir(t);
  addon(dir, 'new_shop', ['base']);
  const old = addon(dir, 'old_shop', ['base']);
  addon(other, 'tools', ['base']);
  const odoo = { kind: 'image', image: 'odoo:18.0' } as const;

  const plan = odooContainerPlan(odoo, [dir, other], 'vol', [old]);
  const whole = odooContainerPlan(odoo, [dir, other], 'vol');

  const binds = (p: typeof plan): string[] =>
    p.mounts.filter((m) => m.type === 'bind').map((m) => `${m.source} -> ${m.target}`);
  assert.deepEqual(binds(plan), [
    `${join(dir, 'new_shop')} -> /mnt/forge-addons/0/new_shop`,
    `${other} -> /mnt/forge-addons/1`,
  ]);
  assert.deepEqual(binds(whole), [`${dir} -> /mnt/forge-addons/0`, `${other} -> /mnt/forge-addons/1`]);
  assert.deepEqual(plan.addonsPath, ['/mnt/forge-addons/0', '/mnt/forge-addons/1']);
  assert.ok(plan.mounts.every((m) => m.type !== 'bind' || m.readOnly));
});

test('on the local runner, a folder with a left-out addon becomes a folder of links to the others', (t) => {
  const dir = tempDir(t);
  const runDir = tempDir(t);
  addon(dir, 'new_shop', ['base']);
  const old = addon(dir, 'old_shop', ['base']);

  const path = localAddonsPath([dir], [old], runDir);

  assert.deepEqual(path, [join(runDir, 'addons-0')]);
  assert.deepEqual(readdirSync(join(runDir, 'addons-0')), ['new_shop']);
  assert.ok(lstatSync(join(runDir, 'addons-0', 'new_shop')).isSymbolicLink());
  assert.equal(readlinkSync(join(runDir, 'addons-0', 'new_shop')), join(dir, 'new_shop'));
  assert.deepEqual(localAddonsPath([dir], [], runDir), [dir]);
});
