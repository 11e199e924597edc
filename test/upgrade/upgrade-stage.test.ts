import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { silentLogger } from '../../runner/logger.js';
import type { SeriesStageInput } from '../../runner/pr/series-stage.js';
import { Teardown } from '../../runner/stack/teardown.js';
import { baseAddonsFromGit } from '../../runner/upgrade/base-addons-from-git.js';
import { upgradeCheckName } from '../../runner/upgrade/upgrade-check-name.js';
import { upgradeStage } from '../../runner/upgrade/upgrade-stage.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

/** A repository with `addons/old_addon` on the base commit and `addons/new_addon` added on the head. */
function repository(t: TestContext): { repo: string; baseSha: string } {
  const repo = mkdtempSync(join(tmpdir(), 'forge-upgrade-git-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const write = (path: string, body: string) => {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), body);
  };
  write('addons/old_addon/__manifest__.py', '{"name": "Old", "version": "18.0.1.0.0"}\n');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  const baseSha = git(repo, 'rev-parse', 'HEAD');
  write('addons/old_addon/__manifest__.py', '{"name": "Old", "version": "18.0.1.1.0"}\n');
  write('addons/new_addon/__manifest__.py', '{"name": "New", "version": "18.0.1.0.0"}\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'head');
  return { repo, baseSha };
}

function stageInput(t: TestContext, repo: string, extra: Partial<SeriesStageInput>): SeriesStageInput {
  const teardown = new Teardown();
  t.after(() => teardown.runAll());
  return {
    series: '18.0',
    modules: ['new_addon'],
    odoo: { kind: 'source', sourceDir: '/nonexistent/odoo' },
    addonsDirs: [join(repo, 'addons')],
    workspace: repo,
    mode: 'local',
    workDir: join(repo, '.scratch'),
    logger: silentLogger,
    teardown,
    env: {},
    ...extra,
  };
}

test('baseAddonsFromGit writes the base version of each addons folder, the workspace untouched', async (t) => {
  const { repo, baseSha } = repository(t);
  const out = join(repo, '.base');
  const [dir, ...rest] = await baseAddonsFromGit(
    repo,
    baseSha,
    [join(repo, 'addons'), join(repo, 'later')],
    out,
  );
  assert.ok(dir);
  assert.match(readFileSync(join(dir, 'old_addon', '__manifest__.py'), 'utf8'), /18\.0\.1\.0\.0/);
  assert.equal(existsSync(join(dir, 'new_addon')), false, 'an addon of the head only is not on the base');
  assert.equal(rest.length, 1, 'a folder the base lacks comes out empty');
  assert.match(readFileSync(join(repo, 'addons', 'old_addon', '__manifest__.py'), 'utf8'), /18\.0\.1\.1\.0/);
});

test('the upgrade stage is skipped without a base commit, with an Odoo image in mode local, and for an addon new on the head (in container mode too)', async (t) => {
  const { repo, baseSha } = repository(t);
  const noBase = await upgradeStage.run(stageInput(t, repo, {}));
  assert.equal(noBase.conclusion, 'skipped');
  assert.match(noBase.summary, /No base commit/);
  const containers = await upgradeStage.run(stageInput(t, repo, { baseSha, mode: 'containers' }));
  assert.equal(
    containers.conclusion,
    'skipped',
    'container mode runs the stage: only the new addon skips it',
  );
  assert.match(containers.summary, /None of new_addon exists on the base commit/);
  const image = await upgradeStage.run(
    stageInput(t, repo, { baseSha, odoo: { kind: 'image', image: 'odoo:18.0' } }),
  );
  assert.equal(image.conclusion, 'skipped');
  assert.match(image.summary, /source tree \(input odoo-src for 18\.0\); this run has the image odoo:18\.0/);
  const input = stageInput(t, repo, { baseSha });
  const fresh = await upgradeStage.run(input);
  assert.equal(fresh.conclusion, 'skipped');
  assert.match(
    fresh.summary,
    new RegExp(`None of new_addon exists on the base commit ${baseSha.slice(0, 7)}`),
  );
  await input.teardown.runAll();
  assert.equal(
    existsSync(join(repo, '.scratch', 'upgrade-base-18.0')),
    false,
    'the base copy is removed by the teardown',
  );
  assert.equal(upgradeCheckName('17.0'), `Odoo Forge / ${upgradeStage.name} (17.0)`);
});

test("the upgrade stage's skip answers without a stack: skipped for an addon new on the head or no base, undefined when the base has it", async (t) => {
  const { repo, baseSha } = repository(t);
  assert.ok(upgradeStage.skip, 'the upgrade stage has a quick skip check');
  const fresh = await upgradeStage.skip(stageInput(t, repo, { baseSha, mode: 'containers' }));
  assert.equal(fresh?.conclusion, 'skipped');
  assert.match(
    fresh?.summary ?? '',
    new RegExp(`None of new_addon exists on the base commit ${baseSha.slice(0, 7)}`),
  );
  const noBase = await upgradeStage.skip(stageInput(t, repo, { mode: 'containers' }));
  assert.match(noBase?.summary ?? '', /No base commit/);
  const onBase = await upgradeStage.skip(
    stageInput(t, repo, { baseSha, mode: 'containers', modules: ['new_addon', 'old_addon'] }),
  );
  assert.equal(onBase, undefined, 'old_addon is on the base: the stage has work to do');
  assert.equal(existsSync(join(repo, '.scratch')), false, 'nothing written by the skip check');
});
