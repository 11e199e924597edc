// Benchmark of the browser check alone (runner/ui-check/run-browser-checks.ts): the library
// example (examples/library.yaml) generated for the tree's series, installed with demo data on a
// local Odoo (serveLocalOdoo: local PostgreSQL and processes), then checked as the admin and as
// a user of each of its groups in Debian's Chromium. Prints the time to serve, the check's wall
// time (its first run builds the web assets when the database lacks them; the second finds them
// built), the steps and the slowest steps, with the machine's load.
// Needs ODOO_SRC (or ODOO_SRC_18), PostgreSQL on 127.0.0.1 (role odoo), Chromium.
// Run: node --import tsx bench/browser-checks.ts
// Side by side with another version of the check (on this noisy machine, the only fair
// comparison): BENCH_BASELINE=DIR, a checkout of the old code (e.g. `git archive main | tar -x -C
// DIR`, with its node_modules linked), alternates old and new on the same served database for
// BENCH_ROUNDS rounds (default 3) and prints the medians. BENCH_STEPS=1 lists the admin's steps.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeAddon } from '../cli/write-addon.js';
import { generate } from '../core/generator/generate.js';
import { parseSpec } from '../core/spec/parse-spec.js';
import { readOdooSourceTree } from '../runner/local-odoo/odoo-source-tree.js';
import {
  runBrowserChecks,
  type BrowserCheckOptions,
  type BrowserCheckResult,
  type BrowserCheckSeries,
} from '../runner/ui-check/run-browser-checks.js';
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
    type Check = (options: BrowserCheckOptions) => Promise<BrowserCheckResult>;
    const baselineDir = process.env.BENCH_BASELINE;
    const baseline = baselineDir
      ? ((await import(join(baselineDir, 'runner/ui-check/run-browser-checks.ts'))) as { runBrowserChecks: Check })
          .runBrowserChecks
      : undefined;
    const rounds = Number(process.env.BENCH_ROUNDS ?? (baseline ? 3 : 2));
    const versions: [string, Check][] = baseline
      ? [
          ['old', baseline],
          ['new', runBrowserChecks],
        ]
      : [['check', runBrowserChecks]];
    const walls = new Map<string, number[]>(versions.map(([name]) => [name, []]));
    for (let round = 1; round <= rounds; round += 1) {
      // Alternated, the old one first in odd rounds and last in even ones (the database grows).
      const order = round % 2 === 1 ? versions : [...versions].reverse();
      for (const [name, check] of order) {
        const result = await check({
          baseUrl: served.baseUrl,
          database: served.database,
          series: tree.series as BrowserCheckSeries,
          modules: [spec.module.name],
          screenshotDir: shots,
          logger: { info: (m) => console.log(`  ${m}`), warn: (m) => console.log(`  ${m}`), debug: () => {} },
        });
        walls.get(name)?.push(result.durationMs);
        console.log(
          `round ${round} ${name}: ${(result.durationMs / 1000).toFixed(1)} s, ${result.ok ? 'passed' : 'FAILED'}, ${result.users.length} users, ${result.pages.length} pages, ${result.steps.length} steps, ${result.failures.length} failures, load ${load()}`,
        );
        for (const failure of result.failures)
          console.log(`  failure: ${failure.page} / ${failure.step}: ${failure.message}`);
        const t = result.timings;
        console.log(
          `  at ms: chromium ${t.launchMs}, assets ${t.assetsMs}, group users ${t.setupMs}, close ${t.closeMs}; passes ${t.users.map((u) => `${u.login} ${u.durationMs}`).join(', ')}`,
        );
        const slowest = [...result.steps].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
        for (const step of slowest) console.log(`  slow: ${step.durationMs} ms ${step.page} / ${step.step}`);
        const admin = result.steps.filter((step) => step.user === result.users[0]);
        const inSteps = admin.reduce((sum, step) => sum + step.durationMs, 0);
        console.log(`  ${result.users[0]}: ${admin.length} steps, ${(inSteps / 1000).toFixed(1)} s inside steps`);
        if (process.env.BENCH_STEPS === '1')
          for (const step of admin) console.log(`    ${step.durationMs} ms ${step.page} / ${step.step}`);
      }
    }
    for (const [name, values] of walls) {
      const sorted = [...values].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      console.log(
        `${name}: median ${(median / 1000).toFixed(1)} s of ${values.map((v) => (v / 1000).toFixed(1)).join(', ')} s`,
      );
    }
  } finally {
    await served.stop();
  }
} finally {
  rmSync(addonsDir, { recursive: true, force: true });
  rmSync(shots, { recursive: true, force: true });
}
console.log(`load at the end: ${load()}`);
