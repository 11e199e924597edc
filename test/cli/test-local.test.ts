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

test('the built CLI exists (npm run build)', () => {
  assert.ok(
    existsSync(join(root, 'dist', 'cli', 'main.js')),
    'dist/cli/main.js is missing: run `npm run build` first',
  );
});

for (const series of supportedSeries) {
  test(
    `odoo-forge test --local installs and tests an addon on Odoo ${series} without containers`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'odoo-forge test --local');
      if (!tree) return;
      if (!(await localPostgresOrSkip(t, 'odoo-forge test --local'))) return;
      const dir = addonsFor(t, series);

      const ran = await forge(
        ['test', dir, '--modules', 'forge_shelf', '--local', '--odoo-src', tree.root, '--json'],
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
    },
  );
}

test('--local refuses the options that need containers, and an --odoo that is not the tree', async (t) => {
  const dir = addonsFor(t, '18.0');
  let err = '';
  const io: CliIo = { out: () => {}, err: (s) => (err += s), isTty: false, cwd: dir, env: {} };

  const code = await main(
    ['test', dir, '--modules', 'forge_shelf', '--local', '--odoo-image', 'odoo:18.0'],
    io,
  );
  const noTree = await main(['test', dir, '--modules', 'forge_shelf', '--local'], io);

  assert.equal(code, 2);
  assert.match(err, /--odoo-image needs containers and cannot go with --local\./);
  assert.equal(noTree, 2);
  assert.match(err, /--local needs an Odoo source tree\.\nhint: Pass --odoo-src PATH \(or set ODOO_SRC\)\./);
});
