import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import type { FakeIssue, FakeRepo, FakeUser } from '../fakes/github/github-state.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub, type ServedFakeGitHub } from '../fakes/github/serve-fake-github.js';
import {
  PROCESS_WEBHOOK_SECRET,
  startAppProcess,
  testPrivateKeyPem,
  type AppProcess,
} from './support/app-process.js';
import { alice, maintainer, reader } from './support/conversation.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const privateKey = testPrivateKeyPem();
const BRANCH = 'heads/forge/library_loans';

/** The app as a process (`npm start`) against the fake GitHub served at a GHES-style /api/v3. */
describe('the app as a process (npm start, GHE_HOST)', { timeout: 600_000 }, () => {
  let fake: FakeGitHub;
  let served: ServedFakeGitHub;
  let repo: FakeRepo;
  let stateDir: string;
  const started: AppProcess[] = [];

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'forge-app-process-'));
  });
  after(async () => rm(stateDir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const app of started.splice(0)) await app.kill();
    await served.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  async function setUp(): Promise<void> {
    fake = new FakeGitHub(routes);
    repo = fake.state.addRepo('acme', 'odoo-addons', { installationId: 42 });
    repo.collaborators.set('maria', 'write');
    repo.collaborators.set('rob', 'read');
    served = await serveFakeGitHub(fake);
  }

  async function start(): Promise<AppProcess> {
    const app = await startAppProcess(
      {
        APP_ID: '1234',
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
        GHE_HOST: served.host,
        GHE_PROTOCOL: 'http',
        FORGE_STATE_DIR: stateDir,
        FORGE_THROTTLE: 'false',
      },
      (send) => (fake.state.hookDeliveries.sender = send),
    );
    started.push(app);
    return app;
  }

  /** GitHub sends a delivery (recorded in the app's delivery log) and the app finishes its work. */
  async function deliver(
    app: AppProcess,
    event: string,
    payload: Record<string, unknown>,
    guid: string = randomUUID(),
  ): Promise<string> {
    const from = app.lines.length;
    const sent = await fake.state.hookDeliveries.send(guid, event, payload);
    assert.equal(sent.statusCode, 200, `${event} delivery ${guid} is accepted`);
    await finished(app, guid, from);
    return guid;
  }

  /** The app logs the end of `guid`'s work (or that it had already done it) after line `from`. */
  function finished(app: AppProcess, guid: string, from = 0): Promise<unknown> {
    return app.waitFor(
      (l) =>
        l.delivery === guid &&
        (l.msg === 'delivery finished' || l.msg === 'delivery already finished: ignored') &&
        app.lines.indexOf(l) >= from,
      `delivery ${guid} finished`,
    );
  }

  function fileIssue(): FakeIssue {
    return fake.state.addIssue(repo, {
      title: 'Library loans',
      body: issueFormMarkdown({ description: 'Lend books.', yaml: librarySpecYaml }),
      user: alice,
    });
  }

  function comment(issue: FakeIssue, user: FakeUser, body: string): Record<string, unknown> {
    return payloads.commentCreated(repo, issue, fake.state.addComment(repo, issue.number, body, user));
  }

  function botBodies(issue: FakeIssue): string[] {
    return fake.state
      .commentsOn(repo, issue.number)
      .filter((c) => c.user.type === 'Bot')
      .map((c) => c.body);
  }

  /** The branch holds exactly one commit on top of main, with every generated file of the spec. */
  function assertCompleteBranch(mainBefore: string | undefined): void {
    const head = repo.refs.get(BRANCH);
    assert.ok(head, 'the branch exists');
    assert.deepEqual(repo.commits.get(head)?.parents, [mainBefore], 'one commit on top of main');
    const parsed = parseSpec(librarySpecYaml);
    assert.ok(parsed.ok);
    const files = fake.state.filesAt(repo, 'forge/library_loans');
    for (const [path, content] of generate(parsed.spec))
      assert.equal(files.get(`library_loans/${path}`), content, `${path} is complete`);
  }

  it('request → spec → /approve by a reader refused → by a writer: one PR; the same delivery again: still one', async () => {
    await setUp();
    const app = await start();
    const issue = fileIssue();
    const mainBefore = repo.refs.get('heads/main');

    await deliver(app, 'issues', payloads.issueOpened(repo, issue));
    assert.match(botBodies(issue)[0] ?? '', /<!-- odoo-forge:spec v=1 -->/, 'the spec comment is posted');

    await deliver(app, 'issue_comment', comment(issue, reader, '/approve'));
    assert.equal(repo.pulls.size, 0, 'a reader opens nothing');
    assert.match(botBodies(issue).at(-1) ?? '', /Sorry @rob, `\/approve` may only be used/);

    const approve = comment(issue, maintainer, '/approve');
    const guid = await deliver(app, 'issue_comment', approve);
    assert.equal(repo.pulls.size, 1);
    assertCompleteBranch(mainBefore);

    await deliver(app, 'issue_comment', approve, guid);
    assert.equal(repo.pulls.size, 1, 'a redelivery opens no second pull request');

    // Every line after the start-up (listening, probe, recovery) is a line of some delivery's work.
    const work = app.lines.slice(app.lines.findIndex((l) => l.msg === 'recovery') + 1);
    assert.ok(work.length >= 4, `${work.length} log lines of work`);
    const unnamed = work.filter((l) => typeof l.delivery !== 'string');
    assert.deepEqual(unnamed, [], 'every log line of the work names its delivery');
    assert.ok(
      app.lines.some((l) => l.msg === 'GitHub answered: the app is known there'),
      'the start-up probe',
    );
    fake.assertClean();
  });

  it('SIGKILL in the middle of /approve, then a restart: the delivery is redelivered, exactly one PR', async () => {
    await setUp();
    let app = await start();
    const issue = fileIssue();
    const mainBefore = repo.refs.get('heads/main');
    const opened = await deliver(app, 'issues', payloads.issueOpened(repo, issue));

    const hold = fake.hold('git/create-commit');
    const approve: string = randomUUID();
    const sent = await fake.state.hookDeliveries.send(
      approve,
      'issue_comment',
      comment(issue, maintainer, '/approve'),
    );
    assert.equal(sent.statusCode, 200);
    await hold.reached;
    await app.kill();
    hold.release();
    assert.equal(repo.refs.has(BRANCH), false, 'killed before the branch: no branch');
    assert.equal(repo.pulls.size, 0);

    app = await start();
    await finished(app, approve);
    assert.equal(repo.pulls.size, 1, 'exactly one pull request');
    assertCompleteBranch(mainBefore);
    const attempts = (guid: string): number =>
      fake.state.hookDeliveries.deliveries.filter((d) => d.guid === guid).length;
    assert.equal(attempts(approve), 2, 'the unfinished /approve was redelivered once');
    assert.equal(attempts(opened), 1, 'the finished request was not redelivered');
    assert.ok((await readdir(join(stateDir, 'deliveries'))).includes(approve));
    fake.assertClean();
  });

  it('SIGTERM in the middle of /approve: the work is finished first, then the app exits 0', async () => {
    await setUp();
    const app = await start();
    const issue = fileIssue();
    await deliver(app, 'issues', payloads.issueOpened(repo, issue));

    const hold = fake.hold('git/create-commit');
    const approve: string = randomUUID();
    await fake.state.hookDeliveries.send(approve, 'issue_comment', comment(issue, maintainer, '/approve'));
    await hold.reached;
    process.kill(app.nodePid, 'SIGTERM');
    await app.waitFor((l) => l.msg === 'stopping: finishing queued work', 'stopping');
    hold.release();

    assert.equal(await app.exited, 0);
    assert.equal(repo.pulls.size, 1, 'the queued /approve was finished');
    assert.ok(app.lines.some((l) => l.delivery === approve && l.msg === 'delivery finished'));
    fake.assertClean();
  });

  it('an unreachable GHE_HOST is logged at once with the URL tried, in readable lines with LOG_FORMAT=pretty', async () => {
    await setUp();
    const app = await startAppProcess(
      {
        APP_ID: '1234',
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
        GHE_HOST: '127.0.0.1:1',
        GHE_PROTOCOL: 'http',
        FORGE_STATE_DIR: stateDir,
        LOG_FORMAT: 'pretty',
      },
      () => undefined,
      { pretty: true },
    );
    started.push(app);
    const error = await app.waitFor((l) => /^ERROR/.test(l.text ?? ''), 'the probe error');
    assert.match(
      error.text ?? '',
      /^ERROR \(odoo-forge\): GitHub is unreachable at http:\/\/127\.0\.0\.1:1\/api\/v3\/app: /,
    );
  });
});
