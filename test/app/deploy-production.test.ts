import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { deploymentPayloadSchema } from '../../core/config/deployment-payload.js';
import { mergesOf } from '../fakes/github/merge-routes.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { botComments, maintainer, pullAsIssue, say } from './support/conversation.js';
import {
  commentCreatedAgain,
  commitOn,
  deployments,
  environmentsConfig,
  openPull,
  postStatus,
  repoFiles,
} from './support/deploy-fixture.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

describe('/deploy production, /rollback and /copy', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('/deploy production takes only the staging head that staging runs, and says who may not approve it', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', {
      'addons/loans/__manifest__.py': "{'name': 'Loans', 'version': '18.0.1.0.0'}\n",
    });
    const other = openPull(harness, 'other', { 'addons/library/models.py': 'class Book: isbn = 1\n' });
    const thread = pullAsIssue(pull);

    await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 0);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      /`\/deploy production` did nothing: the staging branch `staging` does not exist/,
    );

    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    const [staging] = deployments(harness);
    assert.ok(staging);
    await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });
    assert.equal(deployments(harness).length, 1, 'not before staging succeeded');
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      new RegExp(
        `the head of \`staging\` \\(${staging.sha.slice(0, 7)}\\) has no successful staging deployment \\(its last one: pending\\)`,
      ),
    );

    await postStatus(harness, staging, 'success', { environmentUrl: 'https://staging.example.com' });
    await say(harness, pullAsIssue(other), maintainer, '/deploy production', { pullBody: other.body });
    assert.equal(deployments(harness).length, 1, 'a pull request that is not on staging');
    assert.match(
      botComments(harness, pullAsIssue(other)).at(-1)?.body ?? '',
      /this pull request's head \([0-9a-f]{7}\) is not on staging/,
    );

    const mainBefore = harness.repo.refs.get('heads/main') ?? '';
    const { comment } = await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });
    // main descends from nothing staging lacks: it is fast-forwarded to the staging head.
    assert.equal(harness.repo.refs.get('heads/main'), staging.sha);
    assert.equal(mergesOf(harness.repo).length, 1, 'only the staging merge: no merge commit on main');
    const production = deployments(harness)[1];
    assert.deepEqual(
      [production?.environment, production?.ref, production?.sha, production?.productionEnvironment],
      ['production', 'main', staging.sha, true],
    );
    assert.deepEqual(deploymentPayloadSchema.parse(production?.payload), {
      forge: 1,
      task: 'deploy',
      environment: 'production',
      addons: ['loans'],
      pull_request: pull.number,
      thread: pull.number,
      requester: 'maria',
      command_comment_id: comment.id,
      promoted_from: { environment: 'staging', sha: staging.sha },
      allow_self_approval: false,
    });
    const answer = botComments(harness, thread).at(-1)?.body ?? '';
    assert.match(
      answer,
      new RegExp(
        `of \`main\` \\(${staging.sha.slice(0, 7)}\\) to \\*\\*production\\*\\* created: ${staging.sha.slice(0, 7)}, the head of \`staging\` that staging runs, \`main\` fast-forwarded from ${mainBefore.slice(0, 7)} to it`,
      ),
    );

    // The same command delivered again: main stays, no second deployment, no second answer.
    const answers = botComments(harness, thread).length;
    await harness.deliver('issue_comment', commentCreatedAgain(harness, pull, comment), { id: randomUUID() });
    await harness.settle();
    assert.equal(harness.repo.refs.get('heads/main'), staging.sha);
    assert.equal(deployments(harness).length, 2);
    assert.equal(botComments(harness, thread).length, answers);
    assert.match(
      answer,
      /`environments.production.allow_self_approval` is false: @maria, you asked for this deployment, so someone else must approve it/,
    );
  });

  it('/deploy production merges the staging head into a main that moved on, or answers a conflict and creates nothing', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', {
      'addons/library/models.py': 'class Book:\n    isbn = None\n',
      'addons/loans/__manifest__.py': "{'name': 'Loans', 'version': '18.0.1.0.0'}\n",
    });
    const thread = pullAsIssue(pull);
    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    const [staging] = deployments(harness);
    assert.ok(staging);
    await postStatus(harness, staging, 'success');

    // A hotfix on main that touches the file the pull request changed: no merge is possible.
    const main0 = harness.repo.refs.get('heads/main') ?? '';
    const conflicting = commitOn(harness, main0, {
      'addons/library/models.py': 'class Book:\n    shelf = 1\n',
    });
    harness.repo.refs.set('heads/main', conflicting);
    await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });
    assert.equal(harness.repo.refs.get('heads/main'), conflicting);
    assert.equal(deployments(harness).length, 1);
    const refusal = botComments(harness, thread).at(-1)?.body ?? '';
    assert.match(
      refusal,
      new RegExp(
        `\`/deploy production\` did nothing: the head of \`staging\` \\(${staging.sha.slice(0, 7)}\\) does not merge into \`main\`, the branch production runs\\. These files changed on both sides:\n\n- \`addons/library/models\\.py\`\n\nMerge \`main\` into \`staging\``,
      ),
    );

    // A hotfix that touches another file: main gets a merge commit of itself and the staging head.
    const hotfix = commitOn(harness, main0, { 'docs/hotfix.md': 'fixed\n' });
    harness.repo.refs.set('heads/main', hotfix);
    await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });
    const main = harness.repo.refs.get('heads/main') ?? '';
    assert.deepEqual(harness.repo.commits.get(main)?.parents, [hotfix, staging.sha]);
    const files = harness.fake.state.filesAt(harness.repo, 'main');
    assert.equal(files.get('docs/hotfix.md'), 'fixed\n');
    assert.equal(files.get('addons/library/models.py'), 'class Book:\n    isbn = None\n');
    const [, production, ...others] = deployments(harness);
    assert.equal(others.length, 0);
    assert.deepEqual(
      [production?.environment, production?.ref, production?.sha],
      ['production', 'main', main],
    );
    const payload = deploymentPayloadSchema.parse(production?.payload);
    assert.deepEqual(payload.addons, ['library', 'loans']);
    assert.deepEqual(payload.promoted_from, { environment: 'staging', sha: staging.sha });
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      new RegExp(`that staging runs, merged into \`main\` \\(${main.slice(0, 7)}\\)\\.`),
    );
  });

  it('/deploy production creates a production branch that does not exist yet at the staging head', async () => {
    const releaseBranch = environmentsConfig.replace('branch: main', 'branch: release');
    harness = await startHarness({ routes, payloads, files: repoFiles(releaseBranch) });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', { 'addons/library/models.py': 'class Book: isbn = 1\n' });
    const thread = pullAsIssue(pull);
    await say(harness, thread, maintainer, '/deploy staging', { pullBody: pull.body });
    const [staging] = deployments(harness);
    assert.ok(staging);
    await postStatus(harness, staging, 'success');
    assert.equal(harness.repo.refs.has('heads/release'), false);

    await say(harness, thread, maintainer, '/deploy production', { pullBody: pull.body });

    assert.equal(harness.repo.refs.get('heads/release'), staging.sha);
    const production = deployments(harness)[1];
    assert.deepEqual([production?.ref, production?.sha], ['release', staging.sha]);
    assert.deepEqual(deploymentPayloadSchema.parse(production?.payload).addons, []);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      /that staging runs, `release` created at it\./,
    );
  });

  it('/deploy production is refused when the config has no staging environment to promote from', async () => {
    const productionOnly = environmentsConfig.replace(/ {2}staging:[\s\S]*?(?= {2}production:)/, '');
    harness = await startHarness({ routes, payloads, files: repoFiles(productionOnly) });
    harness.repo.collaborators.set('maria', 'write');
    const pull = openPull(harness, 'feature', { 'addons/library/models.py': 'class Book: isbn = 1\n' });
    const main = harness.repo.refs.get('heads/main');

    await say(harness, pullAsIssue(pull), maintainer, '/deploy production', { pullBody: pull.body });

    assert.equal(harness.repo.refs.get('heads/main'), main);
    assert.equal(deployments(harness).length, 0);
    assert.match(
      botComments(harness, pullAsIssue(pull)).at(-1)?.body ?? '',
      /production only takes what runs on staging, and `.github\/odoo-forge.yml` has no `environments.staging`/,
    );
  });

  it('/rollback staging and /copy production staging create deployments with their tasks; copying onto production is refused', async () => {
    harness = await startHarness({ routes, payloads, files: repoFiles() });
    harness.repo.collaborators.set('maria', 'write');
    const issue = harness.fake.state.addIssue(harness.repo, {
      title: 'Ops',
      body: 'Operations.',
      user: maintainer,
    });
    harness.repo.refs.set('heads/staging', harness.repo.refs.get('heads/main') ?? '');

    const rollback = await say(harness, issue, maintainer, '/rollback staging');
    const copy = await say(harness, issue, maintainer, '/copy production staging');
    await say(harness, issue, maintainer, '/copy staging production');
    await say(harness, issue, maintainer, '/rollback nowhere');
    await say(harness, issue, maintainer, '/deploy staging');

    const [rolledBack, copied, ...others] = deployments(harness);
    assert.equal(others.length, 0);
    assert.deepEqual(
      [rolledBack?.task, rolledBack?.environment, rolledBack?.ref],
      ['deploy:rollback', 'staging', 'staging'],
    );
    assert.deepEqual(deploymentPayloadSchema.parse(rolledBack?.payload), {
      forge: 1,
      task: 'rollback',
      environment: 'staging',
      addons: [],
      thread: issue.number,
      requester: 'maria',
      command_comment_id: rollback.comment.id,
      allow_self_approval: true,
    });
    assert.deepEqual([copied?.task, copied?.environment], ['deploy:copy', 'staging']);
    const copyPayload = deploymentPayloadSchema.parse(copied?.payload);
    assert.deepEqual(
      [copyPayload.task, copyPayload.copy_from, copyPayload.command_comment_id],
      ['copy', 'production', copy.comment.id],
    );
    const answers = botComments(harness, issue).map((c) => c.body);
    assert.match(
      answers[0] ?? '',
      new RegExp(
        `\\[Deployment ${rolledBack?.id}\\]\\(.*/deployments/staging\\) \\(\`deploy:rollback\`\\) of \\*\\*staging\\*\\*`,
      ),
    );
    assert.match(answers[1] ?? '', /replaced by production's latest backup, then neutralized/);
    assert.match(
      answers[2] ?? '',
      /`\/copy staging production` did nothing: production is never overwritten by a copy/,
    );
    assert.match(answers[3] ?? '', /no environment `nowhere`/);
    assert.match(answers[4] ?? '', /`\/deploy staging` works on pull requests/);
    assert.equal(harness.repo.refs.get('heads/staging'), harness.repo.refs.get('heads/main'));
  });
});
