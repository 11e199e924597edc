// Benchmark of `odoo-forge test` on the library example, in one run, side by side:
//   cold   : no template (`--no-template`: base, mail and the addon installed in one run)
//   first  : the first templated run (builds the template, then runs warm)
//   warm   : three templated runs one after another (template ready)
//   3x par.: three templated runs at once
// It prints wall times, the warm/cold ratio and the peak memory of one stack (PostgreSQL + Odoo).
// Needs ODOO_SRC (an Odoo 18.0 tree), a container engine and the local images.
// Run: node --import tsx bench/stack-bench.ts   (FORGE_BENCH_WARM=N to change the warm count)
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate } from '../core/generator/generate.js';
import { parseSpec } from '../core/spec/parse-spec.js';
import type { ContainerDriver } from '../runner/containers/container-driver.js';
import { discoverEngine } from '../runner/containers/discover-engine.js';
import { planAddons } from '../runner/addons/plan-addons.js';
import { STACK_BASELINE } from '../runner/stack/run-odoo-tests.js';
import {
  defaultPostgresImage,
  defaultRuntimeImage,
  type StackSettings,
} from '../runner/stack/stack-settings.js';
import { templateFor } from '../runner/stack/template-database.js';

const MODULE = 'library_loans';
const root = new URL('..', import.meta.url).pathname;
// The built CLI (as users run it) when dist/ exists; the sources through tsx otherwise.
const built = existsSync(join(root, 'dist/cli/main.js'));
const cliArgs = built
  ? [join(root, 'bin/odoo-forge.js')]
  : ['--import', 'tsx', join(root, 'test/runner/helpers/odoo-forge-cli.ts')];

interface Run {
  label: string;
  seconds: number;
  ok: boolean;
  phases: string;
  peakBytes: number;
}

function generateLibrary(): string {
  const parsed = parseSpec(readFileSync(join(root, 'examples/library.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('examples/library.yaml does not parse');
  const dir = mkdtempSync(join(tmpdir(), 'forge-bench-'));
  chmodSync(dir, 0o755);
  for (const [path, contents] of generate(parsed.spec)) {
    mkdirSync(dirname(join(dir, MODULE, path)), { recursive: true });
    writeFileSync(join(dir, MODULE, path), contents);
  }
  return dir;
}

/** Samples the summed memory of the containers labelled with `repository` until stopped. */
function memorySampler(driver: ContainerDriver, repository: string): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const containers = await driver.listContainers({ 'forge.repository': repository }).catch(() => []);
      const usage = await Promise.all(
        containers
          .filter((c) => c.state === 'running')
          .map((c) => driver.memoryUsage(c.id).catch(() => undefined)),
      );
      peak = Math.max(
        peak,
        usage.reduce<number>((sum, u) => sum + (u ?? 0), 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function runCli(driver: ContainerDriver, label: string, addons: string, extra: string[]): Promise<Run> {
  const repository = `forge/bench-${process.pid}-${label.replace(/\W+/g, '-')}`;
  const sampler = memorySampler(driver, repository);
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [...cliArgs, 'test', addons, '--modules', MODULE, '--json', '--repository', repository, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakBytes = await sampler.stop();
  let phases = '';
  try {
    const json = JSON.parse(out) as { timings: Record<string, number> };
    const t = json.timings;
    phases = `template ${((t.templateMs ?? 0) / 1000).toFixed(1)}, db ${((t.databaseMs ?? 0) / 1000).toFixed(1)}, odoo ${((t.installMs ?? 0) / 1000).toFixed(1)}, down ${((t.teardownMs ?? 0) / 1000).toFixed(1)}`;
  } catch {
    phases = `no JSON (exit ${code}): ${err.trim().split('\n').slice(-3).join(' | ')}`;
  }
  return { label, seconds, ok: code === 0, phases, peakBytes };
}

const odooSrc = process.env.ODOO_SRC;
if (!odooSrc) {
  console.log('stack-bench: ODOO_SRC not set: skipped (it needs an Odoo 18.0 source tree)');
  process.exit(0);
}
const driver = await discoverEngine();
const addons = generateLibrary();
try {
  const settings: StackSettings = {
    odooSeries: '18.0',
    odoo: { kind: 'source', runtimeImage: defaultRuntimeImage('18.0', process.env), sourceDir: odooSrc },
    postgresImage: defaultPostgresImage(process.env),
    addonsDirs: [addons],
    ttlSeconds: 3600,
  };
  const ref = await templateFor(
    driver,
    settings,
    (await planAddons([MODULE], [addons], settings.odooSeries, { baseline: STACK_BASELINE })).dependencies,
  );
  await driver.removeVolume(ref.readyMarker);
  await driver.removeVolume(ref.volume);
  const src = ['--odoo-src', odooSrc];
  const runs: Run[] = [];
  const report = (run: Run): void => {
    runs.push(run);
    console.log(
      `${run.label.padEnd(22)} ${run.seconds.toFixed(1).padStart(6)} s  ${run.ok ? 'ok    ' : 'FAILED'}  peak ${(run.peakBytes / 2 ** 20).toFixed(0).padStart(4)} MiB  (${run.phases})`,
    );
  };
  console.log(
    `odoo-forge test ${MODULE} on Odoo 18.0, engine ${driver.endpoint}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}, CLI ${built ? 'bin/odoo-forge.js (dist)' : 'sources via tsx (run npm run build for the real figure)'}`,
  );
  report(await runCli(driver, 'cold (no template)', addons, [...src, '--no-template']));
  report(await runCli(driver, 'first (builds template)', addons, src));
  const warmCount = Number(process.env.FORGE_BENCH_WARM ?? 3);
  for (let i = 1; i <= warmCount; i++) report(await runCli(driver, `warm ${i}`, addons, src));
  const parallelStarted = Date.now();
  const parallel = await Promise.all([1, 2, 3].map((i) => runCli(driver, `parallel ${i}/3`, addons, src)));
  parallel.forEach(report);
  const parallelWall = (Date.now() - parallelStarted) / 1000;

  const cold = runs[0]?.seconds ?? Number.NaN;
  const warm = runs
    .filter((r) => r.label.startsWith('warm'))
    .map((r) => r.seconds)
    .sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const warmPeak = Math.max(...runs.filter((r) => r.label.startsWith('warm')).map((r) => r.peakBytes));
  const coldPeak = runs[0]?.peakBytes ?? 0;
  console.log('');
  console.log(`cold run                 ${cold.toFixed(1)} s`);
  console.log(
    `warm run (median of ${warm.length})   ${median.toFixed(1)} s   target < 30 s: ${median < 30 ? 'met' : 'MISSED'}`,
  );
  console.log(`warm/cold ratio          ${(median / cold).toFixed(2)}`);
  console.log(
    `3 runs in parallel       ${parallelWall.toFixed(1)} s wall (slowest ${Math.max(...parallel.map((r) => r.seconds)).toFixed(1)} s)`,
  );
  console.log(
    `peak memory, one stack   ${mib(warmPeak)} warm, ${mib(coldPeak)} cold (PostgreSQL + Odoo containers, sampled every 0.3 s)`,
  );
  console.log(
    `load average at the end  ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other work on the machine skews every figure)`,
  );
  if (runs.some((r) => !r.ok)) process.exitCode = 1;
} finally {
  rmSync(addons, { recursive: true, force: true });
}
