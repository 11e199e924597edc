import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as core from '@actions/core';
import { startActionGitHub, type ActionGitHub } from './support/action-github.js';

type CheckRuns = typeof import('../../actions/shared/check-runs.js');
let github: ActionGitHub;
let CheckRun: CheckRuns['CheckRun'];
let checkRunName: CheckRuns['checkRunName'];
const previousApiUrl = process.env.GITHUB_API_URL;

before(async () => {
  github = await startActionGitHub();
  // @actions/github reads GITHUB_API_URL once, when it is first imported (as on a runner).
  process.env.GITHUB_API_URL = github.served.baseUrl;
  ({ CheckRun, checkRunName } = await import('../../actions/shared/check-runs.js'));
});
after(async () => {
  process.env.GITHUB_API_URL = previousApiUrl;
  await github.close();
});

const target = (token: string, headSha: string) => ({
  token,
  owner: 'acme',
  repo: 'addons',
  headSha,
  name: checkRunName('tests', '17.0'),
  detailsUrl: 'https://github.com/acme/addons/actions/runs/1',
});

describe('CheckRun (actions/shared)', () => {
  it('never leaves a check run in progress when a batch of annotations is refused', async () => {
    const sha = '1'.repeat(40);
    const run = await CheckRun.start(core, target(github.token, sha));
    assert.ok(run.written);
    const good = {
      path: 'a/x.py',
      start_line: 3,
      end_line: 3,
      annotation_level: 'warning' as const,
      message: 'fine',
    };
    const done = await run.complete({
      conclusion: 'failure',
      title: 'tests',
      summary: 'one test failed',
      // GitHub refuses an annotation on line 0: the second batch fails.
      annotations: [...Array(50).fill(good), { ...good, start_line: 0, end_line: 0 }],
    });
    assert.equal(done, false);
    const [check] = github.repo.checkRuns.filter((r) => r.headSha === sha);
    assert.equal(check?.name, 'Odoo Forge / tests (17.0)');
    assert.equal(check?.status, 'completed');
    assert.equal(check?.conclusion, 'failure');
    assert.equal(check?.annotations.length, 50);
    assert.match(
      check?.output.summary ?? '',
      /Annotations could not all be sent: the Checks API answered HTTP 422/,
    );
    assert.deepEqual(
      github.fake.violations.splice(0).map((v) => v.split(':')[0]),
      ['checks/update'],
      'the refused batch is the only violation',
    );
  });

  it('falls back when the token loses write access between start and complete, and attach completes by id', async () => {
    const sha = '2'.repeat(40);
    const token = 'ghs_installation_31_later_read_only';
    const run = await CheckRun.start(core, target(token, sha));
    github.fake.state.readOnlyTokens.add(token);
    assert.equal(
      await run.complete({ conclusion: 'success', title: 't', summary: 's', annotations: [] }),
      false,
    );
    assert.match(run.fallbackReason ?? '', /HTTP 403/);
    const id = github.repo.checkRuns.find((r) => r.headSha === sha)?.id;
    const attached = CheckRun.attach(core, target(github.token, sha), id);
    assert.equal(
      await attached.complete({ conclusion: 'cancelled', title: 'c', summary: 'cancelled', annotations: [] }),
      true,
    );
    assert.equal(github.repo.checkRuns.find((r) => r.id === id)?.conclusion, 'cancelled');
    github.fake.assertClean();
  });
});
