// actions/deploy as the runner runs it (its bundle, Node 20 and Node 24), on real `deployment`
// events (@octokit/webhooks-examples, adapted) against real Podman, a real Odoo 18 environment
// and a real S3 API (Swift's s3api), with the Forge app itself (in-process, on the GitHub fake)
// making the deployments of `/deploy`, `/rollback` and `/copy` and answering their final statuses:
// a good release is deployed (statuses in_progress → success with the environment's URL, the app
// answers on the pull request), a broken one fails its update and is restored (→ failure with the
// reason), a job cancelled mid-backup is rolled back by the post step (→ failure, journal gone),
// a job cancelled mid-update (`-u` running) too (→ failure naming the stage and the backup
// restored; row counts, filestore checksums, state.json and the installed version as before; the
// lock free),
// `/rollback` restores the backup taken before the last deploy, `/copy` restores the source's
// latest drill-passed backup into the environment and neutralizes it, and the scheduled backup
// workflow's backup step backs the environment up with a passed drill (and `backup drill` drills
// it again).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { filestoreChecksums } from '../../runner/backup/filestore-tar.js';
import { ForgeLabel } from '../../runner/containers/forge-labels.js';
import type { DeployJournal } from '../../runner/environments/environment-files.js';
import { volumeMountpoint } from '../../runner/environments/volume-mountpoint.js';
import type { LocalPostgres } from '../../runner/local-odoo/local-postgres.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../runner/stack/stack-settings.js';
import { botComments, maintainer, pullAsIssue, say } from '../app/support/conversation.js';
import { openPull, repoFiles } from '../app/support/deploy-fixture.js';
import { deploymentStatusPayload } from '../app/support/deployment-status-payload.js';
import { startHarness } from '../app/support/forge-harness.js';
import { WebhookPayloads } from '../app/support/webhook-payloads.js';
import { deploymentsOf, type FakeDeployment } from '../fakes/github/deployment-routes.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub } from '../fakes/github/serve-fake-github.js';
import { rowCounts, sqlIn } from '../runner/backup/backup-helpers.js';
import { writeLibraryVersion } from '../runner/deploy/library-addon.js';
import { adminRpc } from '../runner/deploy/odoo-rpc.js';
import { engineOrSkip } from '../runner/helpers/engine.js';
import { cli } from '../support/in-process-cli.js';
import { odooTreeOrSkip } from '../support/odoo-trees.js';
import { swiftS3OrSkip } from '../support/swift-s3-server.js';
import { nodeRuntimes, runAction, type NodeRuntime } from './support/run-action.js';

const require = createRequire(import.meta.url);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Payload = Record<string, unknown>;
const node20 = nodeRuntimes[0] as NodeRuntime;
const node24 = nodeRuntimes[1] as NodeRuntime;
const STAGING_URL = 'https://staging.example.test';
/** An environment name of this test only: environments are host-wide (forge-env-<name>-*). */
const ENV = 'deploy-action';
/** `/copy`'s source: never started; its store is ENV's own (same bucket and prefix), as in deploy-faults. */
const SOURCE = 'deploy-action-prod';

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

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

test(
  'actions/deploy on Odoo 18 with the app: /deploy is deployed (in_progress → success with the URL, answered on the pull request), a broken release is restored, one cancelled mid-backup and one mid-update are rolled back by post, /rollback and /copy run',
  { timeout: 20 * 60_000 },
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
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-action-'));
    const home = join(work, 'environments');
    const workspace = join(work, 'workspace');
    const s3 = swift.settings;
    const environment = (name: string, branch: string, url: string) => [
      `  ${name}:`,
      `    branch: ${branch}`,
      `    runner_labels: [self-hosted, odoo-${branch}]`,
      '    odoo: "18.0"',
      `    odoo_src: ${tree.root}`,
      `    url: ${url}`,
      '    backup:',
      `      bucket: ${s3.bucket}`,
      `      endpoint: ${s3.endpoint}`,
      `      prefix: ${ENV}/`,
    ];
    const configText = [
      'addons_path: addons',
      'environments:',
      ...environment(ENV, 'staging', STAGING_URL),
      ...environment(SOURCE, 'main', 'https://erp.example.test'),
      '',
    ].join('\n');
    mkdirSync(join(workspace, '.github'), { recursive: true });
    const config = join(workspace, '.github', 'odoo-forge.yml');
    writeFileSync(config, configText);
    // The app reads the same config from the repository (the deployed commit's, for the action).
    const harness = await startHarness({ routes, payloads, files: repoFiles(configText) });
    harness.repo.collaborators.set(maintainer.login, 'write');
    const served = await serveFakeGitHub(harness.fake);
    const repository = `${harness.repo.owner}/${harness.repo.name}`;
    const token = `ghs_installation_${harness.repo.installationId}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const flags = ['--config', config, '--home', home];
    t.after(async () => {
      await cli(['env', 'down', ENV, '--purge', ...flags], env);
      await swift.stop();
      await harness.close();
      await served.close();
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

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${served.baseUrl}/repos/${repository}${path}`, {
        ...init,
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      });
    /** Runs the action's bundle on the `deployment` event of deployment `id`, as the deploy workflow does. */
    const runDeployment = async (
      id: number,
      label: string,
      node: NodeRuntime,
      cancelMain?: Promise<unknown>,
    ) => {
      const answer = await api(`/deployments/${id}`);
      assert.equal(answer.status, 200, await answer.clone().text());
      const rendered = (await answer.json()) as Payload & { id: number; sha: string };
      const stepStarted = Date.now();
      const run = await runAction({
        action: 'deploy',
        node,
        inputs: { 'addons-path': 'addons', 'environments-home': home, 'github-token': token },
        workspace,
        event: deploymentEvent(harness.repo.owner, harness.repo.name, rendered),
        eventName: 'deployment',
        apiUrl: served.baseUrl,
        repository,
        sha: rendered.sha,
        env: { ...passed, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey },
        timeoutMs: 5 * 60_000,
        ...(cancelMain ? { cancelMain } : {}),
      });
      t.diagnostic(`${label} (${node.name}): ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
      const deployment = deploymentsOf(harness.repo).find((d) => d.id === id) as FakeDeployment;
      return { run, deployment };
    };
    /** What GitHub does when the job posted its final status: `deployment_status` to the app. */
    const announce = async (deployment: FakeDeployment) => {
      const status = deployment.statuses.at(-1);
      assert.ok(status, `deployment ${deployment.id} has a status`);
      const delivered = await harness.deliver(
        'deployment_status',
        deploymentStatusPayload(harness.repo, deployment, status),
      );
      assert.equal(delivered, 200);
      await harness.settle();
    };
    /** A deployment made straight through the API (as any GitHub client could), and the action on it. */
    const deploy = async (version: 1 | 2 | 3, node: NodeRuntime, cancelMain?: Promise<unknown>) => {
      rmSync(join(workspace, 'addons'), { recursive: true, force: true });
      writeLibraryVersion(join(workspace, 'addons'), version);
      const answer = await api('/deployments', {
        method: 'POST',
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
      const created = (await answer.json()) as { id: number };
      return runDeployment(created.id, `deploy v${version}`, node, cancelMain);
    };
    /** Where Odoo serves now (each deploy starts the server again). */
    const odooUrl = async (): Promise<string> => {
      const status = await cli(['env', 'status', ENV, '--json', ...flags], env);
      const url = (JSON.parse(status.out) as { url?: string }).url ?? '';
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      return url;
    };
    const logUrl = `https://github.com/${repository}/actions/runs/4242`;

    // `/deploy` on a pull request that changes library: the app merges it into the environment's
    // branch and makes the deployment; the action (Node 20) deploys v1 of the workspace.
    const pull = openPull(harness, 'feature', {
      'addons/library/models.py': 'class Book:\n    name = None\n',
    });
    const thread = pullAsIssue(pull);
    await say(harness, thread, maintainer, `/deploy ${ENV}`, { pullBody: pull.body });
    const [made, ...more] = deploymentsOf(harness.repo);
    assert.ok(made, botComments(harness, thread).at(-1)?.body);
    assert.equal(more.length, 0);
    assert.deepEqual([made.task, made.ref, made.environment], ['deploy', 'staging', ENV]);
    rmSync(join(workspace, 'addons'), { recursive: true, force: true });
    writeLibraryVersion(join(workspace, 'addons'), 1);
    const good = await runDeployment(made.id, 'deploy v1 from /deploy', node20);
    // v1: installed, success with the environment's own URL and the run's log.
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
    // library has no menu: the browser check ran and had nothing to open.
    assert.match(
      good.run.main.summary,
      /Browser check of the menus: 0 menus, 0 steps, 0 failures in \d+\.\d s\./,
    );
    // GitHub tells the app of the final status: it answers on the pull request with the URL.
    await announce(good.deployment);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      new RegExp(
        `^✅ The deploy of ${made.sha.slice(0, 7)} \\(#${pull.number}\\) to \\*\\*${ENV}\\*\\* succeeded: ${STAGING_URL}`,
        'm',
      ),
    );
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

    // A job cancelled in the middle of the update (v2's `-u library` runs in its container, Odoo
    // loads the registry): SIGINT to main as the runner cancels; post kills the update container,
    // restores the pre-deploy backup and posts failure naming the stage and the backup. The
    // database (row count of every table), the filestore (checksums), state.json and the
    // installed version are as before the deploy, and the environment's lock is free.
    const pg: LocalPostgres = {
      host: '127.0.0.1',
      port: (await driver.inspectContainer(`forge-env-${ENV}-db`))?.ports[5432] ?? 0,
      user: 'odoo',
      password: 'odoo',
    };
    const filestore = join(
      await volumeMountpoint(driver.endpoint, `forge-env-${ENV}-data`),
      'odoo',
      'filestore',
      'forge',
    );
    const stateFile = join(home, ENV, 'state.json');
    const library = () =>
      sqlIn(
        pg,
        'forge',
        "SELECT state || ' ' || latest_version FROM ir_module_module WHERE name = 'library'",
      );
    const rowsBefore = rowCounts(pg);
    const filesBefore = await filestoreChecksums(filestore);
    const stateBefore = readFileSync(stateFile, 'utf8');
    assert.equal(library(), 'installed 18.0.1.0.0');
    let updateJournal: DeployJournal | undefined;
    const updating = (async () => {
      const deadline = Date.now() + 180_000;
      for (;;) {
        assert.ok(Date.now() < deadline, "the update container loaded Odoo's modules within 3 minutes");
        await new Promise((resolve) => setTimeout(resolve, 200));
        const read = existsSync(journal)
          ? (JSON.parse(readFileSync(journal, 'utf8')) as DeployJournal)
          : undefined;
        if (read?.phase !== 'updating') continue;
        const name = `forge-env-${ENV}-run-${read.deployId.slice(-4)}`;
        if ((await driver.inspectContainer(name))?.state !== 'running') continue;
        if (!(await driver.logs(name).catch(() => '')).includes('odoo.modules.loading')) continue;
        updateJournal = read;
        return;
      }
    })();
    const midUpdate = await deploy(2, node24, updating);
    assert.ok(updateJournal?.backupId, 'the deploy was cancelled after its backup, while it updated');
    assert.notEqual(midUpdate.run.main.exitCode, 0);
    assert.equal(midUpdate.run.post?.exitCode, 0, midUpdate.run.post?.stderr);
    const cancelledStatus = `Cancelled in "updating": backup ${updateJournal.backupId} restored, the previous release serves`;
    assert.match(midUpdate.run.post?.stdout ?? '', new RegExp(escapeRegExp(cancelledStatus)));
    assert.deepEqual(
      midUpdate.deployment.statuses.map((s) => [s.state, s.description]),
      [
        ['in_progress', `deploy of main (${midUpdate.deployment.sha.slice(0, 7)}) to ${ENV} started`],
        ['failure', cancelledStatus],
      ],
    );
    assert.equal(existsSync(journal), false, 'the journal of the cancelled deploy is gone');
    assert.deepEqual(
      (await driver.listContainers({ [ForgeLabel.stack]: `forge-env-${ENV}`, [ForgeLabel.role]: 'run' })).map(
        (c) => c.name,
      ),
      [],
      'the update container is gone',
    );
    assert.deepEqual(rowCounts(pg), rowsBefore);
    assert.deepEqual(await filestoreChecksums(filestore), filesBefore);
    assert.equal(readFileSync(stateFile, 'utf8'), stateBefore);
    assert.equal(library(), 'installed 18.0.1.0.0');
    const lockFree = spawnSync('flock', [
      '--nonblock',
      '--exclusive',
      join(home, ENV, 'deploy.lock'),
      'true',
    ]);
    assert.equal(lockFree.status, 0, 'the environment lock is free after post');
    const v1Again = await adminRpc(await odooUrl());
    assert.deepEqual(
      Object.keys(await v1Again<Record<string, unknown>>('library.book', 'fields_get', [['name', 'isbn']])),
      ['name'],
      'Odoo serves v1 again (no isbn field)',
    );

    // `/rollback` through the app: a deploy:rollback deployment of the environment's branch; the
    // action (Node 24) restores the backup taken before the last successful deploy (v1's, when
    // library was not installed) and serves the release before it (none).
    await say(harness, thread, maintainer, `/rollback ${ENV}`, { pullBody: pull.body });
    const rollbackDeployment = deploymentsOf(harness.repo).find((d) => d.task === 'deploy:rollback');
    assert.ok(rollbackDeployment, botComments(harness, thread).at(-1)?.body);
    assert.deepEqual(
      [rollbackDeployment.ref, rollbackDeployment.environment, (rollbackDeployment.payload as Payload).task],
      ['staging', ENV, 'rollback'],
    );
    const rollback = await runDeployment(rollbackDeployment.id, '/rollback', node24);
    assert.equal(rollback.run.main.exitCode, 0, rollback.run.main.stdout + rollback.run.main.stderr);
    assert.equal(rollback.run.main.outputs.outcome, 'rolled-back');
    assert.equal(rollback.run.main.outputs.backup, backupId, 'the backup restored is the one before v1');
    assert.deepEqual(
      rollback.deployment.statuses.map((s) => s.state),
      ['in_progress', 'success'],
    );
    assert.match(
      rollback.deployment.statuses[1]?.description ?? '',
      /^Rolled back deploy \S+: backup \S+ restored/,
    );
    assert.match(rollback.run.main.summary, /### Backup restored/);
    const rolledBack = await adminRpc(await odooUrl());
    const libraryState = async (rpc: typeof rolledBack) =>
      (
        await rpc<{ state: string }[]>('ir.module.module', 'search_read', [[['name', '=', 'library']]], {
          fields: ['state'],
        })
      )[0]?.state ?? 'absent';
    assert.notEqual(await libraryState(rolledBack), 'installed');
    assert.equal(await rolledBack<number>('ir.model', 'search_count', [[['model', '=', 'library.book']]]), 0);
    await announce(rollback.deployment);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      new RegExp(`^✅ The rollback of \\*\\*${ENV}\\*\\* succeeded: ${STAGING_URL}`, 'm'),
    );

    // `/copy SOURCE ENV` through the app: a deploy:copy deployment whose payload names the source;
    // the action (Node 20) backs ENV up, restores SOURCE's newest drill-passed backup (v1's
    // pre-deploy one, drilled after v1) and neutralizes it. A partner made now must be gone.
    await rolledBack('res.partner', 'create', [[{ name: 'Made after the rollback' }]]);
    await say(harness, thread, maintainer, `/copy ${SOURCE} ${ENV}`, { pullBody: pull.body });
    const copyDeployment = deploymentsOf(harness.repo).find((d) => d.task === 'deploy:copy');
    assert.ok(copyDeployment, botComments(harness, thread).at(-1)?.body);
    assert.equal((copyDeployment.payload as Payload).copy_from, SOURCE);
    const copy = await runDeployment(copyDeployment.id, '/copy', node20);
    assert.equal(copy.run.main.exitCode, 0, copy.run.main.stdout + copy.run.main.stderr);
    assert.equal(copy.run.main.outputs.outcome, 'copied');
    assert.deepEqual(
      copy.deployment.statuses.map((s) => s.state),
      ['in_progress', 'success'],
    );
    assert.match(
      copy.deployment.statuses[1]?.description ?? '',
      new RegExp(`^Copied ${SOURCE} \\(backup ${backupId}\\), neutralized; state before it: \\S+$`),
    );
    const copied = await adminRpc(await odooUrl());
    assert.deepEqual(
      await copied<{ value: string }[]>(
        'ir.config_parameter',
        'search_read',
        [[['key', '=', 'database.is_neutralized']]],
        { fields: ['value'] },
      ).then((rows) => rows.map((r) => r.value)),
      ['true'],
    );
    assert.equal(
      await copied<number>('res.partner', 'search_count', [[['name', '=', 'Made after the rollback']]]),
      0,
    );
    await announce(copy.deployment);
    assert.match(
      botComments(harness, thread).at(-1)?.body ?? '',
      new RegExp(
        `^✅ The copy of \\*\\*${SOURCE}\\*\\* into \\*\\*${ENV}\\*\\* succeeded: ${STAGING_URL}`,
        'm',
      ),
    );
    harness.fake.assertClean();

    // The scheduled backup workflow's backup step, run with bash as the runner runs it (the
    // matrix values its route job makes of this config, `odoo-forge` on PATH): a daily backup of
    // the environment, drilled, retention applied; `backup list` shows it with its drill passed.
    const workflow = parse(
      readFileSync(new URL('../../templates/workflows/odoo-forge-backup.yml', import.meta.url), 'utf8'),
    ) as { jobs: { backup: { steps: { run?: string }[] } } };
    const script = workflow.jobs.backup.steps.at(-1)?.run ?? '';
    assert.ok(script.includes('odoo-forge backup create'), 'the last step of the backup job backs up');
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'odoo-forge'),
      `#!/bin/sh\nexec "${process.execPath}" "${fileURLToPath(new URL('../../bin/odoo-forge.js', import.meta.url))}" "$@"\n`,
      { mode: 0o755 },
    );
    const backupStarted = Date.now();
    const step = spawnSync('bash', ['-e', '-c', script], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 5 * 60_000,
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        ENGINE: 'podman',
        NAME: ENV,
        BUCKET: s3.bucket,
        PREFIX: `${ENV}/`,
        ENDPOINT: s3.endpoint,
        REGION: '',
      },
    });
    t.diagnostic(`backup workflow step: ${((Date.now() - backupStarted) / 1000).toFixed(1)} s`);
    assert.equal(step.status, 0, step.stdout + step.stderr);
    const dailyId = step.stdout.trim().split('\n').at(-1) ?? '';
    const listed = await cli(
      [
        'backup',
        'list',
        'forge',
        '--bucket',
        s3.bucket,
        '--endpoint',
        s3.endpoint,
        '--prefix',
        `${ENV}/`,
        '--json',
      ],
      env,
    );
    assert.equal(listed.code, 0, listed.err);
    const daily = (
      JSON.parse(listed.out) as {
        manifest: { id: string; reason: string; filestore: { files: Record<string, string> } };
        drill?: { passed: boolean };
      }[]
    ).find((b) => b.manifest.id === dailyId);
    assert.ok(daily, `backup list shows ${dailyId}: ${listed.out.slice(0, 400)}`);
    assert.equal(daily.manifest.reason, 'daily');
    assert.equal(daily.drill?.passed, true);
    // `backup drill` drills it again on demand, into a scratch database of the environment's PostgreSQL.
    const drilled = await cli(
      [
        'backup',
        'drill',
        'forge',
        '--backup',
        dailyId,
        '--db-host',
        '127.0.0.1',
        '--db-port',
        String(pg.port),
        '--bucket',
        s3.bucket,
        '--endpoint',
        s3.endpoint,
        '--prefix',
        `${ENV}/`,
      ],
      { ...env, PGPASSWORD: 'odoo' },
    );
    assert.equal(drilled.code, 0, drilled.err + drilled.out);
    assert.equal(drilled.out, `drill of ${dailyId} passed\n`);
    t.diagnostic(`total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
);
