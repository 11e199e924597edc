import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { mergesOf } from '../fakes/github/merge-routes.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub, type ServedFakeGitHub } from '../fakes/github/serve-fake-github.js';
import {
  PROCESS_WEBHOOK_SECRET,
  startAppProcess,
  testPrivateKeyPem,
  type AppProcess,
} from './support/app-process.js';
import { maintainer, pullAsIssue } from './support/conversation.js';
import { deployments, openPull, repoFiles } from './support/deploy-fixture.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

/** `/deploy` survives a crash of the app process (`npm start`, the built dist/) in the middle of its work. */
describe('/deploy in the app as a process', { timeout: 300_000 }, () => {
  let served: ServedFakeGitHub | undefined;
  let stateDir: string | undefined;
  const started: AppProcess[] = [];
  afterEach(async () => {
    for (const app of started.splice(0)) await app.kill();
    await served?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('SIGKILL after the deployment was created, then a restart: redelivered, still one merge, one deployment, one answer', async () => {
    const fake = new FakeGitHub(routes);
    const repo = fake.state.addRepo('acme', 'odoo-addons', { installationId: 42, files: repoFiles() });
    repo.collaborators.set('maria', 'write');
    served = await serveFakeGitHub(fake);
    stateDir = await mkdtemp(join(tmpdir(), 'forge-deploy-process-'));
    const privateKey = testPrivateKeyPem();
    const start = async (): Promise<AppProcess> => {
      const app = await startAppProcess(
        {
          APP_ID: '1234',
          PRIVATE_KEY: privateKey,
          WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
          GHE_HOST: served?.host ?? '',
          GHE_PROTOCOL: 'http',
          FORGE_STATE_DIR: stateDir ?? '',
          FORGE_THROTTLE: 'false',
        },
        (send) => (fake.state.hookDeliveries.sender = send),
      );
      started.push(app);
      return app;
    };
    const pull = openPull({ fake, repo }, 'feature', {
      'addons/library/models.py': 'class Book:\n    isbn = None\n',
    });
    const command = fake.state.addComment(repo, pull.number, '/deploy staging', maintainer);
    let app = await start();

    // Held after the merge and the deployment, when the app answers on the pull request.
    const hold = fake.hold('issues/create-comment');
    const guid = randomUUID();
    const sent = await fake.state.hookDeliveries.send(
      guid,
      'issue_comment',
      payloads.commentCreated(repo, pullAsIssue(pull), command, pull.body),
    );
    assert.equal(sent.statusCode, 200);
    await hold.reached;
    await app.kill();
    hold.release();
    assert.equal(deployments({ fake, repo }).length, 1, 'the deployment was created before the kill');

    app = await start();
    await app.waitFor(
      (l) => l.delivery === guid && l.msg === 'delivery finished',
      `delivery ${guid} finished`,
    );

    assert.equal(
      fake.state.hookDeliveries.deliveries.filter((d) => d.guid === guid).length,
      2,
      'redelivered once',
    );
    assert.equal(mergesOf(repo).length, 1, 'one merge');
    assert.equal(deployments({ fake, repo }).length, 1, 'one deployment');
    const answers = fake.state.commentsOn(repo, pull.number).filter((c) => c.user.type === 'Bot');
    assert.equal(answers.length, 1, 'one answer');
    assert.match(answers[0]?.body ?? '', /to \*\*staging\*\* created: merged [0-9a-f]{7} into `staging`/);
    fake.assertClean();
  });
});
