// Benchmark of the browser check alone (runner/ui-check/run-browser-checks.ts): the library
// example (examples/library.yaml) generated for the tree's series, installed with demo data on a
// local Odoo (serveLocalOdoo: local PostgreSQL and processes), then checked as the admin and as
// a user of each of its groups in Debian's Chromium. Prints the time to serve, the check's wall
// time (its first run builds the web assets when the database lacks them; the second finds them
// built), the steps and the slowest steps, with the machine's load.
// Needs ODOO_SRC (or ODOO_SRC_18), PostgreSQL on 127.0.0.1 (role odoo), Chromium.
// Run: node --import tsx bench/browser-checks.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeAddon } from '../cli/write-addon.js';
import { generate } from '../core/generator/generate.js';
import { parseSpec } from '../core/spec/parse-spec.js';
import { readOdooSourceTree } from '../runner/local-odoo/odoo-source-tree.js';
import { runBrowserChecks, type BrowserCheckSeries } from '../runner/ui-check/run-browser-checks.js';
import { serveLocalOdoo } from '../runner/ui-check/serve-local-odoo.js';

const root = new URL('..', import.meta.url).pathname;
const treePath = process.env.ODOO_SRC ?? process.env.ODOO_SRC_18;
if (!treePath) throw new Error('set ODOO_SRC (or ODOO_SRC_18) to an Odoo source tree');
const tree = readOdooSourceTree(treePath);
const source = readFileSync(join(root, 'examples/library.yaml'), 'utf8').replace(
  /^odoo: "[\d.]+"/m,
  `odoo: "${tree.series}"`,
);
const parsed = parseSpec(source);
if (!parsed.ok) throw new Error('examples/library.yaml does not parse');
const spec = parsed.spec;
const addonsDir = mkdtempSync(join(tmpdir(), 'forge-bench-ui-'));
const shots = mkdtempSync(join(tmpdir(), 'forge-bench-ui-shots-'));
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `browser-checks bench: ${spec.module.name} on Odoo ${tree.version}, ${cpus().length} cores, load ${load()}`,
);
try {
  await writeAddon(generate(spec), addonsDir, spec.module.name);
  const serving = performance.now();
  const served = await serveLocalOdoo({
    odooSrc: tree.root,
    addonsDirs: [addonsDir],
    modules: [spec.module.name],
  });
  console.log(`served (template, install, server up): ${((performance.now() - serving) / 1000).toFixed(1)} s`);
  try {
    for (const run of ['first check (builds the assets if missing)', 'second check (assets built)']) {
      const result = await runBrowserChecks({
        baseUrl: served.baseUrl,
        database: served.database,
        series: tree.series as BrowserCheckSeries,
        modules: [spec.module.name],
        screenshotDir: shots,
        logger: { info: (m) => console.log(`  ${m}`), warn: (m) => console.log(`  ${m}`), debug: () => {} },
      });
      console.log(
        `${run}: ${(result.durationMs / 1000).toFixed(1)} s, ${result.ok ? 'passed' : 'FAILED'}, ${result.users.length} users, ${result.pages.length} pages, ${result.steps.length} steps, ${result.failures.length} failures`,
      );
      for (const failure of result.failures)
        console.log(`  failure: ${failure.page} / ${failure.step}: ${failure.message}`);
      const slowest = [...result.steps].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
      for (const step of slowest) console.log(`  slow: ${step.durationMs} ms ${step.page} / ${step.step}`);
      const admin = result.steps.filter((step) => step.user === result.users[0]);
      const inSteps = admin.reduce((sum, step) => sum + step.durationMs, 0);
      console.log(`  ${result.users[0]}: ${admin.length} steps, ${(inSteps / 1000).toFixed(1)} s inside steps`);
      if (process.env.BENCH_STEPS === '1')
        for (const step of admin) console.log(`    ${step.durationMs} ms ${step.page} / ${step.step}`);
    }
  } finally {
    await served.stop();
  }
} finally {
  rmSync(addonsDir, { recursive: true, force: true });
  rmSync(shots, { recursive: true, force: true });
}
console.log(`load at the end: ${load()}`);
