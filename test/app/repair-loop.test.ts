import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { FakeCheckRun } from '../fakes/github/check-run-state.js';
import type { FakePull, FakeWorkflowRun } from '../fakes/github/github-state.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { addArtifact } from '../fakes/github/workflow-run-routes.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { maintainer, reader } from './support/conversation.js';
import { librarySpecYaml } from './support/issue-form-markdown.js';
import {
  addonFiles,
  checkReportOf,
  commitAsPerson,
  commitsSince,
  completeRun,
  openForgePull,
  pullComments,
  realChecker,
  sayOnPull,
  testsReport,
  workflowRunPayload,
  type TestFailureInput,
} from './support/repair-scenario.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const require = createRequire(import.meta.url);
const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const ROOT = 'library_loans';
const BOOK_VIEWS = `${ROOT}/views/library_book_views.xml`;
const BOOK_MODEL = `${ROOT}/models/library_book.py`;

function generated(): Map<string, string> {
  const parsed = parseSpec(librarySpecYaml);
  if (!parsed.ok) throw new Error('examples/library.yaml must be valid');
  return generate(parsed.spec);
}

/** A person's edit that breaks the loan count; the test below catches it. */
function breakLoanCount(harness: Harness, branch: string): string {
  const book = generated().get('models/library_book.py') as string;
  const broken = book.replace('record.loan_count = len(record.loan_ids)', 'record.loan_count = 0');
  assert.notEqual(broken, book);
  return commitAsPerson(harness, branch, { [BOOK_MODEL]: broken });
}

const loanCountFails = (line: number, tmp: string): TestFailureInput => ({
  test: 'odoo.addons.library_loans.tests.test_library_book.TestLibraryBook.test_loan_count',
  file: `${ROOT}/tests/test_library_book.py`,
  line,
  message: `AssertionError: 0 != 1 : loan_count of library.book(${line}) in ${tmp}/odoo.log`,
});

/** A Forge workflow run of the head still going, with `reports` already uploaded (a job that ended). */
async function startRun(
  harness: Harness,
  pull: FakePull,
  reports: Record<string, Record<string, unknown>>,
): Promise<FakeWorkflowRun> {
  const run: FakeWorkflowRun = {
    id: harness.fake.state.nextId(),
    name: 'Odoo Forge',
    headSha: harness.repo.refs.get(`heads/${pull.head}`) as string,
    status: 'in_progress',
    conclusion: null,
    reruns: 0,
  };
  harness.repo.workflowRuns.push(run);
  for (const [name, report] of Object.entries(reports))
    await addArtifact(harness.repo, {
      id: harness.fake.state.nextId(),
      runId: run.id,
      name,
      files: { 'report.json': JSON.stringify(report) },
    });
  return run;
}

/**
 * A real `check_run.completed` example payload (written by the run's job, so owned by
 * github-actions unless `owned` names the fake's check run and its app), delivered.
 */
async function completeCheck(
  harness: Harness,
  pull: FakePull,
  run: FakeWorkflowRun,
  name: string,
  conclusion: 'success' | 'failure',
  owned?: FakeCheckRun,
): Promise<void> {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
    name: string;
    examples: Array<Record<string, unknown>>;
  }>;
  const found = groups
    .find((g) => g.name === 'check_run')
    ?.examples.find(
      (e) => e.action === 'completed' && (e.check_run as { conclusion?: string }).conclusion === 'failure',
    );
  if (!found) throw new Error('no example payload for a failed check_run.completed');
  const example = structuredClone(found);
  const check = example.check_run as Record<string, unknown>;
  const { repo } = harness;
  const fromRun = workflowRunPayload(harness, pull, run);
  await harness.deliver('check_run', {
    ...example,
    check_run: {
      ...check,
      ...(owned
        ? {
            id: owned.id,
            app: { ...(check.app as Record<string, unknown>), slug: owned.appSlug, name: owned.appSlug },
          }
        : {}),
      name,
      conclusion,
      head_sha: run.headSha,
      details_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
      check_suite: {
        ...(check.check_suite as Record<string, unknown>),
        head_sha: run.headSha,
        head_branch: pull.head,
      },
      pull_requests: (fromRun.workflow_run as { pull_requests: unknown[] }).pull_requests,
    },
    repository: fromRun.repository,
    installation: fromRun.installation,
  });
  await harness.settle();
}

/** A completed check run of `name` in the fake, created by the app `appSlug`. */
function failedCheckRun(harness: Harness, run: FakeWorkflowRun, name: string, appSlug: string): FakeCheckRun {
  const check: FakeCheckRun = {
    id: harness.fake.state.nextId(),
    name,
    headSha: run.headSha,
    status: 'completed',
    conclusion: 'failure',
    detailsUrl: `https://github.com/${harness.repo.owner}/${harness.repo.name}/actions/runs/${run.id}`,
    externalId: null,
    startedAt: new Date().toISOString(),
    completedAt: new Date().toISOString(),
    output: { title: 'failed', summary: 'failed', text: null },
    annotations: [],
    appSlug,
    annotationRequests: 0,
  };
  harness.repo.checkRuns.push(check);
  return check;
}

/** The run ends; GitHub sends `workflow_run.completed`. */
async function endRun(harness: Harness, pull: FakePull, run: FakeWorkflowRun): Promise<void> {
  run.status = 'completed';
  run.conclusion = 'failure';
  await harness.deliver('workflow_run', workflowRunPayload(harness, pull, run));
  await harness.settle();
}

describe('the repair loop on a Forge pull request', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('fixes a checker finding deterministically: one commit, one comment, then a green run ends the loop', async () => {
    harness = await startHarness({ routes, payloads, addonChecker: realChecker() });
    const pull = await openForgePull(harness);
    const views = generated().get('views/library_book_views.xml') as string;
    const before = commitAsPerson(harness, pull.head, {
      [BOOK_VIEWS]: views.replace('kanban,list,form', 'kanban,tree,form'),
    });
    const failing = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(failing.conclusion, 'failure', 'the real checker finds the tree view mode');

    const run = await completeRun(harness, pull, 'failure', { 'odoo-forge-report-lint': failing });

    const pushed = commitsSince(harness, pull.head, before);
    assert.equal(pushed.length, 1, 'one repair commit on the branch');
    assert.equal(
      addonFiles(harness, pull.head, ROOT).get('views/library_book_views.xml'),
      views,
      'the generated view is back',
    );
    assert.match(
      harness.repo.commits.get(pushed[0] as string)?.message ?? '',
      /Odoo-Forge-Repair: #\d+ run \d+/,
    );
    const [attempt, ...others] = pullComments(harness, pull);
    assert.equal(others.length, 0, 'one comment');
    assert.match(attempt?.body ?? '', /Repair attempt 1 of 3.*deterministic/);
    assert.match(attempt?.body ?? '', /action-view-mode-tree/);
    assert.ok(attempt?.body.includes(`/actions/runs/${run.id}`), 'the comment links the failed run');
    assert.ok(
      attempt?.body.includes(`blob/${before}/${BOOK_VIEWS}`),
      'and the failing file at the failing commit',
    );

    // The re-run: the real checker on the pushed files decides the run's conclusion.
    const green = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(green.conclusion, 'success', 'the real checker passes the repaired addon');
    await completeRun(harness, pull, green.conclusion as 'success', { 'odoo-forge-report-lint': green });

    const comments = pullComments(harness, pull);
    assert.equal(comments.length, 2);
    assert.match(comments[1]?.body ?? '', /Repaired.*after 1 repair attempt/);
    await completeRun(harness, pull, 'failure', { 'odoo-forge-report-lint': failing });
    assert.equal(pullComments(harness, pull).length, 2, 'the ended loop does not answer another run');
    assert.equal(commitsSince(harness, pull.head, before).length, 1);
  });

  it('fixes a failing test with the recorded model, checked by the checker, and counts its tokens', async () => {
    const logLines: Array<Record<string, unknown>> = [];
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-loan-count'],
      logLines,
    });
    const pull = await openForgePull(harness);
    const before = breakLoanCount(harness, pull.head);
    const longLog = Array.from(
      { length: 200 },
      (_, i) => `2026-12-02 06:00:${i % 60} INFO odoo line ${i}`,
    ).join('\n');

    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/forge-a1b2c3')], longLog),
    });

    assert.equal(commitsSince(harness, pull.head, before).length, 1);
    const answer = JSON.parse(
      readFileSync(new URL('../fixtures/llm/repair-loan-count.json', import.meta.url), 'utf8'),
    ) as {
      content: Array<{ input: { edits: Array<{ path: string; content: string }> } }>;
    };
    assert.equal(
      addonFiles(harness, pull.head, ROOT).get('models/library_book.py'),
      answer.content[0]?.input.edits[0]?.content,
    );
    assert.equal(addonFiles(harness, pull.head, ROOT).size, generated().size);
    assert.deepEqual(
      [...addonFiles(harness, pull.head, ROOT)].filter(([path, body]) => generated().get(path) !== body),
      [],
      'the pushed addon is the generator’s output, whose tests pass on real Odoo (test/e2e)',
    );
    const request = JSON.stringify(harness.llm?.requests[0]);
    assert.ok(
      request.includes('test_loan_count') && request.includes('record.loan_count = 0'),
      'the model saw the failure and the failing file',
    );
    assert.ok(
      request.includes('odoo line 199') && !request.includes('odoo line 100'),
      'only the end of the log reached the model',
    );
    const [attempt] = pullComments(harness, pull);
    assert.match(attempt?.body ?? '', /Repair attempt 1 of 3.*from the model/);
    assert.match(attempt?.body ?? '', /counts loan_ids again/);
    const usage = logLines.find((l) => l.msg === 'llm usage' && l.task === 'repair');
    assert.equal(usage?.month_tokens, 5120 + 1480, 'the repair call counts against the token budget');
  });

  it('fixes a syntax error no deterministic fix knows with the recorded model: the re-run lint check of the pushed files passes and the loop ends green', async () => {
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-syntax-error'],
    });
    const pull = await openForgePull(harness);
    const book = generated().get('models/library_book.py') as string;
    const broken = book.replace('class LibraryBook(models.Model):', 'class LibraryBook(models.Model)');
    assert.notEqual(broken, book);
    const before = commitAsPerson(harness, pull.head, { [BOOK_MODEL]: broken });
    const failing = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(failing.conclusion, 'failure');
    assert.ok(
      JSON.stringify(failing.findings).includes('python-syntax-error'),
      'the real checker finds the syntax error',
    );

    await completeRun(harness, pull, 'failure', { 'odoo-forge-report-lint': failing });

    assert.equal(harness.llm?.requests.length, 1, 'no deterministic fix applies: the model was asked once');
    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'one repair commit');
    const [attempt, ...others] = pullComments(harness, pull);
    assert.equal(others.length, 0, 'one comment');
    assert.match(attempt?.body ?? '', /Repair attempt 1 of 3.*from the model/);
    assert.match(attempt?.body ?? '', /python-syntax-error/);
    // The re-run: the real checker on the pushed files decides the run's conclusion.
    const green = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(green.conclusion, 'success', JSON.stringify(green.findings));
    await completeRun(harness, pull, green.conclusion as 'success', { 'odoo-forge-report-lint': green });

    const comments = pullComments(harness, pull);
    assert.equal(comments.length, 2);
    assert.match(comments[1]?.body ?? '', /Repaired.*after 1 repair attempt/);
    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'nothing more was pushed');
  });

  it('refuses a model answer that edits a workflow or a file outside the addon, and hands over with a summary', async () => {
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-outside-addon', 'repair-outside-addon-retry'],
    });
    const pull = await openForgePull(harness);
    const before = breakLoanCount(harness, pull.head);

    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/x')]),
    });

    assert.equal(harness.repo.refs.get(`heads/${pull.head}`), before, 'nothing was pushed');
    const retry = JSON.stringify(harness.llm?.requests[1]);
    assert.match(
      retry,
      /refused edit of \.github\/workflows\/odoo-forge\.yml/,
      'the refusal went back to the model',
    );
    const [summary, ...others] = pullComments(harness, pull);
    assert.equal(others.length, 0);
    assert.match(summary?.body ?? '', /Repair stopped/);
    assert.match(summary?.body ?? '', /library_tools\/models\/count\.py/);
    assert.match(summary?.body ?? '', /outside the addon folder library_loans\//);
    assert.match(summary?.body ?? '', /test_loan_count/, 'the summary says what still fails');
  });

  it('stops with a summary when the failure set grows after a fix', async () => {
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-loan-count'],
    });
    const pull = await openForgePull(harness);
    const before = breakLoanCount(harness, pull.head);
    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/a')]),
    });

    const grown = [
      {
        test: 'odoo.addons.library_loans.tests.test_library_loan.TestLibraryLoan.test_create',
        file: `${ROOT}/tests/test_library_loan.py`,
        line: 12,
        message: 'ValidationError: Pages cannot be negative.',
      },
      {
        test: 'odoo.addons.library_loans.tests.test_library_loan.TestLibraryLoan.test_return',
        file: `${ROOT}/tests/test_library_loan.py`,
        line: 30,
        message: 'UserError: cannot return',
      },
    ];
    await completeRun(harness, pull, 'failure', { 'odoo-forge-report-18.0': testsReport(ROOT, grown) });

    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'no second commit');
    const comments = pullComments(harness, pull);
    assert.equal(comments.length, 2);
    assert.match(comments[1]?.body ?? '', /Repair stopped.*the failures grew/);
    assert.match(comments[1]?.body ?? '', /attempt 1\]\(/, 'it lists what was tried');
    assert.match(comments[1]?.body ?? '', /test_return/, 'and what still fails');
  });

  it('stops after a repeated fingerprint (line numbers and temp paths differ); /fix makes one more attempt, /stop ends it', async () => {
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-loan-count', 'repair-loan-count-again'],
    });
    const pull = await openForgePull(harness);
    const before = breakLoanCount(harness, pull.head);
    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/forge-1a2b')]),
    });
    // The fix did not help (say the test itself was wrong): a person breaks it the same way again.
    breakLoanCount(harness, pull.head);

    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(47, '/tmp/forge-9f8e')]),
    });

    assert.equal(
      commitsSince(harness, pull.head, before).length,
      2,
      'the repair commit and the person’s commit',
    );
    let comments = pullComments(harness, pull);
    assert.equal(comments.length, 2);
    assert.match(comments[1]?.body ?? '', /Repair stopped.*exactly those an earlier attempt answered/);

    await sayOnPull(harness, pull, '/fix');
    comments = pullComments(harness, pull);
    assert.match(comments[2]?.body ?? '', /one more repair attempt: answering \[run/);
    assert.match(comments[3]?.body ?? '', /Repair attempt 2 of 3.*from the model/);
    assert.equal(commitsSince(harness, pull.head, before).length, 3, '/fix pushed one more commit');

    await sayOnPull(harness, pull, '/stop');
    comments = pullComments(harness, pull);
    assert.match(comments[4]?.body ?? '', /Repair stopped\*\* by @maria: `\/stop` was asked/);
    const head = harness.repo.refs.get(`heads/${pull.head}`);
    breakLoanCount(harness, pull.head);
    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(52, '/tmp/z')]),
    });
    assert.equal(pullComments(harness, pull).length, 5, 'after /stop a failed run gets no answer');
    assert.equal(
      harness.repo.commits.get(harness.repo.refs.get(`heads/${pull.head}`) ?? '')?.parents[0],
      head,
    );
  });

  it('keeps its state in GitHub across an app restart and honours repair.max_attempts from the config', async () => {
    const first = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-loan-count'],
      files: { 'README.md': '# odoo-addons\n', '.github/odoo-forge.yml': 'repair:\n  max_attempts: 1\n' },
    });
    harness = first;
    const pull = await openForgePull(first);
    const before = breakLoanCount(first, pull.head);
    await completeRun(first, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/a')]),
    });
    assert.match(pullComments(first, pull)[0]?.body ?? '', /Repair attempt 1 of 1/);
    await first.close();

    // A new process: no memory of the first one, the same GitHub.
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: [],
      restartOn: first,
    });
    const other = [
      {
        test: 'odoo.addons.library_loans.tests.test_library_loan.TestLibraryLoan.test_return',
        file: `${ROOT}/tests/test_library_loan.py`,
        line: 30,
        message: 'UserError: cannot return',
      },
    ];
    await completeRun(harness, pull, 'failure', { 'odoo-forge-report-18.0': testsReport(ROOT, other) });

    const comments = pullComments(harness, pull);
    assert.equal(comments.length, 2);
    assert.match(comments[1]?.body ?? '', /Repair stopped.*`repair\.max_attempts`\) is used up/);
    assert.equal(harness.llm?.requests.length, 0, 'the restarted app asked the model nothing');
    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'still the one repair commit');
  });

  it('the check run buttons steer it: Stop repair ends the loop, Fix makes one more attempt; a reader’s press does nothing', async () => {
    harness = await startHarness({
      routes,
      payloads,
      addonChecker: realChecker(),
      llmFixtures: ['repair-loan-count', 'repair-loan-count-again'],
    });
    const pull = await openForgePull(harness);
    const before = breakLoanCount(harness, pull.head);
    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(31, '/tmp/a')]),
    });
    const press = async (identifier: string, sender = maintainer): Promise<void> => {
      const headSha = harness.repo.refs.get(`heads/${pull.head}`) as string;
      const name = 'Odoo Forge / tests (18.0)';
      const detailsUrl = `https://github.com/acme/odoo-addons/actions/runs/1`;
      await harness.deliver(
        'check_run',
        payloads.checkRun(
          harness.repo,
          'requested_action',
          { name, headSha, detailsUrl, identifier },
          sender,
        ),
      );
      await harness.settle();
    };

    await press('repair-stop', reader);
    assert.equal(pullComments(harness, pull).length, 1, 'a reader’s press changes nothing');
    await press('repair-stop');
    assert.match(pullComments(harness, pull)[1]?.body ?? '', /Repair stopped\*\* by @maria/);
    breakLoanCount(harness, pull.head);
    await completeRun(harness, pull, 'failure', {
      'odoo-forge-report-18.0': testsReport(ROOT, [loanCountFails(40, '/tmp/b')]),
    });
    assert.equal(pullComments(harness, pull).length, 2, 'a stopped loop answers no run');

    await press('repair-fix');

    const comments = pullComments(harness, pull);
    assert.match(comments[2]?.body ?? '', /@maria asked for one more repair attempt: answering/);
    assert.match(comments[3]?.body ?? '', /Repair attempt 2 of 3/);
    assert.equal(commitsSince(harness, pull.head, before).length, 3, 'two repair commits and the person’s');
  });

  it('puts Fix again and Stop on a failed Forge check run the app created, none on one of github-actions', async () => {
    harness = await startHarness({ routes, payloads, addonChecker: realChecker() });
    const pull = await openForgePull(harness);
    const views = generated().get('views/library_book_views.xml') as string;
    commitAsPerson(harness, pull.head, {
      [BOOK_VIEWS]: views.replace('kanban,list,form', 'kanban,tree,form'),
    });
    const lint = await checkReportOf(harness, pull.head, ROOT);
    const run = await startRun(harness, pull, { 'odoo-forge-report-lint': lint });
    const app = harness.fake.state.bot.login.replace(/\[bot\]$/, '');
    const byActions = failedCheckRun(harness, run, 'Odoo Forge / lint', 'github-actions');
    const byForge = failedCheckRun(harness, run, 'Odoo Forge / tests (18.0)', app);

    await completeCheck(harness, pull, run, byActions.name, 'failure', byActions);
    await completeCheck(harness, pull, run, byForge.name, 'failure', byForge);

    assert.equal(byActions.actions, undefined, 'a press would reach github-actions, not Forge: no buttons');
    assert.deepEqual(
      byForge.actions?.map((a) => `${a.label}: ${a.identifier}`),
      ['Fix again: repair-fix', 'Stop: repair-stop'],
      'the buttons the requested_action handler answers (pressed in the test above)',
    );
    assert.ok(
      byForge.actions?.every((a) => a.label.length <= 20 && a.description.length <= 40),
      'within GitHub’s limits',
    );
  });

  it('a failed Forge check run (check_run.completed) starts the same repair, once per head whichever event comes first', async () => {
    harness = await startHarness({ routes, payloads, addonChecker: realChecker() });
    const pull = await openForgePull(harness);
    const views = generated().get('views/library_book_views.xml') as string;
    const before = commitAsPerson(harness, pull.head, {
      [BOOK_VIEWS]: views.replace('kanban,list,form', 'kanban,tree,form'),
    });
    const lint = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(lint.conclusion, 'failure', 'the real checker finds the tree view mode');
    const first = await startRun(harness, pull, { 'odoo-forge-report-lint': lint });

    // Check runs of another app, and a Forge check that passed, start nothing.
    await completeCheck(harness, pull, first, 'Octocoders-linter', 'failure');
    await completeCheck(harness, pull, first, 'Odoo Forge / tests (18.0)', 'success');
    assert.equal(pullComments(harness, pull).length, 0);
    assert.equal(commitsSince(harness, pull.head, before).length, 0);

    // The lint check fails while the tests still run: repaired at once.
    await completeCheck(harness, pull, first, 'Odoo Forge / lint', 'failure');
    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'one repair commit');
    assert.equal(addonFiles(harness, pull.head, ROOT).get('views/library_book_views.xml'), views);
    let comments = pullComments(harness, pull);
    assert.equal(comments.length, 1);
    assert.match(comments[0]?.body ?? '', /Repair attempt 1 of 3.*deterministic/);
    assert.ok(comments[0]?.body.includes(`run=${first.id} `), 'the attempt answers the workflow run');
    // Then the run's other events: a second failed check and the workflow run itself.
    await completeCheck(harness, pull, first, 'Odoo Forge / lint', 'failure');
    await endRun(harness, pull, first);
    assert.equal(pullComments(harness, pull).length, 1, 'the same head is answered once');
    assert.equal(commitsSince(harness, pull.head, before).length, 1);

    // The other order on the next head: the workflow run's event first, then its check run's.
    const repaired = harness.repo.refs.get(`heads/${pull.head}`) as string;
    commitAsPerson(harness, pull.head, {
      [BOOK_VIEWS]: views.replace('</odoo>', ''),
    });
    const notWellFormed = await checkReportOf(harness, pull.head, ROOT);
    assert.equal(notWellFormed.conclusion, 'failure', 'the real checker finds the unclosed XML');
    const second = await startRun(harness, pull, { 'odoo-forge-report-lint': notWellFormed });
    await endRun(harness, pull, second);
    await completeCheck(harness, pull, second, 'Odoo Forge / lint', 'failure');
    comments = pullComments(harness, pull);
    assert.equal(comments.length, 2, 'one more comment');
    assert.match(comments[1]?.body ?? '', /Repair attempt 2 of 3.*deterministic/);
    assert.equal(commitsSince(harness, pull.head, repaired).length, 2, 'the person’s commit and one repair');
    assert.equal(addonFiles(harness, pull.head, ROOT).get('views/library_book_views.xml'), views);
  });
});
