// actions/deploy as the runner runs it (its bundle, Node 20 and Node 24), on a real `deployment`
// event (@octokit/webhooks-examples, adapted) for a deployment made in the GitHub fake, against
// real Podman, a real Odoo 18 environment and a real S3 API (Swift's s3api): a good release is
// deployed (statuses in_progress → success with the environment's URL), a broken one fails its
// update and is restored (in_progress → failure with the reason; Odoo serves the records as before),
// and a job cancelled mid-backup is rolled back by the post step (→ failure, journal gone).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultPostgresImage, defaultRuntimeImage } from '../../runner/stack/stack-settings.js';
import { deploymentsOf, type FakeDeployment } from '../fakes/github/deployment-routes.js';
import { writeLibraryVersion } from '../runner/deploy/library-addon.js';
import { adminRpc } from '../runner/deploy/odoo-rpc.js';
import { engineOrSkip } from '../runner/helpers/engine.js';
import { cli } from '../support/in-process-cli.js';
import { odooTreeOrSkip } from '../support/odoo-trees.js';
import { swiftS3OrSkip } from '../support/swift-s3-server.js';
import { startActionGitHub } from './support/action-github.js';
import { nodeRuntimes, runAction, type NodeRuntime } from './support/run-action.js';

const require = createRequire(import.meta.url);
type Payload = Record<string, unknown>;
const node20 = nodeRuntimes[0] as NodeRuntime;
const node24 = nodeRuntimes[1] as NodeRuntime;
const STAGING_URL = 'https://staging.example.test';
/** An environment name of this test only: environments are host-wide (forge-env-<name>-*). */
const ENV = 'deploy-action';

/** The real `deployment.created` example with the repository and the deployment of the fake. */
function deploymentEvent(owner: string, repo: string, deployment: Payload): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Payload[];
  }[];
  const example = groups.find((g) => g.name === 'deployment')?.examples[0];
  if (!example) throw new Error('no example deployment payload in @octokit/webhooks-examples');
  const payload = structuredClone(example);
  const fullName = `${owner}/${repo}`;
  payload.repository = {
    ...(payload.repository as Payload),
    name: repo,
    full_name: fullName,
    owner: { ...((payload.repository as Payload).owner as Payload), login: owner },
    html_url: `https://github.com/${fullName}`,
  };
  payload.deployment = { ...(payload.deployment as Payload), ...deployment };
  return payload;
}

test(
  'actions/deploy on Odoo 18: a good release is deployed (in_progress → success with the URL), a broken one is restored (→ failure with the reason), a cancelled one is rolled back by post',
  { timeout: 12 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'actions/deploy (real Odoo)');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const swift = await swiftS3OrSkip(t, 'actions/deploy');
    if (!swift) return;
    const github = await startActionGitHub('acme', 'odoo-deploys');
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-action-'));
    const home = join(work, 'environments');
    const workspace = join(work, 'workspace');
    const s3 = swift.settings;
    mkdirSync(join(workspace, '.github'), { recursive: true });
    const config = join(workspace, '.github', 'odoo-forge.yml');
    writeFileSync(
      config,
      [
        'environments:',
        `  ${ENV}:`,
        '    branch: staging',
        '    runner_labels: [self-hosted, odoo-staging]',
        '    odoo: "18.0"',
        `    odoo_src: ${tree.root}`,
        `    url: ${STAGING_URL}`,
        '    backup:',
        `      bucket: ${s3.bucket}`,
        `      endpoint: ${s3.endpoint}`,
        '',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const flags = ['--config', config, '--home', home];
    t.after(async () => {
      await cli(['env', 'down', ENV, '--purge', ...flags], env);
      await swift.stop();
      await github.close();
      rmSync(work, { recursive: true, force: true });
    });
    const passed = Object.fromEntries(
      [
        'DOCKER_HOST',
        'CONTAINERS_CONF',
        'CONTAINERS_STORAGE_CONF',
        'PYTHONDONTWRITEBYTECODE',
        'FORGE_POSTGRES_IMAGE',
      ]
        .filter((name) => process.env[name])
        .map((name) => [name, process.env[name] as string]),
    );

    const started = Date.now();
    const up = await cli(['env', 'up', ENV, ...flags], env);
    assert.equal(up.code, 0, up.err);
    t.diagnostic(`env up: ${((Date.now() - started) / 1000).toFixed(1)} s`);

    /** Writes library `version` into the workspace, makes a deployment of it and runs the action. */
    const deploy = async (version: 1 | 3, node: NodeRuntime, cancelMain?: Promise<unknown>) => {
      rmSync(join(workspace, 'addons'), { recursive: true, force: true });
      writeLibraryVersion(join(workspace, 'addons'), version);
      const answer = await fetch(`${github.served.baseUrl}/repos/${github.repository}/deployments`, {
        method: 'POST',
        headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          ref: 'main',
          task: 'deploy',
          environment: ENV,
          auto_merge: false,
          required_contexts: [],
          payload: {
            forge: 1,
            task: 'deploy',
            environment: ENV,
            addons: ['library'],
            pull_request: 7,
            thread: 7,
            requester: 'octocat',
            command_comment_id: 9000 + version,
            allow_self_approval: true,
          },
        }),
      });
      assert.equal(answer.status, 201, await answer.clone().text());
      const created = (await answer.json()) as Payload & { id: number; sha: string };
      const stepStarted = Date.now();
      const run = await runAction({
        action: 'deploy',
        node,
        inputs: { 'addons-path': 'addons', 'environments-home': home, 'github-token': github.token },
        workspace,
        event: deploymentEvent('acme', 'odoo-deploys', created),
        eventName: 'deployment',
        apiUrl: github.served.baseUrl,
        repository: github.repository,
        sha: created.sha,
        env: { ...passed, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey },
        timeoutMs: 5 * 60_000,
        ...(cancelMain ? { cancelMain } : {}),
      });
      t.diagnostic(`deploy v${version} (${node.name}): ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
      const deployment = deploymentsOf(github.repo).find((d) => d.id === created.id) as FakeDeployment;
      return { run, deployment };
    };
    /** Where Odoo serves now (each deploy starts the server again). */
    const odooUrl = async (): Promise<string> => {
      const status = await cli(['env', 'status', ENV, '--json', ...flags], env);
      const url = (JSON.parse(status.out) as { url?: string }).url ?? '';
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      return url;
    };
    const logUrl = `https://github.com/${github.repository}/actions/runs/4242`;

    // v1 on Node 20: installed, success with the environment's own URL and the run's log.
    const good = await deploy(1, node20);
    assert.equal(good.run.main.exitCode, 0, good.run.main.stdout + good.run.main.stderr);
    assert.equal(good.run.main.outputs.outcome, 'deployed');
    assert.equal(good.run.main.outputs.url, STAGING_URL);
    assert.deepEqual(
      good.deployment.statuses.map((s) => s.state),
      ['in_progress', 'success'],
    );
    const success = good.deployment.statuses[1];
    assert.equal(success?.environmentUrl, STAGING_URL);
    assert.equal(success?.logUrl, logUrl);
    assert.match(success?.description ?? '', /^Deployed: installed library \(backup \S+\)$/);
    const backupId = good.run.main.outputs.backup ?? '';
    assert.ok(backupId.length > 0, 'the backup output names the pre-deploy backup');
    assert.match(
      good.run.main.summary,
      new RegExp(`\\| \`${backupId}\` \\| database dump \\| \`${ENV}/forge/`),
    );
    assert.match(good.run.main.summary, /\| `library` \| - \| - \|/);
    assert.match(good.run.main.summary, /`\/web\/health` answers `pass`/);
    assert.match(good.run.post?.stdout ?? '', /has its final status/);
    assert.equal(good.run.post?.exitCode, 0);
    // Odoo really serves the addon: records of its model can be made.
    const rpc = await adminRpc(await odooUrl());
    const ids = await rpc<number[]>('library.book', 'create', [[{ name: 'Dune' }, { name: 'Emma' }]]);
    assert.equal(ids.length, 2);

    // v3 (a view naming a missing field) on Node 24: the update fails, the backup is restored.
    const broken = await deploy(3, node24);
    assert.equal(broken.run.main.exitCode, 1, broken.run.main.stdout);
    assert.equal(broken.run.main.outputs.outcome, 'restored');
    assert.deepEqual(
      broken.deployment.statuses.map((s) => s.state),
      ['in_progress', 'failure'],
    );
    const failure = broken.deployment.statuses[1];
    assert.ok((failure?.description.length ?? 0) <= 140, failure?.description);
    assert.match(failure?.description ?? '', /^Failed, backup \S+ restored: /);
    assert.equal(failure?.logUrl, logUrl);
    assert.match(broken.run.main.summary, /### Problems/);
    assert.match(broken.run.main.summary, /no_such_field|exited/);
    assert.match(broken.run.main.stdout, new RegExp(`::error::deploy to ${ENV}: restored`));
    // The records are there and the addon is at version 1 again.
    const after = await adminRpc(await odooUrl());
    const books = await after<{ name: string }[]>('library.book', 'search_read', [[]], {
      fields: ['name'],
      order: 'name',
    });
    assert.deepEqual(
      books.map((b) => b.name),
      ['Dune', 'Emma'],
    );
    const modules = await after<{ latest_version: string }[]>(
      'ir.module.module',
      'search_read',
      [[['name', '=', 'library']]],
      { fields: ['latest_version'] },
    );
    assert.equal(modules[0]?.latest_version, '18.0.1.0.0');

    // A job cancelled while it backs up (SIGINT to main, as the runner cancels): post rolls the
    // unfinished deploy back at once and posts failure; the environment keeps serving.
    const journal = join(home, ENV, 'deploy-journal.json');
    const backingUp = (async () => {
      const deadline = Date.now() + 120_000;
      while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('"phase": "backing-up"'))) {
        assert.ok(Date.now() < deadline, 'the deploy reached its backup within 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const cancelled = await deploy(1, node20, backingUp);
    assert.notEqual(cancelled.run.main.exitCode, 0);
    assert.equal(cancelled.run.post?.exitCode, 0, cancelled.run.post?.stderr);
    assert.match(cancelled.run.post?.stdout ?? '', /Cancelled in "(backing-up|updating)": /);
    assert.deepEqual(
      cancelled.deployment.statuses.map((s) => s.state),
      ['in_progress', 'failure'],
    );
    assert.match(cancelled.deployment.statuses[1]?.description ?? '', /^Cancelled in "/);
    assert.equal(existsSync(journal), false, 'the unfinished deploy is rolled back, its journal gone');
    const recovered = await adminRpc(await odooUrl());
    assert.equal(
      (await recovered<{ name: string }[]>('library.book', 'search_read', [[]], { fields: ['name'] })).length,
      2,
    );
    t.diagnostic(`total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
);
