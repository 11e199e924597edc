import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ForgeLabel, ownerLabel } from '../../runner/containers/forge-labels.js';
import { LocalImages, defaultPostgresImage, defaultRuntimeImage } from '../../runner/stack/stack-settings.js';
import { engineOrSkip } from '../runner/helpers/engine.js';
import { examplesDir, retargetSource } from '../support/example-specs.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

// What a new user does first, as processes of the BUILT CLI: the README's main job
// (`node bin/odoo-forge.js demo --out forge-demo`), then `odoo-forge test` on its output in
// containers (Podman or Docker) with the Odoo tree of each series mounted read-only.
// The demo's spec (examples/library.yaml) targets 18.0; for 16.0 and 17.0 the user's next step is
// the same example with its `odoo:` line changed, through `generate` into the same folder name.
// Needs `npm run build` (dist/), a container engine with the local images
// (`odoo-forge images build --odoo 16.0,17.0,18.0`), and the trees (ODOO_SRC_16/17/18).
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin', 'odoo-forge.js');
const run = promisify(execFile);

interface Ran {
  /** The CLI process id: the `forge.owner` label of what it starts is `<pid>@<hostname>`. */
  pid: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in `cwd` as a user would; never throws on a non-zero exit. */
async function forge(args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  const running = run(process.execPath, [cli, ...args], {
    cwd,
    env: process.env,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const pid = running.child.pid ?? 0;
  try {
    const { stdout, stderr } = await running;
    return { pid, code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    return {
      pid,
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: `${failed.stderr ?? ''}\n${String(error)}`,
    };
  }
}

const shown = (ran: Ran): string => `\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr.slice(-4000)}`;

/** The addon folder that `odoo-forge test` will get: the demo's output, or the example for `series`. */
async function userAddons(work: string, series: string): Promise<string> {
  // Exactly the README's command, run in the user's folder (`--out` relative to it).
  const demo = await forge(['demo', '--out', 'forge-demo'], work, 5 * 60_000);
  assert.equal(demo.code, 0, `odoo-forge demo failed${shown(demo)}`);
  assert.match(demo.stdout, /3\. done/, `odoo-forge demo did not finish its job${shown(demo)}`);
  const manifest = join(work, 'forge-demo', 'library_loans', '__manifest__.py');
  assert.match(
    readFileSync(manifest, 'utf8'),
    /["']version["']: ["']18\.0\./,
    'the demo addon is an 18.0 addon',
  );
  // What the user gets must be readable by others (Odoo runs as another user in the container).
  assert.equal(
    statSync(join(work, 'forge-demo', 'library_loans')).mode & 0o005,
    0o005,
    'the addon folder is world-readable',
  );
  if (series === '18.0') return join(work, 'forge-demo');
  const spec = join(work, `library-${series}.yaml`);
  writeFileSync(spec, retargetSource(readFileSync(join(examplesDir, 'library.yaml'), 'utf8'), series));
  const out = join(work, `forge-demo-${series}`);
  const generated = await forge(['generate', spec, '--out', out], work, 5 * 60_000);
  assert.equal(generated.code, 0, `odoo-forge generate for ${series} failed${shown(generated)}`);
  assert.match(
    readFileSync(join(out, 'library_loans', '__manifest__.py'), 'utf8'),
    new RegExp(`["']version["']: ["']${series.replace('.', '\\.')}\\.`),
  );
  return out;
}

test('the built CLI exists (npm run build) for the README main job', () => {
  assert.ok(
    existsSync(join(root, 'dist', 'cli', 'main.js')),
    'dist/cli/main.js is missing: run `npm run build` first',
  );
});

for (const series of supportedSeries) {
  test(
    `README main job, then odoo-forge test in containers on Odoo ${series}`,
    { timeout: 20 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(
        t,
        series,
        `odoo-forge test of the demo addon in containers on Odoo ${series}`,
      );
      if (!tree) return;
      const driver = await engineOrSkip(t, [
        defaultPostgresImage(process.env),
        defaultRuntimeImage(series, process.env),
      ]);
      if (!driver) return;
      const work = mkdtempSync(join(tmpdir(), `forge-readme-${series}-`));
      t.after(() => rmSync(work, { recursive: true, force: true }));
      const addons = await userAddons(work, series);

      const started = Date.now();
      const tested = await forge(
        ['test', addons, '--modules', 'library_loans', '--odoo', series, '--odoo-src', tree.root],
        work,
        15 * 60_000,
      );
      t.diagnostic(
        `odoo-forge test on ${series}: exit ${tested.code} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${tested.stdout.trim().split('\n').at(-1) ?? ''}`,
      );
      assert.equal(tested.code, 0, `odoo-forge test failed on Odoo ${series}${shown(tested)}`);
      assert.match(
        tested.stdout,
        new RegExp(`^PASSED on Odoo ${series.replace('.', '\\.')}`, 'm'),
        shown(tested),
      );
      const counts =
        /library_loans: installed; (\d+) tests run, (\d+) passed, (\d+) failed, (\d+) errors/.exec(
          tested.stdout,
        );
      assert.ok(counts, `no test report line for library_loans${shown(tested)}`);
      assert.ok(Number(counts[1]) > 0, `no test of library_loans ran${shown(tested)}`);
      assert.equal(counts[1], counts[2], `every test passed${shown(tested)}`);
      // Nothing the command started is left behind (its objects carry its pid as their owner).
      const owner = { [ForgeLabel.owner]: ownerLabel(tested.pid) };
      const [containers, networks] = await Promise.all([
        driver.listContainers(owner),
        driver.listNetworks(owner),
      ]);
      assert.deepEqual(
        [...containers.map((c) => c.name), ...networks.map((n) => n.name)],
        [],
        'the stack was removed',
      );
    },
  );
}

// Keep the local image names in one place: a renamed image would silently skip the test above.
test('the images the README job needs are the local builds unless overridden', () => {
  assert.equal(defaultRuntimeImage('17.0', {}), LocalImages.odooRuntime('17.0'));
  assert.equal(defaultPostgresImage({}), LocalImages.postgres);
});
