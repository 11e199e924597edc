// How many conmon processes exec probes leave behind, and for how long.
// Podman keeps one conmon (two processes: conmon and its fork) per finished exec session until
// `exit_command_delay` (containers.conf [engine]) has passed: 300 s by default, so every
// `pg_isready` probe of a stack costs a process for five minutes. This bench starts one
// PostgreSQL container, runs N probes through the driver, and counts the container's exec
// conmons right after and a while later (it reads /proc: run it on the engine's machine).
// Run: eval "$(cat /tmp/podman.env)"; node --import tsx bench/exec-sessions-bench.ts
//   FORGE_BENCH_PROBES=N (default 10), FORGE_BENCH_WAIT_S=seconds before the second count (default 40)
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { discoverEngine } from '../runner/containers/discover-engine.js';
import { defaultPostgresImage } from '../runner/stack/stack-settings.js';

const probes = Number(process.env.FORGE_BENCH_PROBES ?? 10);
const waitSeconds = Number(process.env.FORGE_BENCH_WAIT_S ?? 40);

/** The exec-session conmon processes of one container, and the --exit-delay they were given. */
function execConmons(containerId: string): { processes: number; exitDelays: string[] } {
  let processes = 0;
  const exitDelays = new Set<string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended while we looked
    }
    if (!args[0]?.endsWith('conmon') || !args.includes('--exec') || !args.includes(containerId)) continue;
    processes += 1;
    const delay = args[args.indexOf('--exit-delay') + 1];
    if (args.includes('--exit-delay') && delay) exitDelays.add(delay);
  }
  return { processes, exitDelays: [...exitDelays] };
}

const driver = await discoverEngine();
const name = `forge-bench-exec-${randomBytes(3).toString('hex')}`;
const created = await driver.createContainer({
  name,
  image: defaultPostgresImage(process.env),
  labels: { 'forge.stack': name },
  env: { POSTGRES_USER: 'odoo', POSTGRES_PASSWORD: 'pw', POSTGRES_DB: 'postgres' },
});
try {
  await driver.startContainer(created.id);
  // Probe until PostgreSQL answers, as a stack does; those probes count too.
  const until = Date.now() + 60_000;
  let waitProbes = 0;
  for (; Date.now() < until; waitProbes++) {
    if ((await driver.exec(created.id, ['pg_isready', '-q', '-h', '127.0.0.1'])).exitCode === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const before = execConmons(created.id).processes; // the readiness probes' conmons
  const started = Date.now();
  let ready = 0;
  for (let i = 0; i < probes; i++) {
    if ((await driver.exec(created.id, ['pg_isready', '-q', '-h', '127.0.0.1'])).exitCode === 0) ready += 1;
  }
  const probeMs = (Date.now() - started) / probes;
  const after = execConmons(created.id);
  await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
  const later = execConmons(created.id).processes;
  console.log(
    `engine ${driver.endpoint}: ready after ${waitProbes + 1} probes, then ${probes} exec probes (${ready} answered ready), ${probeMs.toFixed(0)} ms each`,
  );
  console.log(
    `exec conmon processes of the container: after the readiness probes ${before}, right after the ${probes} more ${after.processes}, ${waitSeconds} s later ${later}`,
  );
  console.log(`--exit-delay given to conmon: ${after.exitDelays.join(', ') || 'none seen'} s`);
} finally {
  await driver.removeContainer(created.id);
}
