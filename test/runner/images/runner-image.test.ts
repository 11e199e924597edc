import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { podmanEnv } from '../../../runner/images/build-images.js';
import { LocalImages } from '../../../runner/stack/stack-settings.js';
import { addonFiles, makeGitWorkspace, type GitWorkspace } from '../../actions/support/git-workspace.js';
import { pullRequestEvent } from '../../actions/support/pull-request-event.js';
import { startActionGitHub } from '../../actions/support/action-github.js';
import { parseFileCommand } from '../../actions/support/workflow-commands.js';
import { fixtureAddons18 } from '../../support/fixture-addons.js';
import { requireNode24 } from '../../support/node24.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { engineOrSkip } from '../helpers/engine.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const imagesDir = join(repoRoot, 'runner', 'images');
const node24 = requireNode24();
/** The image this test builds (kept, like the other local images: a rebuild from cache takes seconds). */
const IMAGE = 'localhost/forge-runner:test';
/** The runner user of the image (ARC's runner image uses the same uid). */
const RUNNER_UID = 1001;

const podman = (args: string[], timeout = 900_000) =>
  run('podman', args, { env: podmanEnv(process.env), timeout, maxBuffer: 64 * 1024 * 1024 });

/** A build context: the Containerfile, the entrypoint and a Node 24 binary (hard-linked when it can be). */
function buildContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-runner-image-'));
  for (const file of ['forge-runner.Containerfile', 'forge-runner-entrypoint.sh'])
    copyFileSync(join(imagesDir, file), join(dir, file));
  chmodSync(join(dir, 'forge-runner-entrypoint.sh'), 0o755);
  try {
    linkSync(node24, join(dir, 'node'));
  } catch {
    copyFileSync(node24, join(dir, 'node'));
  }
  return dir;
}

/**
 * The files the Actions runner hands a step, in a folder the runner user owns, mounted at
 * /home/runner/_temp: the event, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE.
 */
function runnerFiles(event: Record<string, unknown>): { dir: string; read: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'forge-runner-temp-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  for (const name of ['output', 'summary.md', 'state', 'env']) writeFileSync(join(dir, name), '');
  mkdirSync(join(dir, 'temp'));
  return { dir, read: (name) => readFileSync(join(dir, name), 'utf8') };
}

function chownTree(path: string): Promise<unknown> {
  return run('chown', ['-R', `${RUNNER_UID}:${RUNNER_UID}`, path]);
}

/** `podman run` of one step of `action` in the image, as the Actions runner runs it in a job. */
async function runStep(
  ws: GitWorkspace,
  files: { dir: string },
  action: string,
  inputs: Record<string, string>,
  options: { mounts?: string[]; apiUrl?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stepEnv = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: '/home/runner/_temp/event.json',
    GITHUB_WORKSPACE: '/home/runner/_work/addons',
    GITHUB_OUTPUT: '/home/runner/_temp/output',
    GITHUB_STEP_SUMMARY: '/home/runner/_temp/summary.md',
    GITHUB_STATE: '/home/runner/_temp/state',
    GITHUB_ENV: '/home/runner/_temp/env',
    RUNNER_TEMP: '/home/runner/_temp/temp',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9/',
    GITHUB_REPOSITORY: 'acme/addons',
    GITHUB_SHA: ws.headSha,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  };
  writeFileSync(join(files.dir, 'step-env.json'), JSON.stringify(stepEnv));
  writeFileSync(join(files.dir, 'run-step.cjs'), RUN_STEP);
  await chownTree(files.dir);
  const args = [
    'run',
    '--rm',
    '--volume',
    `${repoRoot}:/forge:ro`,
    '--volume',
    `${ws.dir}:/home/runner/_work/addons`,
    '--volume',
    `${files.dir}:/home/runner/_temp`,
    '--workdir',
    '/home/runner/_work/addons',
    ...(options.mounts ?? []).flatMap((m) => ['--volume', m]),
    // The fake GitHub listens on the host's loopback: the step shares the host's network, and
    // skips the entrypoint (its PostgreSQL would meet the host's on port 5432; check needs none).
    ...(options.apiUrl ? ['--network', 'host', '--entrypoint', 'node'] : []),
    IMAGE,
    ...(options.apiUrl ? [] : ['node']),
    '/home/runner/_temp/run-step.cjs',
    action,
  ];
  try {
    const { stdout, stderr } = await podman(args, 600_000);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * What the Actions runner does for one step of a JavaScript action, run inside the container:
 * `node dist/index.js` with the step's environment (read from step-env.json: a shell would drop
 * INPUT_ADDONS-PATH and the other names with a dash), then, when the action has one, `post.js`
 * with GITHUB_STATE (`name=value` lines and `name<<DELIMITER` blocks) as STATE_<name>.
 * Exits with main's exit code.
 */
const RUN_STEP = `
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const dist = '/forge/actions/' + process.argv[2] + '/dist/';
const env = { ...process.env, ...JSON.parse(readFileSync('/home/runner/_temp/step-env.json', 'utf8')) };
const main = spawnSync(process.execPath, [dist + 'index.js'], { env, stdio: 'inherit' });
if (existsSync(dist + 'post.js')) {
  const lines = readFileSync(env.GITHUB_STATE, 'utf8').split('\\n');
  for (let i = 0; i < lines.length; i += 1) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      env['STATE_' + heredoc[1]] = lines.slice(i + 1, end).join('\\n');
      i = end;
    } else if (lines[i].includes('=')) {
      env['STATE_' + lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  spawnSync(process.execPath, [dist + 'post.js'], { env, stdio: 'inherit' });
}
process.exit(main.status ?? 1);
`;

describe('the Forge runner image (runner/images/forge-runner.Containerfile)', () => {
  let context: string | undefined;
  let built = false;
  const cleanup: Array<() => void> = [];

  before(() => {
    context = buildContext();
  });
  after(() => {
    for (const step of cleanup) step();
    if (context) rmSync(context, { recursive: true, force: true });
  });

  it('builds FROM the local Odoo runtime: Node 24, PostgreSQL 15 started by the entrypoint, Chromium, Odoo importable', async (t) => {
    if (!(await engineOrSkip(t, [LocalImages.odooRuntime('18.0')]))) return;
    const tree = odooTreeOrSkip(t, '18.0', 'Odoo importable in the runner image');
    if (!tree || !context) return;
    // The .deb files are kept where `odoo-forge images build` keeps its own (FORGE_CACHE_DIR).
    const aptCache = join(
      process.env.FORGE_CACHE_DIR ?? '/var/cache/odoo-forge',
      'apt-archives',
      'forge-runner',
    );
    mkdirSync(aptCache, { recursive: true });
    const started = Date.now();
    await podman([
      'build',
      '--volume',
      `${aptCache}:/var/cache/apt/archives`,
      '--build-arg',
      `BASE=${LocalImages.odooRuntime('18.0')}`,
      '-f',
      join(context, 'forge-runner.Containerfile'),
      '-t',
      IMAGE,
      context,
    ]).catch((error: unknown) => {
      throw new Error(`podman build failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    });
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(`runner image build: ${seconds.toFixed(1)} s`);
    built = true;

    const probe = [
      'id -u',
      'node --version',
      'PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -tAc "SHOW server_version"',
      'chromium --version',
      'cd /opt/odoo/18.0 && python3 -c "import odoo.release as r; print(r.version)"',
    ].join(' && ');
    const { stdout } = await podman([
      'run',
      '--rm',
      '--volume',
      `${tree.root}:/opt/odoo/18.0:ro`,
      IMAGE,
      'sh',
      '-c',
      probe,
    ]);
    const [uid, nodeVersion, postgres, chromium, odoo] = stdout.trim().split('\n');
    assert.equal(uid, String(RUNNER_UID), 'steps run as the runner user, not root');
    assert.match(nodeVersion ?? '', /^v24\./);
    assert.match(postgres ?? '', /^15\./);
    assert.match(chromium ?? '', /^Chromium \d+/);
    assert.match(odoo ?? '', /^18\.0/);
  });

  it('runs actions/check end to end in it: a failed "Odoo Forge / lint" check run with annotations on repository paths, the summary, the outputs', async (t) => {
    if (!built) {
      t.skip('the image was not built (see the test above)');
      return;
    }
    const ws = makeGitWorkspace(
      addonFiles(join(fixtureAddons18, 'forge_fx_clean'), 'addons/forge_fx_clean'),
      {
        ...addonFiles(join(fixtureAddons18, 'forge_fx_badview'), 'addons/forge_fx_badview'),
      },
    );
    cleanup.push(() => ws.remove());
    const files = runnerFiles(
      pullRequestEvent({
        owner: 'acme',
        repo: 'addons',
        number: 7,
        baseSha: ws.baseSha,
        headSha: ws.headSha,
      }),
    );
    cleanup.push(() => rmSync(files.dir, { recursive: true, force: true }));
    await chownTree(ws.dir);
    await chownTree(files.dir);

    const github = await startActionGitHub();
    cleanup.push(() => void github.close());
    const step = await runStep(
      ws,
      files,
      'check',
      { 'addons-path': 'addons', 'github-token': github.token, root: '' },
      { apiUrl: github.served.baseUrl },
    );

    assert.equal(step.code, 1, `${step.stdout}\n${step.stderr}`);
    github.fake.assertClean();
    const runs = github.repo.checkRuns.filter((r) => r.headSha === ws.headSha);
    assert.deepEqual(
      runs.map((r) => [r.name, r.status, r.conclusion]),
      [['Odoo Forge / lint', 'completed', 'failure']],
    );
    const paths = (runs[0]?.annotations ?? []).map((a) => a.path);
    assert.ok(paths.length > 0, 'the findings are annotations of the check run');
    for (const path of paths) assert.match(path, /^addons\/forge_fx_badview\//);
    assert.equal(parseFileCommand(files.read('output')).conclusion, 'failure');
    assert.match(files.read('summary.md'), /forge_fx_badview/);
  });

  it('runs Odoo 18.0 tests in local mode in it: PostgreSQL and Odoo as processes of the runner, no engine', async (t) => {
    if (!built) {
      t.skip('the image was not built (see the test above)');
      return;
    }
    const tree = odooTreeOrSkip(t, '18.0', 'local mode in the runner image');
    if (!tree) return;
    const ws = makeGitWorkspace(
      { 'addons/.keep': '' },
      addonFiles(join(fixtureAddons18, 'forge_fx_clean'), 'addons/forge_fx_clean'),
    );
    cleanup.push(() => ws.remove());
    const files = runnerFiles(
      pullRequestEvent({
        owner: 'acme',
        repo: 'addons',
        number: 8,
        baseSha: ws.baseSha,
        headSha: ws.headSha,
      }),
    );
    cleanup.push(() => rmSync(files.dir, { recursive: true, force: true }));
    await chownTree(ws.dir);
    await chownTree(files.dir);

    const inputs = {
      'addons-path': 'addons',
      'odoo-version': '18.0',
      'odoo-src': '/opt/odoo/18.0',
      mode: 'local',
      // The fixture has no menu to browse; Chromium itself is checked in the first test.
      'browser-checks': 'false',
      'github-token': '',
    };
    const step = await runStep(ws, files, 'test', inputs, { mounts: [`${tree.root}:/opt/odoo/18.0:ro`] });

    assert.equal(step.code, 0, `${step.stdout}\n${step.stderr}`);
    const outputs = parseFileCommand(files.read('output'));
    assert.equal(outputs.conclusion, 'success', step.stdout);
    assert.match(files.read('summary.md'), /forge_fx_clean/);
    // The JSON report, read where the container wrote it (RUNNER_TEMP is in the mounted folder).
    const report = JSON.parse(
      readFileSync(join(files.dir, (outputs.report ?? '').replace(/^\/home\/runner\/_temp\//, '')), 'utf8'),
    ) as {
      series: Array<{
        series: string;
        tests: { modules: Array<{ name: string; installed: boolean; testsRun: number; failed: number }> };
      }>;
    };
    const [series] = report.series;
    assert.equal(series?.series, '18.0');
    assert.deepEqual(
      series?.tests.modules.map((m) => [m.name, m.installed, m.testsRun, m.failed]),
      [['forge_fx_clean', true, 2, 0]],
    );
  });
});
