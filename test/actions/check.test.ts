import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FakeCheckRun } from '../fakes/github/check-run-state.js';
import { fixtureAddons18 } from '../support/fixture-addons.js';
import { startActionGitHub, type ActionGitHub } from './support/action-github.js';
import { addonFiles, makeGitWorkspace, type GitWorkspace, type TreeFiles } from './support/git-workspace.js';
import { manyFindingsAddon } from './support/many-findings-addon.js';
import { pullRequestEvent, pushEvent } from './support/pull-request-event.js';
import { nodeRuntimes, runAction, type ActionRun, type NodeRuntime } from './support/run-action.js';

const fixture = (name: string): TreeFiles => addonFiles(join(fixtureAddons18, name), `addons/${name}`);

interface CheckReportJson {
  conclusion: string;
  addons: { name: string; dir: string }[];
  withoutManifest: string[];
  findings: { file: string; line: number; severity: string; rule: string }[];
}

let github: ActionGitHub;
let pullNumber = 0;

before(async () => {
  github = await startActionGitHub();
});
after(async () => {
  await github.close();
});

/** Runs actions/check on a pull request from `base` to `head` files; returns the run and the workspace. */
async function checkPullRequest(
  node: NodeRuntime,
  base: TreeFiles,
  head: TreeFiles,
  token: string,
  options: { baseSha?: string; expectReport?: boolean; cancelAtUpdate?: boolean } = {},
): Promise<{ run: ActionRun; ws: GitWorkspace; report: CheckReportJson; runs: FakeCheckRun[] }> {
  const ws = makeGitWorkspace(base, head);
  // Cancel: the first update of the check run is held, main gets SIGINT meanwhile.
  const held = options.cancelAtUpdate ? github.fake.hold('checks/update') : undefined;
  try {
    pullNumber += 1;
    const run = await runAction({
      action: 'check',
      node,
      inputs: { 'addons-path': 'addons', 'github-token': token, root: '' },
      workspace: ws.dir,
      event: pullRequestEvent({
        owner: github.repo.owner,
        repo: github.repo.name,
        number: pullNumber,
        baseSha: options.baseSha ?? ws.baseSha,
        headSha: ws.headSha,
      }),
      apiUrl: github.served.baseUrl,
      repository: github.repository,
      sha: ws.headSha,
      runId: 9000 + pullNumber,
      ...(held ? { cancelMain: held.reached } : {}),
    });
    const reportText = run.main.outputFiles.report ?? (options.expectReport === false ? '{}' : undefined);
    assert.ok(
      reportText,
      `no report file named by the report output:\n${run.main.stdout}\n${run.main.stderr}`,
    );
    github.fake.assertClean();
    // A copy: a held request released below must not change what the test asserts.
    const runs = structuredClone(github.repo.checkRuns.filter((r) => r.headSha === ws.headSha));
    return { run, ws, report: JSON.parse(reportText) as CheckReportJson, runs };
  } finally {
    held?.release();
    ws.remove();
  }
}

for (const node of nodeRuntimes) {
  describe(`actions/check on ${node.name}`, () => {
    it('annotates the touched addons’ findings on repository paths in a failed "Odoo Forge / lint" check run', async () => {
      const { run, ws, report, runs } = await checkPullRequest(
        node,
        fixture('forge_fx_clean'),
        { ...fixture('forge_fx_badview'), ...fixture('forge_fx_noaccess') },
        github.token,
      );
      assert.equal(run.main.exitCode, 1, run.main.stdout);
      assert.equal(run.main.outputs.conclusion, 'failure');
      assert.deepEqual(
        report.addons.map((a) => a.dir),
        ['addons/forge_fx_badview', 'addons/forge_fx_noaccess'],
        'the untouched addon is not checked',
      );
      assert.equal(runs.length, 1);
      const [check] = runs as [FakeCheckRun];
      assert.equal(check.name, 'Odoo Forge / lint');
      assert.equal(check.status, 'completed');
      assert.equal(check.conclusion, 'failure', 'post leaves a completed check run alone');
      assert.equal(run.post?.exitCode, 0);
      assert.equal(check.detailsUrl, `https://github.com/acme/addons/actions/runs/${9000 + pullNumber}`);
      const annotation = (path: string) => check.annotations.find((a) => a.path === path);
      assert.deepEqual(
        {
          line: annotation('addons/forge_fx_badview/views/fx_thing_views.xml')?.startLine,
          level: annotation('addons/forge_fx_badview/views/fx_thing_views.xml')?.level,
        },
        { line: 12, level: 'failure' },
      );
      assert.equal(annotation('addons/forge_fx_noaccess/models/fx_thing.py')?.level, 'warning');
      assert.equal(check.annotations.length, report.findings.length);
      assert.match(check.output.summary ?? '', /missing_field/);
      assert.match(
        check.output.summary ?? '',
        new RegExp(`blob/${ws.headSha}/addons/forge_fx_badview/views/fx_thing_views.xml#L12`),
      );
      assert.equal(
        run.main.annotations.filter((a) => a.properties.file).length,
        0,
        `the check run carries the annotations: no duplicates as workflow commands:\n${run.main.stdout}`,
      );
      assert.match(run.main.summary, /missing_field/);
      assert.match(run.main.summary, /\| ❌ `addons\/forge_fx_badview` \| 1 \| 0 \| \d+ \|/);
      assert.match(run.main.summary, /\| ✅ `addons\/forge_fx_noaccess` \| 0 \| 1 \| \d+ \|/);
    });

    it('on a push, checks what changed since "before" and puts the check run on the pushed commit', async () => {
      const ws = makeGitWorkspace(fixture('forge_fx_clean'), fixture('forge_fx_syntax'));
      try {
        const run = await runAction({
          action: 'check',
          node,
          inputs: { 'addons-path': 'addons', 'github-token': github.token },
          workspace: ws.dir,
          event: pushEvent({ owner: 'acme', repo: 'addons', before: ws.baseSha, after: ws.headSha }),
          eventName: 'push',
          apiUrl: github.served.baseUrl,
          repository: github.repository,
          sha: ws.headSha,
        });
        const check = github.repo.checkRuns.find((r) => r.headSha === ws.headSha);
        assert.equal(check?.conclusion, 'failure', run.main.stdout);
        assert.deepEqual(
          [...new Set(check?.annotations.map((a) => a.path.split('/').slice(0, 2).join('/')))],
          ['addons/forge_fx_syntax'],
        );
        assert.equal(check?.annotations.find((a) => a.title === 'python-syntax-error')?.startLine, 15);
      } finally {
        ws.remove();
      }
    });

    it('is neutral, "nothing to test", when the pull request touches no addon', async () => {
      const { run, report, runs } = await checkPullRequest(
        node,
        fixture('forge_fx_clean'),
        { 'README.md': '# changed\n', 'docs/notes.md': 'notes\n' },
        github.token,
      );
      assert.equal(run.main.exitCode, 0, run.main.stdout);
      assert.equal(run.main.outputs.conclusion, 'neutral');
      assert.equal(report.addons.length, 0);
      assert.equal(runs[0]?.conclusion, 'neutral');
      assert.match(runs[0]?.output.title ?? '', /Nothing to test/);
      assert.match(run.main.summary, /Nothing to test/);
    });

    it('fails on a touched addon folder that has no manifest, on its __init__.py', async () => {
      const { run, report, runs } = await checkPullRequest(
        node,
        {},
        {
          'addons/half_addon/__init__.py': 'from . import models\n',
          'addons/half_addon/models/__init__.py': '',
        },
        github.token,
      );
      assert.equal(run.main.exitCode, 1);
      assert.deepEqual(report.withoutManifest, ['addons/half_addon']);
      const annotation = runs[0]?.annotations.find((a) => a.title === 'addon-manifest-missing');
      assert.equal(annotation?.path, 'addons/half_addon/__init__.py');
      assert.equal(runs[0]?.conclusion, 'failure');
      assert.match(annotation?.message ?? '', /has no __manifest__\.py/);
      assert.match(run.main.stdout, /without a manifest: addons\/half_addon/);
    });

    it('completes the check run as a failure, with the hint, when the base commit cannot be had', async () => {
      const { run, runs } = await checkPullRequest(node, {}, fixture('forge_fx_clean'), github.token, {
        baseSha: 'f'.repeat(40),
        expectReport: false,
      });
      assert.equal(run.main.exitCode, 1);
      assert.match(run.main.stdout, /base commit f{40} .*could not be fetched.*\n?.*hint: .*fetch-depth: 0/s);
      assert.equal(runs[0]?.conclusion, 'failure');
      assert.match(runs[0]?.output.summary ?? '', /could not be fetched/);
    });

    it('completes the check run "cancelled" in its post step when the job is cancelled mid-check', async () => {
      const { run, runs } = await checkPullRequest(node, {}, fixture('forge_fx_badview'), github.token, {
        cancelAtUpdate: true,
        expectReport: false,
      });
      assert.notEqual(run.main.exitCode, 0);
      assert.equal(run.post?.exitCode, 0, run.post?.stdout);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]?.conclusion, 'cancelled');
      assert.match(runs[0]?.output.summary ?? '', /cancelled/);
      assert.match(run.post?.stdout ?? '', /completed as cancelled/);
    });

    it('falls back to workflow commands and the summary, once said, when the token may not write checks', async () => {
      const { run, runs } = await checkPullRequest(
        node,
        {},
        fixture('forge_fx_noaccess'),
        github.readOnlyToken,
      );
      assert.equal(run.main.exitCode, 0, `a read-only token must not fail the step:\n${run.main.stdout}`);
      assert.equal(run.main.outputs.conclusion, 'success');
      assert.equal(runs.length, 0);
      assert.equal(run.main.stdout.match(/No check run "Odoo Forge \/ lint"/g)?.length, 1);
      assert.match(run.main.stdout, /HTTP 403/);
      const warning = run.main.annotations.find((a) => a.properties.title === 'access-missing');
      assert.equal(warning?.level, 'warning');
      assert.equal(warning?.properties.file, 'addons/forge_fx_noaccess/models/fx_thing.py');
      assert.equal(warning?.properties.line, '4');
      assert.match(run.main.summary, /access-missing/);
      assert.match(run.main.summary, /No check run/);
    });

    it('sends 300 annotations in batches of 50 with none dropped, and cuts the summary to 65,535 characters', async () => {
      const { run, runs, report } = await checkPullRequest(
        node,
        {},
        manyFindingsAddon('addons/forge_many', 'forge_many', 300),
        github.token,
      );
      assert.equal(report.findings.length, 300);
      const [check] = runs as [FakeCheckRun];
      assert.equal(check.annotations.length, 300);
      assert.equal(check.annotationRequests, 6);
      assert.deepEqual(
        check.annotations.map((a) => a.startLine),
        Array.from({ length: 300 }, (_, i) => 12 + i),
      );
      assert.ok((check.output.summary ?? '').length <= 65_535);
      assert.match(check.output.summary ?? '', /more characters cut here/);
      assert.equal(check.conclusion, 'failure');
      // The job summary (1 MiB per step) lists every finding.
      assert.equal(run.main.summary.match(/view-unknown-field/g)?.length, 300);
    });

    it('without checks access keeps 10 error commands per step and lists all 300 in the job summary', async () => {
      const { run, runs } = await checkPullRequest(
        node,
        {},
        manyFindingsAddon('addons/forge_many', 'forge_many', 300),
        github.foreignToken,
      );
      assert.equal(runs.length, 0);
      assert.match(run.main.stdout, /HTTP 404/);
      assert.equal(run.main.annotations.filter((a) => a.level === 'error' && a.properties.file).length, 10);
      assert.match(run.main.stdout, /290 more finding\(s\) are not annotated here/);
      assert.equal(run.main.summary.match(/view-unknown-field/g)?.length, 300);
    });
  });
}
