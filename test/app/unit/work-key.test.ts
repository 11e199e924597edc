import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { workKeysOf, type Delivery } from '../../../app/work/work-key.js';
import { WorkQueue } from '../../../app/work/work-queue.js';

interface Example {
  action?: string;
  repository?: { full_name?: string };
  issue?: { number?: number; body?: string | null; pull_request?: unknown; user?: { type?: string } };
  workflow_run?: { pull_requests?: Array<{ number: number }> };
  check_run?: { pull_requests?: Array<{ number: number }> };
}
const require = createRequire(import.meta.url);
const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Example[];
}>;

/** A real example payload of `@octokit/webhooks-examples`, copied so a test may adapt it. */
function example(name: string, action: string, predicate: (e: Example) => boolean = () => true): Example {
  const found = groups
    .find((g) => g.name === name)
    ?.examples.find((e) => e.action === action && predicate(e));
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

const repo = 'Codertocat/Hello-World';
/** The example workflow run of pull request #2, finished, moved to the comments' repository. */
const runOfPull2 = (): Delivery => {
  const payload = example(
    'workflow_run',
    'completed',
    (e) => (e.workflow_run?.pull_requests?.length ?? 0) > 0,
  );
  assert.deepEqual(
    payload.workflow_run?.pull_requests?.map((p) => p.number),
    [2],
  );
  payload.repository = { ...payload.repository, full_name: repo };
  return { id: 'run-1', name: 'workflow_run', payload };
};
/** `/fix` on pull request #2, which Forge opened for issue #1 (the marker in its body). */
const fixOnPull2 = (): Delivery => {
  const payload = example('issue_comment', 'created');
  payload.issue = {
    ...payload.issue,
    number: 2,
    pull_request: { url: `https://api.github.com/repos/${repo}/pulls/2` },
    body: 'Adds the addon.\n\n<!-- odoo-forge:pr issue=1 -->',
    user: { type: 'Bot' },
  };
  return { id: 'fix-1', name: 'issue_comment', payload };
};

describe('workKeysOf', () => {
  it('keys a workflow run and a check run by the pull requests of the payload', () => {
    assert.deepEqual(workKeysOf(runOfPull2()), [`${repo}#2`]);
    const buttons = example('check_run', 'requested_action');
    const pulls = buttons.check_run?.pull_requests?.map(
      (p) => `${buttons.repository?.full_name}#${p.number}`,
    );
    assert.ok(pulls && pulls.length > 0);
    assert.deepEqual(workKeysOf({ id: 'b', name: 'check_run', payload: buttons }), pulls);
  });

  it('keys a comment on a Forge pull request by its issue and by the pull request; a plain comment by its issue', () => {
    assert.deepEqual(workKeysOf(fixOnPull2()), [`${repo}#1`, `${repo}#2`]);
    assert.deepEqual(
      workKeysOf({ id: 'c', name: 'issue_comment', payload: example('issue_comment', 'created') }),
      [`${repo}#1`],
    );
  });

  it('keys a run without pull requests (a push, a fork) by its delivery id', () => {
    const payload = example(
      'workflow_run',
      'completed',
      (e) => (e.workflow_run?.pull_requests?.length ?? 0) === 0,
    );
    assert.deepEqual(workKeysOf({ id: 'd-7', name: 'workflow_run', payload }), ['delivery d-7']);
  });

  it('serializes /fix on the pull request with the finished run of it, and with its issue; other pull requests run alongside', async () => {
    const queue = new WorkQueue({ error: () => {} }, { quietMs: 0 });
    const events: string[] = [];
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const work = (label: string, ms: number) => async () => {
      events.push(`${label} start`);
      await wait(ms);
      events.push(`${label} end`);
    };
    const otherRun = runOfPull2();
    (otherRun.payload as Example).workflow_run = { pull_requests: [{ number: 9 }] };
    const issueComment: Delivery = {
      id: 'c',
      name: 'issue_comment',
      payload: example('issue_comment', 'created'),
    };

    queue.enqueue(workKeysOf(fixOnPull2()), 'fix', work('fix', 40));
    queue.enqueue(workKeysOf(runOfPull2()), 'run', work('run', 5));
    queue.enqueue(workKeysOf(issueComment), 'issue', work('issue', 5));
    queue.enqueue(workKeysOf(otherRun), 'other', work('other', 5));
    await queue.idle();

    const at = (e: string) => events.indexOf(e);
    assert.ok(at('run start') > at('fix end'), `the run waits for /fix: ${events.join(', ')}`);
    assert.ok(at('issue start') > at('fix end'), `the issue's comment waits for /fix: ${events.join(', ')}`);
    assert.ok(at('other end') < at('fix end'), `pull request #9 does not wait: ${events.join(', ')}`);
    assert.deepEqual(queue.stats, { done: 4, failed: 0, pending: 0 });
  });
});
