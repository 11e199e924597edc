import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import type { FakePull, FakeRepo, FakeWorkflowRun } from '../fakes/github/github-state.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub, type ServedFakeGitHub } from '../fakes/github/serve-fake-github.js';
import { addArtifact } from '../fakes/github/workflow-run-routes.js';
import {
  PROCESS_WEBHOOK_SECRET,
  startAppProcess,
  testPrivateKeyPem,
  type AppProcess,
} from './support/app-process.js';
import { alice, maintainer } from './support/conversation.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { serveRecordedLlm, type ServedLlm } from './support/recorded-llm.js';
import {
  addonFiles,
  checkReportOf,
  commitAsPerson,
  commitsSince,
  workflowRunPayload,
  type OnFake,
} from './support/repair-scenario.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const privateKey = testPrivateKeyPem();
const ROOT = 'library_loans';
const BOOK_MODEL = `${ROOT}/models/library_book.py`;

/**
 * The repair loop of the app as it is deployed: `npm start` (dist/app/main.js, the composition
 * root that the app image runs) against the served GitHub fake, with the Anthropic client's base
 * URL (ANTHROPIC_BASE_URL, read by the SDK) on a loopback server that answers recorded responses.
 */
describe('the repair loop of the app as a process (npm start)', { timeout: 300_000 }, () => {
  let served: ServedFakeGitHub | undefined;
  let model: ServedLlm | undefined;
  let stateDir: string | undefined;
  let app: AppProcess | undefined;
  afterEach(async () => {
    await app?.kill();
    await served?.close();
    await model?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
    app = served = model = stateDir = undefined;
  });

  async function start(fake: FakeGitHub, env: Record<string, string>): Promise<AppProcess> {
    served = await serveFakeGitHub(fake);
    stateDir = await mkdtemp(join(tmpdir(), 'forge-repair-process-'));
    app = await startAppProcess(
      {
        APP_ID: '1234',
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
        GHE_HOST: served.host,
        GHE_PROTOCOL: 'http',
        FORGE_STATE_DIR: stateDir,
        FORGE_THROTTLE: 'false',
        ...env,
      },
      (send) => (fake.state.hookDeliveries.sender = send),
    );
    return app;
  }

  /** GitHub sends the delivery; resolves when the app has logged the end of its work. */
  async function deliver(fake: FakeGitHub, event: string, payload: Record<string, unknown>): Promise<void> {
    const process = app as AppProcess;
    const guid = randomUUID();
    const sent = await fake.state.hookDeliveries.send(guid, event, payload);
    assert.equal(sent.statusCode, 200, `${event} delivery is accepted`);
    await process.waitFor((l) => l.delivery === guid && l.msg === 'delivery finished', `${event} finished`);
  }

  /** A module request approved by a maintainer: the app's pull request. */
  async function openForgePull(fake: FakeGitHub, repo: FakeRepo): Promise<FakePull> {
    repo.collaborators.set('maria', 'write');
    const issue = fake.state.addIssue(repo, {
      title: 'Library loans',
      body: issueFormMarkdown({ description: 'Lend books.', yaml: librarySpecYaml }),
      user: alice,
    });
    await deliver(fake, 'issues', payloads.issueOpened(repo, issue));
    const approve = fake.state.addComment(repo, issue.number, '/approve', maintainer);
    await deliver(fake, 'issue_comment', payloads.commentCreated(repo, issue, approve));
    const pull = [...repo.pulls.values()][0];
    assert.ok(pull, '/approve opened the pull request');
    return pull;
  }

  /** A failed Forge workflow run of the head with actions/check's report, delivered as workflow_run.completed. */
  async function failedLintRun(
    on: OnFake,
    pull: FakePull,
    report: Record<string, unknown>,
  ): Promise<FakeWorkflowRun> {
    const run: FakeWorkflowRun = {
      id: on.fake.state.nextId(),
      name: 'Odoo Forge',
      headSha: on.repo.refs.get(`heads/${pull.head}`) as string,
      status: 'completed',
      conclusion: 'failure',
      reruns: 0,
    };
    on.repo.workflowRuns.push(run);
    await addArtifact(on.repo, {
      id: on.fake.state.nextId(),
      runId: run.id,
      name: 'odoo-forge-report-lint',
      files: { 'report.json': JSON.stringify(report) },
    });
    await deliver(on.fake, 'workflow_run', workflowRunPayload(on, pull, run));
    return run;
  }

  it('a syntax error no deterministic fix knows gets the model’s patch, checked by the app’s python3 checker: one commit, one comment', async () => {
    const fake = new FakeGitHub(routes);
    const repo = fake.state.addRepo('acme', 'odoo-addons', { installationId: 42 });
    const on: OnFake = { fake, repo };
    model = await serveRecordedLlm(['repair-syntax-error']);
    const process = await start(fake, { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: model.url });
    const listening = process.lines.find((l) => l.msg === 'Odoo Forge is listening');
    assert.match(String(listening?.repairChecker), /python3/, 'the app started with its checker');

    const pull = await openForgePull(fake, repo);
    const parsed = parseSpec(librarySpecYaml);
    assert.ok(parsed.ok);
    const book = generate(parsed.spec).get('models/library_book.py') as string;
    const broken = book.replace('class LibraryBook(models.Model):', 'class LibraryBook(models.Model)');
    assert.notEqual(broken, book);
    const before = commitAsPerson(on, pull.head, { [BOOK_MODEL]: broken });
    const failing = await checkReportOf(on, pull.head, ROOT);
    assert.ok(JSON.stringify(failing.findings).includes('python-syntax-error'), 'CI’s checker finds it');

    const run = await failedLintRun(on, pull, failing);

    assert.equal(model.llm.requests.length, 1, 'the deployed app asked the model once');
    const pushed = commitsSince(on, pull.head, before);
    assert.equal(pushed.length, 1, 'one repair commit on the branch');
    const recorded = JSON.parse(
      readFileSync(new URL('../fixtures/llm/repair-syntax-error.json', import.meta.url), 'utf8'),
    ) as { content: Array<{ input: { edits: Array<{ path: string; content: string }> } }> };
    assert.equal(
      addonFiles(on, pull.head, ROOT).get('models/library_book.py'),
      recorded.content[0]?.input.edits[0]?.content,
      'the model’s file was pushed',
    );
    assert.match(
      repo.commits.get(pushed[0] as string)?.message ?? '',
      new RegExp(`Odoo-Forge-Repair: #\\d+ run ${run.id}`),
    );
    const comments = fake.state.commentsOn(repo, pull.number).filter((c) => c.user.type === 'Bot');
    assert.equal(comments.length, 1, 'one comment');
    assert.match(comments[0]?.body ?? '', /Repair attempt 1 of 3.*from the model/);
    assert.match(comments[0]?.body ?? '', /python-syntax-error/);
    const green = await checkReportOf(on, pull.head, ROOT);
    assert.equal(
      green.conclusion,
      'success',
      `CI’s checker passes the pushed addon: ${JSON.stringify(green.findings)}`,
    );
    assert.ok(
      process.lines.some((l) => l.msg === 'llm usage' && l.task === 'repair'),
      'the call was counted against the token budget',
    );
    fake.assertClean();
  });

  it('without python3 at start: one warning says the model will not be called and what to install; nothing is pushed unchecked', async () => {
    const fake = new FakeGitHub(routes);
    const repo = fake.state.addRepo('acme', 'odoo-addons', { installationId: 42 });
    const on: OnFake = { fake, repo };
    model = await serveRecordedLlm(['repair-syntax-error']);
    const missing = '/nonexistent/bin/python3';
    const process = await start(fake, {
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: model.url,
      FORGE_PYTHON: missing,
    });
    const warnings = process.lines.filter((l) => /repair checker unavailable/.test(String(l.msg)));
    assert.equal(warnings.length, 1, 'one line');
    assert.equal(warnings[0]?.level, 40, 'a warning');
    assert.match(String(warnings[0]?.msg), new RegExp(`cannot run ${missing}: .*ENOENT`));
    assert.match(String(warnings[0]?.msg), /will not call the model.*Install python3.*FORGE_PYTHON/);
    const listening = process.lines.find((l) => l.msg === 'Odoo Forge is listening');
    assert.equal(listening?.repairChecker, false);

    const pull = await openForgePull(fake, repo);
    const parsed = parseSpec(librarySpecYaml);
    assert.ok(parsed.ok);
    const book = generate(parsed.spec).get('models/library_book.py') as string;
    const before = commitAsPerson(on, pull.head, {
      [BOOK_MODEL]: book.replace('class LibraryBook(models.Model):', 'class LibraryBook(models.Model)'),
    });
    await failedLintRun(on, pull, await checkReportOf(on, pull.head, ROOT));

    assert.equal(model.llm.requests.length, 0, 'no tokens spent on an edit that could not be checked');
    assert.equal(commitsSince(on, pull.head, before).length, 0, 'nothing pushed');
    const [summary] = fake.state.commentsOn(repo, pull.number).filter((c) => c.user.type === 'Bot');
    assert.match(summary?.body ?? '', /no fix I could check/);
    fake.assertClean();
  });
});
