import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { alice } from './support/conversation.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

describe('the webhook endpoint', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('answers 401 to a bad signature, and no handler runs', async () => {
    harness = await startHarness({ routes, payloads });
    const issue = harness.fake.state.addIssue(harness.repo, {
      title: 'Library',
      body: issueFormMarkdown({ yaml: librarySpecYaml }),
      user: alice,
    });

    const status = await harness.deliver('issues', payloads.issueOpened(harness.repo, issue), {
      secret: 'not-the-secret',
    });
    await harness.settle();

    assert.equal(status, 401);
    assert.equal(harness.fake.served.length, 0, 'not a single GitHub API request was made');
    assert.equal(harness.fake.state.commentsOn(harness.repo, issue.number).length, 0);
    assert.deepEqual(harness.forge.work.stats, { done: 0, failed: 0, pending: 0 });
  });

  it('answers 401 to a delivery without a signature', async () => {
    harness = await startHarness({ routes, payloads });
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': '1' },
      body: '{}',
    });

    assert.equal(response.status, 401);
    assert.match(await response.text(), /WEBHOOK_SECRET/);
  });

  it('answers 200 before the slow work is done, and the work then completes', async () => {
    harness = await startHarness({ routes, payloads });
    const issue = harness.fake.state.addIssue(harness.repo, {
      title: 'Library',
      body: issueFormMarkdown({ yaml: librarySpecYaml }),
      user: alice,
    });

    const status = await harness.deliver('issues', payloads.issueOpened(harness.repo, issue));
    const pendingAtAnswer = harness.forge.work.stats.pending;
    await harness.settle();

    assert.equal(status, 200);
    assert.equal(pendingAtAnswer, 1, 'the draft was still queued when the HTTP answer came');
    assert.equal(harness.fake.state.commentsOn(harness.repo, issue.number).length, 1);
  });

  it('serves /healthz', async () => {
    harness = await startHarness({ routes, payloads });
    const response = await fetch(harness.url.replace('/api/github/webhooks', '/healthz'));
    assert.equal(response.status, 200);
  });
});
