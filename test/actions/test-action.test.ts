import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discoverEngine } from '../../runner/containers/discover-engine.js';
import { ForgeLabel } from '../../runner/containers/forge-labels.js';
import { listStacks } from '../../runner/stack/list-stacks.js';
import type { PrReport } from '../../runner/report/pr-report.js';
import { fixtureAddonsFor } from '../support/fixture-addons.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';
import { startActionGitHub, type ActionGitHub } from './support/action-github.js';
import { addonFiles, makeGitWorkspace, type TreeFiles } from './support/git-workspace.js';
import { pullRequestEvent } from './support/pull-request-event.js';
import {
  copyActionOutsideRepo,
  nodeRuntimes,
  runAction,
  type ActionRun,
  type NodeRuntime,
} from './support/run-action.js';
import { parseFileCommand } from './support/workflow-commands.js';

// The done-when scenario of actions/test on real Podman and real Odoo 16/17/18: three addons, one
// per series (a good one on 18.0 with a menu for the browser checks, one whose test fails on
// 17.0, one whose view names a missing field on 16.0), a pull request touching all three, then a
// fix. Few stack starts (CI budget): one run per series per pull request head.

const node20 = nodeRuntimes[0] as NodeRuntime;
const node24 = nodeRuntimes[1] as NodeRuntime;
const REPO = 'forge-test-action';
const MINUTES = 60_000;
const dist = fileURLToPath(new URL('../../actions/test/dist/', import.meta.url));

/** A window action and a menu for the good addon, so the browser checks have pages to open. */
const MENU_XML = `<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="fx_thing_action" model="ir.actions.act_window">
        <field name="name">Things</field>
        <field name="res_model">forge_fx_clean.thing</field>
        <field name="view_mode">list,form</field>
    </record>
    <menuitem id="fx_thing_menu_root" name="Forge things" action="fx_thing_action"/>
</odoo>
`;

function pullRequestFiles(t: TestContext, fixed: boolean): TreeFiles {
  const files: TreeFiles = {};
  const plan = [
    ['forge_fx_clean', '18.0'],
    ['forge_fx_fail', '17.0'],
    ['forge_fx_badview', '16.0'],
  ] as const;
  for (const [module, series] of plan) {
    const dir = fixtureAddonsFor(t, series, [module]);
    Object.assign(files, addonFiles(join(dir, module), `addons/${module}`));
  }
  const manifest = 'addons/forge_fx_clean/__manifest__.py';
  files[manifest] = (files[manifest] ?? '').replace(
    "'views/fx_thing_views.xml']",
    "'views/fx_thing_views.xml', 'views/fx_thing_menus.xml']",
  );
  files['addons/forge_fx_clean/views/fx_thing_menus.xml'] = MENU_XML;
  if (fixed) {
    const test = 'addons/forge_fx_fail/tests/test_thing.py';
    files[test] = (files[test] ?? '').replace(
      'self.assertEqual(thing.qty, 7, "doubling 3 should give 7")',
      'self.assertEqual(thing.qty, 6)',
    );
    const view = 'addons/forge_fx_badview/views/fx_thing_views.xml';
    files[view] = (files[view] ?? '').replace(/\n\s*<field name="missing_field"\/>/, '');
  }
  return files;
}

let github: ActionGitHub;
let pullNumber = 40;
before(async () => {
  github = await startActionGitHub('acme', REPO);
});
after(async () => {
  await github.close();
});

interface PullRequestRun {
  run: ActionRun;
  headSha: string;
  report: PrReport | undefined;
}

async function testPullRequest(
  node: NodeRuntime,
  base: TreeFiles,
  head: TreeFiles,
  inputs: Record<string, string>,
  actionDir?: string,
): Promise<PullRequestRun> {
  const ws = makeGitWorkspace(base, head);
  try {
    pullNumber += 1;
    const run = await runAction({
      action: 'test',
      ...(actionDir ? { actionDir } : {}),
      node,
      inputs: { 'addons-path': 'addons', 'github-token': github.token, ...inputs },
      workspace: ws.dir,
      event: pullRequestEvent({
        owner: 'acme',
        repo: REPO,
        number: pullNumber,
        baseSha: ws.baseSha,
        headSha: ws.headSha,
      }),
      apiUrl: github.served.baseUrl,
      repository: github.repository,
      sha: ws.headSha,
      env: engineEnv(),
      timeoutMs: 20 * MINUTES,
    });
    const text = run.main.outputFiles.report;
    return { run, headSha: ws.headSha, report: text ? (JSON.parse(text) as PrReport) : undefined };
  } finally {
    ws.remove();
  }
}

function engineEnv(): Record<string, string> {
  const keep = ['DOCKER_HOST', 'CHROMIUM_PATH', 'FORGE_POSTGRES_IMAGE', 'FORGE_ODOO_RUNTIME_IMAGE'];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])));
}

function checkRuns(headSha: string): Map<string, (typeof github.repo.checkRuns)[number]> {
  return new Map(github.repo.checkRuns.filter((r) => r.headSha === headSha).map((r) => [r.name, r]));
}

async function stacksOfThisRepo(): Promise<string[]> {
  const driver = await discoverEngine({ env: process.env });
  return (await listStacks(driver)).filter((s) => s.repository === `acme/${REPO}`).map((s) => s.id);
}

function trees(t: TestContext): string | undefined {
  const paths: string[] = [];
  for (const series of supportedSeries) {
    const tree = odooTreeOrSkip(t, series, 'actions/test on real Odoo');
    if (!tree) return undefined;
    paths.push(tree.root);
  }
  return paths.join('\n');
}

describe('actions/test on real Podman and Odoo 16.0, 17.0 and 18.0', { timeout: 40 * MINUTES }, () => {
  it('fails the failing test and the broken view on their files and lines, passes the good addon, then goes green after the fix (Node 20, then Node 24)', async (t) => {
    const odooSrc = trees(t);
    if (!odooSrc) return;
    // Run from a copy of the action's folder with no node_modules around, as a runner checks it
    // out: the browser checks below prove the bundle finds playwright-core in its own folder.
    const copy = copyActionOutsideRepo('test');
    t.after(copy.remove);
    const first = await testPullRequest(
      node20,
      {},
      pullRequestFiles(t, false),
      { 'odoo-src': odooSrc },
      copy.dir,
    );
    const main = first.run.main;
    const log = `${main.stdout}\n${main.stderr}`;
    assert.equal(main.outputs.conclusion, 'failure', log);
    assert.equal(main.exitCode, 1, log);
    const report = first.report as PrReport;
    const bySeries = new Map(report.series.map((s) => [s.series, s]));
    assert.deepEqual([...bySeries.keys()], ['16.0', '17.0', '18.0']);
    // 16.0: the view names a missing field: not installed, the failure on the repository's view file.
    const bad = bySeries.get('16.0');
    assert.equal(bad?.tests.conclusion, 'failure');
    assert.equal(bad?.tests.modules[0]?.installed, false);
    const install = bad?.tests.modules[0]?.failures.find((f) => f.kind === 'install');
    assert.equal(
      install?.file,
      'addons/forge_fx_badview/views/fx_thing_views.xml',
      JSON.stringify(bad?.tests),
    );
    assert.equal(bad?.browser.conclusion, 'skipped');
    // 17.0: one of two tests fails, on its file and line.
    const failing = bySeries.get('17.0');
    assert.equal(failing?.tests.conclusion, 'failure');
    assert.equal(failing?.tests.modules[0]?.testsRun, 2, JSON.stringify(failing?.tests));
    const failure = failing?.tests.modules[0]?.failures[0];
    assert.equal(failure?.file, 'addons/forge_fx_fail/tests/test_thing.py');
    assert.equal(failure?.line, 13);
    // 18.0: installed, tests pass, its menu and action open in Chromium.
    const good = bySeries.get('18.0');
    assert.equal(good?.tests.conclusion, 'success', JSON.stringify(good?.tests.reasons));
    assert.equal(good?.browser.conclusion, 'success', JSON.stringify(good?.browser));
    assert.ok((good?.browser.steps ?? 0) > 0);
    // Its Odoo was started once the test run had committed the module (runner/pr/early-odoo-server.ts).
    assert.match(log, /Odoo for the browser checks was started when the test run committed the modules/);
    assert.doesNotMatch(JSON.stringify(report), /\/mnt\/forge-addons/);
    // Check runs on the head, annotation on the failing test's line, summary naming the failure.
    const runs = checkRuns(first.headSha);
    assert.equal(runs.get('Odoo Forge / tests (16.0)')?.conclusion, 'failure');
    assert.equal(runs.get('Odoo Forge / tests (17.0)')?.conclusion, 'failure');
    assert.equal(runs.get('Odoo Forge / tests (18.0)')?.conclusion, 'success');
    assert.equal(runs.get('Odoo Forge / browser (18.0)')?.conclusion, 'success');
    assert.equal(runs.get('Odoo Forge / browser (16.0)')?.conclusion, 'neutral');
    const annotation = runs
      .get('Odoo Forge / tests (17.0)')
      ?.annotations.find((a) => a.path === 'addons/forge_fx_fail/tests/test_thing.py');
    assert.equal(annotation?.startLine, 13);
    assert.match(annotation?.message ?? '', /doubling 3 should give 7/);
    assert.match(runs.get('Odoo Forge / tests (17.0)')?.output.summary ?? '', /test_double/);
    assert.match(main.summary, /Odoo Forge \/ tests \(17\.0\): failure/);
    assert.match(main.summary, /doubling 3 should give 7/);
    assert.equal(first.run.post?.exitCode, 0, first.run.post?.stderr);
    assert.match(first.run.post?.stdout ?? '', /Nothing to clean up: main removed every stack it started/);
    assert.deepEqual(await stacksOfThisRepo(), []);

    const fixed = await testPullRequest(node24, {}, pullRequestFiles(t, true), {
      'odoo-src': odooSrc,
      'browser-checks': 'false',
    });
    const fixedLog = `${fixed.run.main.stdout}\n${fixed.run.main.stderr}`;
    assert.equal(fixed.run.main.outputs.conclusion, 'success', fixedLog);
    assert.equal(fixed.run.main.exitCode, 0, fixedLog);
    const fixedRuns = checkRuns(fixed.headSha);
    for (const series of supportedSeries) {
      assert.equal(fixedRuns.get(`Odoo Forge / tests (${series})`)?.conclusion, 'success', series);
      assert.equal(fixed.report?.series.find((s) => s.series === series)?.tests.modules[0]?.installed, true);
    }
    assert.deepEqual(await stacksOfThisRepo(), []);
  });

  it('says "nothing to test" (neutral) for a change that touches no addon, and refuses a series no tree is given for', async (t) => {
    const tree18 = odooTreeOrSkip(t, '18.0', 'actions/test refusals');
    if (!tree18) return;
    const files = pullRequestFiles(t, false);
    const none = await testPullRequest(
      node20,
      files,
      { 'README.md': '# changed\n' },
      { 'odoo-src': tree18.root },
    );
    assert.equal(none.run.main.outputs.conclusion, 'neutral', none.run.main.stdout);
    assert.equal(none.run.main.exitCode, 0);
    assert.match(none.run.main.summary, /Nothing to test/);
    assert.equal(checkRuns(none.headSha).get('Odoo Forge / tests (18.0)')?.conclusion, 'neutral');

    const fail17 = { ...files };
    const test = 'addons/forge_fx_fail/tests/test_thing.py';
    fail17[test] = `${fail17[test] ?? ''}\n`;
    const missing = await testPullRequest(
      node20,
      files,
      { [test]: fail17[test] ?? '' },
      { 'odoo-src': tree18.root },
    );
    assert.equal(missing.run.main.exitCode, 1);
    assert.match(missing.run.main.stdout, /No Odoo 17\.0 is given .*forge_fx_fail targets 17\.0/);
    const refused = checkRuns(missing.headSha).get('Odoo Forge / tests (17.0)');
    assert.equal(refused?.conclusion, 'failure');
    assert.match(refused?.output.summary ?? '', /odoo-src/);
  });

  /** actions/test's main on the clean 18.0 fixture, started as the runner does; resolves once its stack exists. */
  async function mainWithAStack(t: TestContext, tree18: string) {
    const clean = fixtureAddonsFor(t, '18.0', ['forge_fx_clean']);
    const ws = makeGitWorkspace({}, addonFiles(join(clean, 'forge_fx_clean'), 'addons/forge_fx_clean'));
    const dir = mkdtempSync(join(tmpdir(), 'forge-cancel-'));
    t.after(() => {
      ws.remove();
      rmSync(dir, { recursive: true, force: true });
    });
    pullNumber += 1;
    const files = {
      event: join(dir, 'event.json'),
      output: join(dir, 'output'),
      state: join(dir, 'state'),
      summary: join(dir, 'summary'),
    };
    writeFileSync(
      files.event,
      JSON.stringify(
        pullRequestEvent({
          owner: 'acme',
          repo: REPO,
          number: pullNumber,
          baseSha: ws.baseSha,
          headSha: ws.headSha,
        }),
      ),
    );
    for (const f of [files.output, files.state, files.summary]) writeFileSync(f, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...engineEnv(),
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_WORKSPACE: ws.dir,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: dir,
      GITHUB_API_URL: github.served.baseUrl,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_SHA: ws.headSha,
      GITHUB_RUN_ID: '77',
      'INPUT_ADDONS-PATH': 'addons',
      'INPUT_ODOO-SRC': tree18,
      'INPUT_BROWSER-CHECKS': 'false',
      'INPUT_GITHUB-TOKEN': github.token,
    };
    const child = spawn(node20.path, [join(dist, 'index.js')], {
      env,
      cwd: ws.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = { out: '' };
    child.stdout.on('data', (chunk: Buffer) => (log.out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log.out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait until the stack exists (main saved its id for post).
    const deadline = Date.now() + 10 * MINUTES;
    while (!parseFileCommand(readFileSync(files.state, 'utf8')).stacks && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(parseFileCommand(readFileSync(files.state, 'utf8')).stacks, log.out);
    return { child, exited, files, env, log, headSha: ws.headSha, cwd: ws.dir };
  }

  /** The post entry with the state main saved, as the runner runs it; its exit code and output. */
  async function postAfter(
    main: Awaited<ReturnType<typeof mainWithAStack>>,
  ): Promise<{ code: unknown; out: string }> {
    const state = parseFileCommand(readFileSync(main.files.state, 'utf8'));
    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
    const post = spawn(node20.path, [join(dist, 'post.js')], {
      env: { ...main.env, ...stateEnv },
      cwd: main.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    post.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    post.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => post.on('close', resolve));
    return { code, out };
  }

  it('on SIGTERM mid-install removes the stack, completes its check runs as cancelled, and post leaves nothing', async (t) => {
    const tree18 = odooTreeOrSkip(t, '18.0', 'actions/test cancelled');
    if (!tree18) return;
    const main = await mainWithAStack(t, tree18.root);
    // Mid-install: once the stack's Odoo run is running (a warm install with tests takes under 3 s,
    // so no fixed wait), cancel as the runner does.
    const [stackId] = JSON.parse(
      parseFileCommand(readFileSync(main.files.state, 'utf8')).stacks ?? '[]',
    ) as string[];
    const driver = await discoverEngine({ env: process.env });
    const deadline = Date.now() + MINUTES;
    const odooRunning = async (): Promise<boolean> =>
      (await driver.listContainers({ [ForgeLabel.stack]: stackId ?? '' })).some(
        (c) => c.name.endsWith('-run') && c.state === 'running',
      );
    while (!(await odooRunning()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    main.child.kill('SIGTERM');
    assert.equal(await main.exited, 143, main.log.out);
    assert.equal(parseFileCommand(readFileSync(main.files.output, 'utf8')).conclusion, 'cancelled');
    const runs = checkRuns(main.headSha);
    assert.equal(runs.get('Odoo Forge / tests (18.0)')?.conclusion, 'cancelled', main.log.out);
    const post = await postAfter(main);
    assert.equal(post.code, 0, post.out);
    assert.deepEqual(await stacksOfThisRepo(), []);
  });

  it('after a SIGKILLed main (nothing of it ran to the end), post removes the stack main started', async (t) => {
    const tree18 = odooTreeOrSkip(t, '18.0', 'actions/test killed');
    if (!tree18) return;
    const main = await mainWithAStack(t, tree18.root);
    const deadline = Date.now() + MINUTES;
    while ((await stacksOfThisRepo()).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    main.child.kill('SIGKILL');
    await main.exited;
    assert.notEqual((await stacksOfThisRepo()).length, 0, 'the killed main left its stack');
    assert.equal(parseFileCommand(readFileSync(main.files.state, 'utf8'))['cleaned-up'], undefined);

    const post = await postAfter(main);

    assert.equal(post.code, 0, post.out);
    assert.match(post.out, /Removed 1 stack\(s\) left by main\./);
    assert.deepEqual(await stacksOfThisRepo(), []);
  });
});
