import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { databaseExists, defaultLocalPostgres } from '../../runner/local-odoo/local-postgres.js';
import type { PrReport } from '../../runner/report/pr-report.js';
import { fixtureAddonsFor } from '../support/fixture-addons.js';
import { odooTreeOrSkip } from '../support/odoo-trees.js';
import { startActionGitHub } from './support/action-github.js';
import { addonFiles, makeGitWorkspace } from './support/git-workspace.js';
import { pullRequestEvent } from './support/pull-request-event.js';
import { nodeRuntimes, runAction, type NodeRuntime } from './support/run-action.js';

// actions/test with `mode: local` (the ARC runner image's mode: PostgreSQL and Odoo as processes,
// no container engine), run from its bundle as the runner does, against the machine's
// PostgreSQL (127.0.0.1:5432) and the Odoo 18.0 tree. No DOCKER_HOST is passed: nothing here
// may need an engine.
test(
  'actions/test in mode local installs a pull request addon with its tests on the local PostgreSQL and an Odoo tree, reports the check run, and leaves no run database',
  { timeout: 15 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'actions/test in mode local');
    if (!tree) return;
    const addons = fixtureAddonsFor(t, '18.0', ['forge_fx_clean']);
    const ws = makeGitWorkspace({}, addonFiles(join(addons, 'forge_fx_clean'), 'addons/forge_fx_clean'));
    const github = await startActionGitHub('acme', 'local-mode');
    t.after(async () => {
      ws.remove();
      await github.close();
    });

    const run = await runAction({
      action: 'test',
      node: nodeRuntimes[0] as NodeRuntime,
      inputs: {
        'addons-path': 'addons',
        'odoo-src': tree.root,
        mode: 'local',
        // The fixture has no menu: the browser check logs in, reads the (empty) inventory and
        // has nothing to open (neutral); what is checked here is that it runs, on the test run's
        // database.
        'browser-checks': 'true',
        'github-token': github.token,
      },
      workspace: ws.dir,
      event: pullRequestEvent({
        owner: 'acme',
        repo: 'local-mode',
        number: 7,
        baseSha: ws.baseSha,
        headSha: ws.headSha,
      }),
      apiUrl: github.served.baseUrl,
      repository: github.repository,
      sha: ws.headSha,
      timeoutMs: 12 * 60_000,
    });

    const log = `${run.main.stdout}\n${run.main.stderr}`;
    assert.equal(run.main.exitCode, 0, log);
    assert.equal(run.main.outputs.conclusion, 'success', log);
    const report = JSON.parse(run.main.outputFiles.report ?? '{}') as PrReport;
    const series = report.series[0];
    assert.equal(series?.series, '18.0');
    assert.deepEqual(
      series?.tests.modules.map((m) => [m.name, m.installed, m.testsRun, m.failed]),
      [['forge_fx_clean', true, 2, 0]],
    );
    const checks = github.repo.checkRuns.filter((r) => r.headSha === ws.headSha);
    assert.equal(checks.find((r) => r.name === 'Odoo Forge / tests (18.0)')?.conclusion, 'success');
    // The run database was a clone named in the log; main dropped it, post found nothing left.
    const database = /on (forge_run_\w+) \(clone of/.exec(log)?.[1];
    assert.ok(database, `the log names the run database:\n${log}`);
    assert.equal(await databaseExists(defaultLocalPostgres, database), false, `${database} is left`);
    // One install: the browser check served the run database itself, not a copy installed again.
    assert.equal(log.match(/: install forge_fx_clean on /g)?.length, 1, log);
    assert.match(log, new RegExp(`browser checks on ${database}, the test run's database`), log);
    assert.match(log, /browser check as admin \(admin\): 0 steps/, log);
    assert.equal(checks.find((r) => r.name === 'Odoo Forge / browser (18.0)')?.conclusion, 'neutral', log);
    assert.equal(run.post?.exitCode, 0, run.post?.stderr);
    assert.match(run.post?.stdout ?? '', /Nothing left by main|Removed/);
  },
);
