import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { ProbotOctokit } from 'probot';
import { parseDeploymentPayload } from '../../core/config/deployment-payload.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { deploymentsOf } from '../fakes/github/deployment-routes.js';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { botComments, maintainer, pullAsIssue, say } from './support/conversation.js';
import { deployments, openPull, postStatus, repoFiles } from './support/deploy-fixture.js';
import { deploymentStatusPayload } from './support/deployment-status-payload.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

describe('deployment statuses of Forge deployments', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('answers a failure with its reason and log, a success with the URL, once each, and leaves other deployments alone', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', { 'addons/library/models.py': 'class Book: isbn = 1\n' });
    const thread = pullAsIssue(pull);
    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    const [deployment] = deployments(harness);
    assert.ok(deployment);
    const before = botComments(harness, thread).length;
    const log = 'https://github.com/acme/odoo-addons/actions/runs/77';

    await postStatus(harness, deployment, 'in_progress', { logUrl: log });
    const failed = await postStatus(harness, deployment, 'failure', {
      description: 'library: field "isbn" is not defined in view library.book.form; restored backup b-12',
      logUrl: log,
    });
    const succeeded = await postStatus(harness, deployment, 'success', {
      description: 'library 18.0.1.1.0 installed, /web/health pass',
      environmentUrl: 'https://staging.example.com',
      logUrl: log,
    });
    for (const status of deployment.statuses)
      assert.equal(
        await harness.deliver('deployment_status', deploymentStatusPayload(harness.repo, deployment, status)),
        200,
      );
    await harness.settle();
    // The failure again under a new delivery id: work redone after a crash answers nothing new.
    await harness.deliver('deployment_status', deploymentStatusPayload(harness.repo, deployment, failed), {
      id: randomUUID(),
    });
    // A deployment someone else made, with a payload that is not Forge's.
    const foreign = { ...deployment, id: 4242, payload: { deploy_key: 'x' }, statuses: [] };
    await harness.deliver('deployment_status', deploymentStatusPayload(harness.repo, foreign, failed), {
      id: randomUUID(),
    });
    await harness.settle();

    const answers = botComments(harness, thread)
      .slice(before)
      .map((c) => c.body);
    assert.equal(answers.length, 2);
    assert.match(
      answers[0] ?? '',
      new RegExp(
        `^<!-- odoo-forge:deployment-status id=${failed.id} -->\\n❌ The deploy of ${deployment.sha.slice(0, 7)} \\(#${pull.number}\\) to \\*\\*staging\\*\\* failed: library: field "isbn" is not defined in view library.book.form; restored backup b-12\\.\\n\\n\\[The deploy log\\]\\(${log}\\)`,
      ),
    );
    assert.match(answers[0] ?? '', /@maria: the environment was restored from the backup taken before it/);
    assert.match(
      answers[1] ?? '',
      new RegExp(
        `id=${succeeded.id} -->\\n✅ The deploy of .* to \\*\\*staging\\*\\* succeeded: https://staging.example.com\\n\\n> library 18.0.1.1.0 installed`,
      ),
    );
  });
});

describe('the GitHub fake checks deployment requests against the OpenAPI description', () => {
  const client = (fake: FakeGitHub): ProbotOctokit =>
    new ProbotOctokit({
      retry: { enabled: false },
      throttle: { enabled: false },
      auth: { token: 'ghs_installation_7' },
      request: { fetch: fake.fetch },
    });

  it('records a deployment without ref, a bad status state and an over-long description as violations', async () => {
    const fake = new FakeGitHub(routes);
    const repo = fake.state.addRepo('acme', 'r', { installationId: 7 });
    const octokit = client(fake);
    const created = await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'r',
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    assert.equal(created.status, 201);

    // Requests the typed client would refuse to compile: the fake must refuse them at run time.
    const untyped = (route: string, params: Record<string, unknown>): Promise<unknown> =>
      octokit.request(route, params);
    await assert.rejects(
      untyped('POST /repos/{owner}/{repo}/deployments', {
        owner: 'acme',
        repo: 'r',
        environment: 'staging',
      }),
    );
    await assert.rejects(
      untyped('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: 'acme',
        repo: 'r',
        deployment_id: 'id' in created.data ? created.data.id : 0,
        state: 'done',
      }),
    );
    await assert.rejects(
      octokit.rest.repos.createDeploymentStatus({
        owner: 'acme',
        repo: 'r',
        deployment_id: 'id' in created.data ? created.data.id : 0,
        state: 'failure',
        description: 'x'.repeat(141),
      }),
    );
    await assert.rejects(
      octokit.rest.repos.createDeployment({ owner: 'acme', repo: 'r', ref: 'no-such-branch' }),
      /No ref found for: no-such-branch/,
    );

    assert.equal(fake.violations.length, 3);
    assert.match(fake.violations[0] ?? '', /repos\/create-deployment.*must have required property 'ref'/);
    assert.match(
      fake.violations[1] ?? '',
      /repos\/create-deployment-status.*state must be equal to one of the allowed values/,
    );
    assert.match(fake.violations[2] ?? '', /description over 140 characters/);
    assert.equal(deploymentsOf(repo)[0]?.statuses.length, 0);
  });
});

describe('the deployment payload shared with actions/deploy', () => {
  const payload = {
    forge: 1,
    task: 'rollback',
    environment: 'staging',
    addons: [],
    thread: 3,
    requester: 'maria',
    command_comment_id: 1001,
    allow_self_approval: true,
  };

  it('reads an object or its JSON text, ignores payloads that are not Forge’s, and names what does not fit', () => {
    assert.deepEqual(parseDeploymentPayload(payload, 'deploy:rollback'), payload);
    assert.deepEqual(parseDeploymentPayload(JSON.stringify(payload), 'deploy:rollback'), payload);
    assert.equal(parseDeploymentPayload({ deploy_key: 'x' }, 'deploy'), undefined);
    assert.equal(parseDeploymentPayload('', 'deploy'), undefined);
    assert.throws(
      () => parseDeploymentPayload(payload, 'deploy'),
      (e: unknown) =>
        e instanceof ForgeError &&
        e.code === 'input.deployment-task' &&
        /says task "rollback" but the deployment's task is "deploy"/.test(e.message),
    );
    assert.throws(
      () =>
        parseDeploymentPayload({ ...payload, thread: 0, colour: 'red' }, 'deploy:rollback', 'deployment 7'),
      (e: unknown) =>
        e instanceof ForgeError &&
        e.code === 'input.deployment-payload' &&
        /^deployment 7 is not a valid Forge payload: .*thread: .*colour/.test(e.message),
    );
  });
});
