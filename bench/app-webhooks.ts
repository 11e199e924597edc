// POSTs 200 signed `issues.opened` deliveries (module-request forms with a spec), 50 at a time,
// to the real app (HTTP server + Probot, bench/app-webhooks-server.ts in a child process)
// backed by the in-process GitHub fake. Reports p50/p99 of the time to the HTTP answer (target
// p99 < 100 ms: the slow work runs after the answer) and checks that every delivery was handled
// exactly once: one spec comment on each of the 200 issues, no failed work, no OpenAPI violation.
// Usage: node --import tsx bench/app-webhooks.ts [--deliveries 200] [--concurrency 50] [--work-concurrency 4] [--bare]
// --bare: the same load against a bare node:http server, to see what the machine itself costs.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { sign } from '@octokit/webhooks-methods';
import { WEBHOOK_SECRET } from '../test/app/support/forge-harness.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const deliveries = option('deliveries', 200);
const concurrency = option('concurrency', 50);

interface Ready {
  url: string;
  payloads: string[];
}
interface Report {
  settleMs: number;
  cpuWhileAnsweringMs: number;
  handledOnce: number;
  done: number;
  failed: number;
  apiRequests: number;
  violations: string[];
}

const child = fork(
  new URL('./app-webhooks-server.ts', import.meta.url),
  [
    String(deliveries),
    String(option('work-concurrency', 4)),
    process.argv.includes('--bare') ? 'bare' : 'app',
  ],
  {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
    ],
  },
);
const nextMessage = <T>(): Promise<T> =>
  new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
const { url, payloads } = await nextMessage<Ready>();

// GitHub signs before sending: so does the bench, outside the measured time.
const requests = await Promise.all(
  payloads.map(async (body) => ({ body, signature: await sign(WEBHOOK_SECRET, body), id: randomUUID() })),
);
// Warm-up, not measured: a server in production is long-running, with its sockets open and its
// code compiled. `concurrency` health probes open the client's connections and warm the HTTP path.
const healthUrl = new URL('/healthz', url).href;
for (let round = 0; round < 3; round += 1) {
  await Promise.all(Array.from({ length: concurrency }, async () => (await fetch(healthUrl)).arrayBuffer()));
}
const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const started = performance.now();
async function sender(): Promise<void> {
  for (let request = requests[next++]; request; request = requests[next++]) {
    const t0 = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': request.id,
        'x-hub-signature-256': request.signature,
      },
      body: request.body,
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
}
await Promise.all(Array.from({ length: concurrency }, sender));
const answeredMs = performance.now() - started;
child.send('answered');
child.send('report');
const report = await nextMessage<Report>();

latencies.sort((a, b) => a - b);
const percentile = (p: number): number =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
console.log(
  `machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other processes share the CPU)`,
);
console.log(
  `${process.argv.includes('--bare') ? 'BASELINE (bare node:http server, no app)' : 'the app'}: deliveries: ${deliveries}, concurrency: ${concurrency}, HTTP statuses: ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(
  `time to HTTP answer: p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms, max ${percentile(100).toFixed(1)} ms (target p99 < 100 ms)`,
);
console.log(
  `all answered after ${answeredMs.toFixed(0)} ms; the queued work finished ${report.settleMs.toFixed(0)} ms later`,
);
if (report.cpuWhileAnsweringMs > 0) {
  console.log(
    `app CPU time while answering: ${report.cpuWhileAnsweringMs.toFixed(0)} ms, ${(report.cpuWhileAnsweringMs / deliveries).toFixed(2)} ms per delivery (independent of the machine's load)`,
  );
}
console.log(
  `handled exactly once: ${report.handledOnce}/${deliveries} issues have exactly one spec comment; work done ${report.done}, failed ${report.failed}`,
);
console.log(`GitHub API requests: ${report.apiRequests}, OpenAPI violations: ${report.violations.length}`);
const ok =
  report.handledOnce === deliveries &&
  report.failed === 0 &&
  report.violations.length === 0 &&
  statuses.get(200) === deliveries;
if (!ok) {
  console.error(
    `FAILED: not every delivery was handled exactly once ${report.violations.slice(0, 3).join('; ')}`,
  );
  process.exit(1);
}
if (percentile(99) >= 100) console.log('p99 is above the 100 ms target');
