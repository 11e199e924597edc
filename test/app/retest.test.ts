import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { FakePull, FakeUser, FakeWorkflowRun } from '../fakes/github/github-state.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { maintainer, pullAsIssue, say } from './support/conversation.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const contributor: FakeUser = { login: 'carla', id: 601, type: 'User' };

/** A contributor's pull request from branch `feature` (one commit on top of main); answers its head. */
function openPull(harness: Harness): { pull: FakePull; head: string } {
  const { state } = harness.fake;
  const base = harness.repo.refs.get('heads/main') ?? '';
  const tree = state.putTree(harness.repo, [
    { path: 'README.md', mode: '100644', type: 'blob', sha: state.putBlob(harness.repo, '# changed\n') },
  ]);
  const head = state.putCommit(harness.repo, { message: 'Change', tree, parents: [base] });
  harness.repo.refs.set('heads/feature', head);
  const number = harness.repo.issues.size + harness.repo.pulls.size + 1;
  const pull: FakePull = {
    number,
    title: 'Change',
    body: 'A change.',
    head: 'feature',
    base: 'main',
    state: 'open',
    user: contributor,
  };
  harness.repo.pulls.set(number, pull);
  return { pull, head };
}

function run(
  id: number,
  name: string,
  headSha: string,
  status: FakeWorkflowRun['status'],
  conclusion: FakeWorkflowRun['conclusion'] = null,
): FakeWorkflowRun {
  return { id, name, headSha, status, conclusion, reruns: 0 };
}

const runUrl = (harness: Harness, id: number): string =>
  `https://github.com/${harness.repo.owner}/${harness.repo.name}/actions/runs/${id}`;

describe('re-running the Odoo Forge workflow', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('/retest re-runs every job of a Forge run that passed, leaves a running one alone, and says so', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const { pull, head } = openPull(harness);
    harness.repo.workflowRuns.push(
      run(81, 'Odoo Forge', head, 'completed', 'success'),
      run(82, 'Odoo Forge', head, 'in_progress'),
      run(83, 'CI', head, 'completed', 'success'),
    );

    await say(harness, pullAsIssue(pull), maintainer, '/retest', { pullBody: pull.body });

    const [passed, running, other] = harness.repo.workflowRuns;
    assert.deepEqual(
      [passed?.reruns, passed?.status, running?.reruns, running?.status, other?.reruns],
      [1, 'queued', 0, 'in_progress', 0],
    );
    const answer = harness.fake.state.commentsOn(harness.repo, pull.number).at(-1)?.body ?? '';
    assert.match(answer, /Re-running every job of \[Odoo Forge\]\(.*\/actions\/runs\/81\) \(it had passed\)/);
    assert.match(answer, /Still running, left alone: \[Odoo Forge\]\(.*\/actions\/runs\/82\)/);
  });

  it('/retest on a pull request without a Forge run says how to add the workflow', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const { pull, head } = openPull(harness);
    harness.repo.workflowRuns.push(run(91, 'CI', head, 'completed', 'failure'));

    await say(harness, pullAsIssue(pull), maintainer, '/retest', { pullBody: pull.body });

    assert.equal(harness.repo.workflowRuns[0]?.reruns, 0);
    assert.match(
      harness.fake.state.commentsOn(harness.repo, pull.number).at(-1)?.body ?? '',
      new RegExp(`no Odoo Forge workflow run on ${head.slice(0, 7)}[\\s\\S]*npx odoo-forge init`),
    );
  });

  it("GitHub's Re-run on a Forge check run re-runs the run its details link names, and only Forge's checks", async () => {
    harness = await startHarness({ routes, payloads });
    const { head } = openPull(harness);
    harness.repo.workflowRuns.push(
      run(101, 'Odoo Forge', head, 'completed', 'failure'),
      run(102, 'Odoo Forge', head, 'completed', 'failure'),
    );
    const rerequest = (name: string, id: number): Promise<number> =>
      harness.deliver(
        'check_run',
        payloads.checkRun(
          harness.repo,
          'rerequested',
          { name, headSha: head, detailsUrl: `${runUrl(harness, id)}/job/555` },
          maintainer,
        ),
      );

    assert.equal(await rerequest('Odoo Forge / tests (18.0)', 102), 200);
    await harness.settle();
    assert.equal(await rerequest('someone else / lint', 101), 200);
    await harness.settle();

    assert.deepEqual(
      harness.repo.workflowRuns.map((r) => [r.id, r.reruns, r.status]),
      [
        [101, 0, 'completed'],
        [102, 1, 'queued'],
      ],
    );
  });

  it('the retest button of a Forge check run re-runs the Forge runs of its head commit; another button does nothing', async () => {
    harness = await startHarness({ routes, payloads });
    const { head } = openPull(harness);
    harness.repo.workflowRuns.push(
      run(111, 'Odoo Forge', head, 'completed', 'timed_out'),
      run(112, 'Odoo Forge', 'an-older-commit', 'completed', 'failure'),
    );
    const press = (identifier: string): Promise<number> =>
      harness.deliver(
        'check_run',
        payloads.checkRun(
          harness.repo,
          'requested_action',
          // Not an Actions link: every Forge run of the head commit is re-run.
          { name: 'Odoo Forge / lint', headSha: head, detailsUrl: 'https://example.com/report', identifier },
          maintainer,
        ),
      );

    await press('open-report');
    await harness.settle();
    assert.deepEqual(
      harness.repo.workflowRuns.map((r) => r.reruns),
      [0, 0],
    );
    await press('retest');
    await harness.settle();
    assert.deepEqual(
      harness.repo.workflowRuns.map((r) => [r.id, r.reruns]),
      [
        [111, 1],
        [112, 0],
      ],
    );
  });
});
