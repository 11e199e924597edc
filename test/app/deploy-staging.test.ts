import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { ProbotOctokit } from 'probot';
import { deploymentPayloadSchema } from '../../core/config/deployment-payload.js';
import type { FakePull } from '../fakes/github/github-state.js';
import { mergesOf } from '../fakes/github/merge-routes.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { botComments, maintainer, pullAsIssue, reader, say } from './support/conversation.js';
import {
  commentCreatedAgain,
  commitOn,
  contributor,
  deployments,
  openPull,
  postStatus,
  repoFiles,
} from './support/deploy-fixture.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

const pullChanges = {
  'addons/library/models.py': 'class Book:\n    isbn = None\n',
  'addons/loans/__manifest__.py': "{'name': 'Loans', 'version': '18.0.1.0.0'}\n",
  'addons/loans/models.py': 'class Loan: pass\n',
  'README.md': '# addons, with loans\n',
};

describe('/deploy staging on a pull request', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('merges the head into the staging branch, creates one deployment with the changed addons, links it, and a redone delivery changes nothing', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', pullChanges);
    const head = harness.repo.refs.get('heads/feature') ?? '';

    const { comment } = await say(harness, pullAsIssue(pull), maintainer, '/deploy staging', {
      pullBody: pull.body,
    });

    const staging = harness.repo.refs.get('heads/staging') ?? '';
    assert.deepEqual(harness.repo.commits.get(staging)?.parents, [harness.repo.refs.get('heads/main'), head]);
    assert.equal(
      harness.fake.state.filesAt(harness.repo, 'staging').get('addons/loans/models.py'),
      'class Loan: pass\n',
    );
    const [deployment, ...others] = deployments(harness);
    assert.equal(others.length, 0);
    assert.deepEqual(
      [deployment?.ref, deployment?.sha, deployment?.environment, deployment?.task, deployment?.autoMerge],
      ['staging', staging, 'staging', 'deploy', false],
    );
    assert.deepEqual(deployment?.requiredContexts, []);
    assert.deepEqual(deploymentPayloadSchema.parse(deployment?.payload), {
      forge: 1,
      task: 'deploy',
      environment: 'staging',
      addons: ['library', 'loans'],
      pull_request: pull.number,
      thread: pull.number,
      requester: 'maria',
      command_comment_id: comment.id,
      allow_self_approval: true,
    });
    const answers = botComments(harness, pullAsIssue(pull));
    assert.equal(answers.length, 1);
    assert.match(
      answers[0]?.body ?? '',
      new RegExp(
        `\\[Deployment ${deployment?.id}\\]\\(https://github.com/acme/odoo-addons/deployments/staging\\) to \\*\\*staging\\*\\*`,
      ),
    );
    assert.match(answers[0]?.body ?? '', /`library`, `loans`/);

    // The same command's work again (a crash before the delivery was recorded as finished).
    await harness.deliver('issue_comment', commentCreatedAgain(harness, pull, comment), { id: randomUUID() });
    await harness.settle();

    assert.equal(deployments(harness).length, 1);
    assert.equal(mergesOf(harness.repo).length, 1);
    assert.equal(harness.repo.refs.get('heads/staging'), staging);
    assert.equal(botComments(harness, pullAsIssue(pull)).length, 1);
  });

  it('merges the head sha of a pull request from a fork (refs/pull/N/head), and /deploy production then takes it', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const main = harness.repo.refs.get('heads/main') ?? '';
    // The fork's branch is not in this repository: only GitHub's pull ref points at its commit.
    const forkHead = commitOn(harness, main, pullChanges);
    const number = harness.repo.issues.size + harness.repo.pulls.size + 1;
    const pull: FakePull = {
      number,
      title: 'Loans from a fork',
      body: 'A change from a fork.',
      head: 'feature',
      base: 'main',
      state: 'open',
      user: contributor,
      fork: { owner: 'carla', name: 'odoo-addons', id: 9901 },
    };
    harness.repo.pulls.set(number, pull);
    harness.repo.refs.set(`pull/${number}/head`, forkHead);
    assert.equal(harness.repo.refs.has('heads/feature'), false);

    const { comment } = await say(harness, pullAsIssue(pull), maintainer, '/deploy staging', {
      pullBody: pull.body,
    });

    const staging = harness.repo.refs.get('heads/staging') ?? '';
    assert.deepEqual(harness.repo.commits.get(staging)?.parents, [main, forkHead]);
    assert.deepEqual(
      mergesOf(harness.repo).map((m) => m.head),
      [forkHead],
    );
    assert.equal(
      harness.fake.state.filesAt(harness.repo, 'staging').get('addons/loans/models.py'),
      'class Loan: pass\n',
    );
    const [deployment, ...others] = deployments(harness);
    assert.ok(deployment);
    assert.equal(others.length, 0);
    assert.deepEqual([deployment.ref, deployment.sha], ['staging', staging]);
    const payload = deploymentPayloadSchema.parse(deployment.payload);
    assert.deepEqual(
      [payload.addons, payload.pull_request, payload.command_comment_id],
      [['library', 'loans'], number, comment.id],
    );
    assert.match(
      botComments(harness, pullAsIssue(pull)).at(-1)?.body ?? '',
      new RegExp(`to \\*\\*staging\\*\\* created: merged ${forkHead.slice(0, 7)} into \`staging\``),
    );

    await postStatus(harness, deployment, 'success');
    await say(harness, pullAsIssue(pull), maintainer, '/deploy production', { pullBody: pull.body });
    assert.equal(harness.repo.refs.get('heads/main'), staging);
    assert.deepEqual(
      deployments(harness).map((d) => [d.environment, d.sha]),
      [
        ['staging', staging],
        ['production', staging],
      ],
    );
  });

  it('answers a merge conflict with the files in conflict and creates nothing', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const main = harness.repo.refs.get('heads/main') ?? '';
    const stagingHead = commitOn(harness, main, {
      'addons/library/models.py': 'class Book:\n    shelf = None\n',
      'README.md': '# addons on staging\n',
    });
    harness.repo.refs.set('heads/staging', stagingHead);
    const pull = openPull(harness, 'feature', pullChanges);

    await say(harness, pullAsIssue(pull), maintainer, '/deploy staging', { pullBody: pull.body });

    assert.equal(harness.repo.refs.get('heads/staging'), stagingHead);
    assert.equal(deployments(harness).length, 0);
    const answer = botComments(harness, pullAsIssue(pull)).at(-1)?.body ?? '';
    assert.match(answer, /does not merge into `staging`/);
    assert.match(answer, /- `README.md`\n- `addons\/library\/models.py`\n\nMerge `staging` into/);
    assert.doesNotMatch(answer, /loans/);
  });

  it('refuses a reader, an unknown environment and a config without environments, and lets an approver without write access deploy', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', pullChanges);
    const thread = pullAsIssue(pull);
    const outsider = { login: 'olga', id: 777, type: 'User' as const };

    await say(harness, thread, outsider, '/deploy staging', { pullBody: pull.body });
    await say(harness, thread, maintainer, '/deploy qa', { pullBody: pull.body });
    await say(harness, thread, maintainer, '/deploy', { pullBody: pull.body });

    assert.equal(deployments(harness).length, 0);
    assert.equal(harness.repo.refs.has('heads/staging'), false);
    const [notAllowed, unknown, usage] = botComments(harness, thread).map((c) => c.body);
    assert.match(
      notAllowed ?? '',
      /Sorry @olga, `\/deploy staging` may only be used by people with write access to this repository and the approvers of `environments.staging` \(@rob\)\. Nothing was merged or deployed\./,
    );
    assert.match(
      unknown ?? '',
      /no environment `qa` in `.github\/odoo-forge.yml`\. It has `staging`, `production`\./,
    );
    assert.match(
      usage ?? '',
      /`\/deploy <environment>` takes one environment name, such as `\/deploy staging`/,
    );

    // rob only reads the repository, but he is one of staging's approvers.
    await say(harness, thread, reader, '/deploy staging', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 1);
    assert.equal(deploymentPayloadSchema.parse(deployments(harness)[0]?.payload).requester, 'rob');
  });

  it('says that nothing can be deployed when the config has no environments', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles('addons_path: addons\n') });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', pullChanges);

    await say(harness, pullAsIssue(pull), maintainer, '/deploy staging', { pullBody: pull.body });

    assert.equal(deployments(harness).length, 0);
    assert.equal(mergesOf(harness.repo).length, 0);
    assert.match(
      botComments(harness, pullAsIssue(pull)).at(-1)?.body ?? '',
      /`\/deploy staging` did nothing: `.github\/odoo-forge.yml` has no `environments:` section/,
    );
  });

  it('deploys a pull request only when its Forge checks passed: a failing one and a running one are named, nothing is merged', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', pullChanges);
    const thread = pullAsIssue(pull);
    const head = harness.repo.refs.get('heads/feature') ?? '';
    const checks = new ProbotOctokit({
      retry: { enabled: false },
      throttle: { enabled: false },
      auth: { token: `ghs_installation_${harness.repo.installationId}` },
      request: { fetch: harness.fake.fetch },
    }).rest.checks;
    const run = (
      name: string,
      fields: { status: 'in_progress' | 'completed'; conclusion?: 'success' | 'failure' },
    ) => checks.create({ owner: 'acme', repo: 'odoo-addons', head_sha: head, name, ...fields });
    await run('Odoo Forge / lint', { status: 'completed', conclusion: 'success' });
    const tests = await run('Odoo Forge / tests (18.0)', { status: 'completed', conclusion: 'failure' });
    // Another app's check is not Forge's gate.
    await run('codecov/patch', { status: 'completed', conclusion: 'failure' });

    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 0);
    assert.equal(mergesOf(harness.repo).length, 0);
    const failed = botComments(harness, thread).at(-1)?.body ?? '';
    assert.match(failed, /`\/deploy staging` did nothing: the Forge checks of #\d+ \(\w{7}\) failed/);
    assert.match(failed, /Odoo Forge \/ tests \(18\.0\)\]\([^)]+\): failure/);
    assert.doesNotMatch(failed, /lint|codecov/);

    // Re-run: the newest tests run is in progress.
    await run('Odoo Forge / tests (18.0)', { status: 'in_progress' });
    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 0);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      /are still running:\n\n- \[Odoo Forge \/ tests \(18\.0\)\]\([^)]+\): in_progress/,
    );

    // It passes: the next /deploy merges and creates the deployment.
    await checks.update({
      owner: 'acme',
      repo: 'odoo-addons',
      check_run_id: harness.repo.checkRuns.at(-1)?.id ?? 0,
      status: 'completed',
      conclusion: 'success',
    });
    assert.ok(tests.data.id > 0);
    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 1);
    assert.equal(mergesOf(harness.repo).length, 1);
  });
});
