// `odoo-forge test --local` through the BUILT CLI (`npm run build`): PostgreSQL and Odoo as local
// processes, for a machine without a container engine. Needs the Odoo trees (ODOO_SRC_16/17/18)
// and a local PostgreSQL; otherwise a visible skip line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';
import { localPostgresOrSkip } from '../support/local-postgres-or-skip.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';
import { parsePot, potFrameProblems } from '../support/pot-terms.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtCli = join(root, 'bin', 'odoo-forge.js');
const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function forge(args: string[], cwd: string): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [builtCli, ...args], {
      cwd,
      env: process.env,
      timeout: 14 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: `${failed.stderr ?? ''}\n${String(error)}`,
    };
  }
}

/** A folder with the fixture addon (version retargeted to `series`) and a 16.0/18.0 neighbour to leave out. */
function addonsFor(t: TestContext, series: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-local-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fixture = fileURLToPath(new URL('../fixtures/addons/forge_shelf', import.meta.url));
  cpSync(fixture, join(dir, 'forge_shelf'), { recursive: true });
  const manifest = join(dir, 'forge_shelf', '__manifest__.py');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"18.0.1.0.0"', `"${series}.1.0.0"`));
  if (series !== '18.0') {
    // Before 18.0 a list view is <tree>.
    const views = join(dir, 'forge_shelf', 'views', 'forge_shelf_views.xml');
    writeFileSync(
      views,
      readFileSync(views, 'utf8').replace('<list>', '<tree>').replace('</list>', '</tree>'),
    );
  }
  const other = series === '16.0' ? '18.0' : '16.0';
  cpSync(fixture, join(dir, 'forge_shelf_old'), { recursive: true });
  writeFileSync(
    join(dir, 'forge_shelf_old', '__manifest__.py'),
    readFileSync(manifest, 'utf8').replace(`"${series}.1.0.0"`, `"${other}.1.0.0"`),
  );
  return dir;
}

/**
 * The terms of forge_shelf (test/fixtures/addons/forge_shelf) that Odoo's exporter must put in
 * its .pot: the model's description and the labels Odoo derives for its fields.
 */
const SHELF_TERMS = [
  ['Shelf', 'model:ir.model,name:forge_shelf.model_forge_shelf'],
  ['Name', 'model:ir.model.fields,field_description:forge_shelf.field_forge_shelf__name'],
  ['Capacity', 'model:ir.model.fields,field_description:forge_shelf.field_forge_shelf__capacity'],
  ['Used', 'model:ir.model.fields,field_description:forge_shelf.field_forge_shelf__used'],
  ['Free', 'model:ir.model.fields,field_description:forge_shelf.field_forge_shelf__free'],
] as const;

/** What is wrong with the .pot `--pot` wrote for forge_shelf on Odoo `series`: one line per problem. */
function shelfPotProblems(pot: string, series: string): string[] {
  const problems = potFrameProblems(pot, 'forge_shelf', series);
  const entries = parsePot(pot);
  for (const [msgid, reference] of SHELF_TERMS) {
    const found = entries.find((entry) => entry.msgid === msgid && entry.references.includes(reference));
    if (!found) problems.push(`no msgid ${JSON.stringify(msgid)} with the reference ${reference}`);
  }
  return problems;
}

test('the built CLI exists (npm run build)', () => {
  assert.ok(
    existsSync(join(root, 'dist', 'cli', 'main.js')),
    'dist/cli/main.js is missing: run `npm run build` first',
  );
});

for (const series of supportedSeries) {
  test(
    `odoo-forge test --local --pot installs and tests an addon on Odoo ${series} without containers, and writes its .pot`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'odoo-forge test --local');
      if (!tree) return;
      if (!(await localPostgresOrSkip(t, 'odoo-forge test --local'))) return;
      const dir = addonsFor(t, series);

      const ran = await forge(
        ['test', dir, '--modules', 'forge_shelf', '--local', '--pot', '--odoo-src', tree.root, '--json'],
        dir,
      );

      assert.equal(ran.code, 0, `${ran.stdout}\n${ran.stderr.slice(-4000)}`);
      const report = JSON.parse(ran.stdout) as {
        ok: boolean;
        local: boolean;
        series: string;
        leftOut: { name: string }[];
        report: { installed: boolean; testsRun: number; failed: number };
      };
      assert.equal(report.ok, true);
      assert.equal(report.local, true);
      assert.equal(report.series, series);
      assert.equal(report.report.installed, true);
      assert.equal(report.report.testsRun, 2);
      assert.deepEqual(
        report.leftOut.map((m) => m.name),
        ['forge_shelf_old'],
      );
      const written = readdirSync(tree.root, { recursive: true }).filter((p) =>
        String(p).endsWith('__pycache__'),
      );
      assert.deepEqual(written, [], 'no Python cache written into the source tree');
      // --pot: the module's i18n/<module>.pot, from Odoo's own exporter after the install.
      const potFile = join(dir, 'forge_shelf', 'i18n', 'forge_shelf.pot');
      assert.ok(existsSync(potFile), `${potFile} is written`);
      assert.deepEqual(shelfPotProblems(readFileSync(potFile, 'utf8'), series), []);
      assert.equal(existsSync(join(dir, 'forge_shelf_old', 'i18n')), false, 'no .pot for an addon left out');
    },
  );
}

test('--local refuses the options that need containers and a missing tree; --pot refuses to run without --local', async (t) => {
  const dir = addonsFor(t, '18.0');
  let err = '';
  const io: CliIo = { out: () => {}, err: (s) => (err += s), isTty: false, cwd: dir, env: {} };

  const code = await main(
    ['test', dir, '--modules', 'forge_shelf', '--local', '--odoo-image', 'odoo:18.0'],
    io,
  );
  const noTree = await main(['test', dir, '--modules', 'forge_shelf', '--local'], io);
  const potWithoutLocal = await main(['test', dir, '--modules', 'forge_shelf', '--pot'], io);

  assert.equal(code, 2);
  assert.match(err, /--odoo-image needs containers and cannot go with --local\./);
  assert.equal(noTree, 2);
  assert.match(err, /--local needs an Odoo source tree\.\nhint: Pass --odoo-src PATH \(or set ODOO_SRC\)\./);
  assert.equal(potWithoutLocal, 2);
  assert.match(
    err,
    /--pot runs Odoo's exporter on the local run and needs --local\.\nhint: Add --local --odoo-src PATH\./,
  );
  assert.equal(existsSync(join(dir, 'forge_shelf', 'i18n')), false, 'a refused --pot writes nothing');
});
