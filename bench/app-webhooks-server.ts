// The app side of bench/app-webhooks.ts, run as a child process so that the load generator does
// not share the app's event loop: the real app (HTTP server + Probot) on a loopback port, backed
// by the in-process GitHub fake, with N module-request issues filed. Talks to its parent by IPC:
// sends { url, payloads } once listening; on "report" waits for all work and sends the outcome.
import { OpenApiRoutes } from '../test/fakes/github/openapi-routes.js';
import { startHarness } from '../test/app/support/forge-harness.js';
import { issueFormMarkdown, librarySpecYaml } from '../test/app/support/issue-form-markdown.js';
import { WebhookPayloads } from '../test/app/support/webhook-payloads.js';
import { specVersionOf } from '../app/spec-comment/spec-comment.js';

const deliveries = Number(process.argv[2] ?? 200);
const workConcurrency = Number(process.argv[3] ?? 4);
if (process.argv[4] === 'bare') await serveBare();
const harness = await startHarness({
  routes: OpenApiRoutes.load(),
  payloads: new WebhookPayloads(),
  workConcurrency,
});
const user = { login: 'bench', id: 900, type: 'User' as const };
const file = (title: string) =>
  harness.fake.state.addIssue(harness.repo, {
    title,
    body: issueFormMarkdown({ description: title, yaml: librarySpecYaml }),
    user,
  });

// Warm-up delivery (JIT, installation token, validators), not counted.
const warm = file('warm-up');
await harness.deliver('issues', harness.payloads.issueOpened(harness.repo, warm));
await harness.settle();
const doneBefore = harness.forge.work.stats.done;
const issues = Array.from({ length: deliveries }, (_, i) => file(`Request ${i}`));
const payloads = issues.map((issue) => JSON.stringify(harness.payloads.issueOpened(harness.repo, issue)));

process.send?.({ url: harness.url, payloads });
const cpuAtStart = process.cpuUsage();
let cpuWhileAnswering = 0;
process.on('message', (message) => {
  if (message === 'answered') {
    const used = process.cpuUsage(cpuAtStart);
    cpuWhileAnswering = (used.user + used.system) / 1000;
    return;
  }
  if (message !== 'report') return;
  void (async () => {
    const started = performance.now();
    await harness.settle();
    const specCounts = issues.map(
      (issue) =>
        harness.fake.state
          .commentsOn(harness.repo, issue.number)
          .filter((c) => specVersionOf(c.body) !== undefined).length,
    );
    const stats = harness.forge.work.stats;
    process.send?.({
      settleMs: performance.now() - started,
      cpuWhileAnsweringMs: cpuWhileAnswering,
      handledOnce: specCounts.filter((n) => n === 1).length,
      done: stats.done - doneBefore,
      failed: stats.failed,
      apiRequests: harness.fake.served.length,
      violations: harness.fake.violations,
    });
    await harness.close();
    process.exit(0);
  })();
});

/**
 * The baseline: a bare node:http server that reads the body and answers 200, on the same
 * machine at the same moment. Its latency is what the load generator and the machine cost.
 */
async function serveBare(): Promise<never> {
  const { createServer } = await import('node:http');
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const body = JSON.stringify({ action: 'opened', padding: 'x'.repeat(12_000) });
  process.send?.({
    url: `http://127.0.0.1:${port}/`,
    payloads: Array.from({ length: deliveries }, () => body),
  });
  process.on('message', () => {
    process.send?.({
      settleMs: 0,
      handledOnce: deliveries,
      done: deliveries,
      failed: 0,
      apiRequests: 0,
      violations: [],
    });
    server.close();
    process.exit(0);
  });
  return new Promise<never>(() => undefined);
}
