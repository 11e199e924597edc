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
const harness = await startHarness({ routes: OpenApiRoutes.load(), payloads: new WebhookPayloads(), workConcurrency });
const user = { login: 'bench', id: 900, type: 'User' as const };
const file = (title: string) => harness.fake.state.addIssue(harness.repo, { title, body: issueFormMarkdown({ description: title, yaml: librarySpecYaml }), user });

// Warm-up delivery (JIT, installation token, validators), not counted.
const warm = file('warm-up');
await harness.deliver('issues', harness.payloads.issueOpened(harness.repo, warm));
await harness.settle();
const doneBefore = harness.forge.work.stats.done;
const issues = Array.from({ length: deliveries }, (_, i) => file(`Request ${i}`));
const payloads = issues.map((issue) => JSON.stringify(harness.payloads.issueOpened(harness.repo, issue)));

process.send?.({ url: harness.url, payloads });
process.on('message', (message) => {
  if (message !== 'report') return;
  void (async () => {
    const started = performance.now();
    await harness.settle();
    const specCounts = issues.map((issue) => harness.fake.state.commentsOn(harness.repo, issue.number).filter((c) => specVersionOf(c.body) !== undefined).length);
    const stats = harness.forge.work.stats;
    process.send?.({
      settleMs: performance.now() - started,
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
