import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { specVersionOf } from '../../app/spec-comment/spec-comment.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import {
  alice,
  botComments,
  fileRequest,
  maintainer,
  pullAsIssue,
  reader,
  say,
} from './support/conversation.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const REOPEN_HINT = /cancelled\]\(.*\)\. Someone with write access can comment `\/reopen`/;

describe('/cancel stops a request and /reopen restores it', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('after /cancel, /approve, /revise, a spec edit and a form edit are answered with how to reopen, and do nothing', async () => {
    harness = await startHarness({ routes, payloads, llmFixtures: [] });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    await say(harness, issue, maintainer, '/approve');
    const branch = 'heads/forge/library_loans';
    const head = harness.repo.refs.get(branch);

    await say(harness, issue, maintainer, '/cancel');
    const pull = [...harness.repo.pulls.values()][0];
    assert.equal(pull?.state, 'closed');
    assert.ok(issue.labels.includes('forge:cancelled'));
    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /Cancelled by @maria\. Closed #\d+.*`\/reopen`/,
    );

    const before = botComments(harness, issue).length;
    await say(harness, issue, maintainer, '/approve');
    await say(harness, issue, maintainer, '/revise add a due date');
    const spec = botComments(harness, issue).find((c) => specVersionOf(c.body) === 1);
    assert.ok(spec);
    const original = spec.body;
    spec.body = original.replace('{type: integer}', '{type: float}');
    await harness.deliver(
      'issue_comment',
      payloads.commentEdited(harness.repo, issue, spec, maintainer, original),
    );
    await harness.settle();
    issue.body = issueFormMarkdown({
      description: 'Lend books.',
      yaml: librarySpecYaml.replace('Library Loans', 'Loans'),
    });
    await harness.deliver('issues', payloads.issueOpened(harness.repo, issue, 'edited'));
    await harness.settle();

    const answers = botComments(harness, issue).slice(before);
    assert.equal(answers.length, 4, answers.map((a) => a.body).join('\n---\n'));
    for (const answer of answers) assert.match(answer.body, REOPEN_HINT);
    assert.match(answers[0]?.body ?? '', /`\/approve` did nothing/);
    assert.match(answers[1]?.body ?? '', /`\/revise` did nothing/);
    assert.match(answers[2]?.body ?? '', /did not check @maria's edit of \[spec v1\]/);
    assert.match(answers[3]?.body ?? '', /did not take the edited form YAML/);
    assert.equal(harness.repo.pulls.size, 1);
    assert.equal(pull?.state, 'closed', '/approve did not reopen or recreate the pull request');
    assert.equal(harness.repo.refs.get(branch), head, 'the branch did not move');
    assert.equal(harness.llm?.requests.length, 0, '/revise called no model');
    assert.equal(botComments(harness, issue).filter((c) => specVersionOf(c.body) !== undefined).length, 1);
  });

  it('an /approve queued before the cancel and run after it is dropped (the state is read from GitHub)', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    // The /approve comment exists before the cancel; its delivery is only handled afterwards
    // (another replica was slow, or the app restarted and the delivery came again).
    const early = harness.fake.state.addComment(harness.repo, issue.number, '/approve', maintainer);
    await say(harness, issue, maintainer, '/cancel');

    await harness.deliver('issue_comment', payloads.commentCreated(harness.repo, issue, early));
    await harness.settle();

    assert.equal(harness.repo.pulls.size, 0);
    assert.ok(!harness.repo.refs.has('heads/forge/library_loans'), 'no branch was written');
    assert.match(botComments(harness, issue).at(-1)?.body ?? '', /`\/approve` did nothing/);
  });

  it('/cancel and /reopen need write access; a reader is refused and nothing changes', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    harness.repo.collaborators.set('rob', 'read');
    const issue = await fileRequest(harness);

    await say(harness, issue, reader, '/cancel');
    assert.ok(!issue.labels.includes('forge:cancelled'));
    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /Sorry @rob, `\/cancel` may only be used by/,
    );

    await say(harness, issue, maintainer, '/cancel');
    await say(harness, issue, reader, '/reopen');
    assert.ok(issue.labels.includes('forge:cancelled'));
    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /Sorry @rob, `\/reopen` may only be used by/,
    );
  });

  it('/reopen by a writer restores the labels and the pull request; /approve then updates that same pull request', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'maintain');
    const issue = await fileRequest(harness);
    await say(harness, issue, maintainer, '/approve');
    await say(harness, issue, maintainer, '/cancel');

    await say(harness, issue, maintainer, '/reopen');

    const pull = [...harness.repo.pulls.values()][0];
    assert.equal(pull?.state, 'open');
    assert.ok(!issue.labels.includes('forge:cancelled'));
    assert.ok(issue.labels.includes('forge:spec'));
    assert.match(botComments(harness, issue).at(-1)?.body ?? '', /Reopened by @maria\. Reopened #\d+\./);

    await say(harness, issue, maintainer, '/approve');
    assert.equal(harness.repo.pulls.size, 1, 'no second pull request');
    await say(harness, issue, maintainer, '/reopen');
    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /Nothing to reopen: this request is not cancelled/,
    );
  });

  it('/cancel twice says it is cancelled already; /cancel on the pull request records the cancel on the issue', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    await say(harness, issue, maintainer, '/approve');
    const pull = [...harness.repo.pulls.values()][0];
    assert.ok(pull);
    const pullIssue = pullAsIssue(pull);

    await say(harness, pullIssue, maintainer, '/cancel', { pullBody: pull.body });
    await say(harness, issue, maintainer, '/cancel');
    await say(harness, issue, alice, '/help');

    assert.equal(pull.state, 'closed');
    assert.match(
      harness.fake.state.commentsOn(harness.repo, pull.number).at(-1)?.body ?? '',
      new RegExp(`Cancelled by @maria\\. Closed #${pull.number}.*\\(\\[on #${issue.number}\\]`),
    );
    const [cancelled, again, help] = botComments(harness, issue).slice(-3);
    assert.match(cancelled?.body ?? '', /Cancelled by @maria/);
    assert.match(again?.body ?? '', /Nothing to cancel: this request was \[cancelled\]/);
    assert.match(help?.body ?? '', /`\/reopen` \| Restore a cancelled request/);
  });
});
