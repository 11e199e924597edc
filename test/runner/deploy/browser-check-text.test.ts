// The deploy's browser check as text: describeBrowserCheck (the CLI's lines and the job
// summary's) for a check that passed, one that failed a step with its cause, and one skipped,
// and the `odoo-forge deploy` text output that prints those lines under the outcome.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printDeployResult } from '../../../cli/commands/deploy.js';
import type { CliIo } from '../../../cli/cli-io.js';
import {
  describeBrowserCheck,
  type DeployBrowserCheck,
} from '../../../runner/deploy/deploy-browser-check.js';
import type { DeployResult } from '../../../runner/deploy/deploy-environment.js';

const passed: DeployBrowserCheck = { state: 'ran', menus: 1, steps: 2, failures: [], durationMs: 4321 };

const failed: DeployBrowserCheck = {
  state: 'ran',
  menus: 2,
  steps: 3,
  durationMs: 12_050,
  failures: [
    {
      page: 'admin: Library / Books (kanban)',
      user: 'admin',
      step: 'open',
      ok: false,
      message:
        'Odoo Server Error: KeyError: \'isbn\'\nTraceback (most recent call last):\n  File "odoo/http.py"',
      durationMs: 900,
    },
  ],
};

function captured(): { io: CliIo; out: () => string } {
  let text = '';
  const io: CliIo = {
    out: (chunk) => (text += chunk),
    err: (chunk) => (text += `[err] ${chunk}`),
    isTty: false,
    cwd: '/',
    env: {},
  };
  return { io, out: () => text };
}

function result(outcome: DeployResult['outcome'], browserCheck: DeployBrowserCheck): DeployResult {
  return {
    outcome,
    deployId: '20261203T101500-ab12',
    problems:
      outcome === 'deployed'
        ? []
        : ["browser check: admin: Library / Books (kanban) failed: Odoo Server Error: KeyError: 'isbn'"],
    backupId: 'forge-20261203T101455-9f3e',
    plan: { install: [], update: ['library'], unchanged: ['loans'] },
    url: 'http://127.0.0.1:8069',
    seconds: 41.26,
    logTail: '',
    mailsCaught: 0,
    browserCheck,
  };
}

describe('describeBrowserCheck', () => {
  it('says what a passed check ran: menus, steps, no failure, its time', () => {
    assert.deepEqual(describeBrowserCheck(passed), ['browser check: 1 menu, 2 steps, 0 failures in 4.3 s']);
    assert.deepEqual(describeBrowserCheck({ ...passed, menus: 0, steps: 0, durationMs: 80 }), [
      'browser check: 0 menus, 0 steps, 0 failures in 0.1 s',
    ]);
  });

  it('names each failed step: its page, its step and the first line of its cause', () => {
    assert.deepEqual(describeBrowserCheck(failed), [
      'browser check: 2 menus, 3 steps, 1 failure in 12.1 s',
      "failed: admin: Library / Books (kanban) (open): Odoo Server Error: KeyError: 'isbn'",
    ]);
    const { message: _dropped, ...noCause } = failed.failures[0]!;
    assert.deepEqual(
      describeBrowserCheck({ ...failed, failures: [noCause] })[1],
      'failed: admin: Library / Books (kanban) (open): no cause given',
    );
    const long =
      describeBrowserCheck({ ...failed, failures: [{ ...noCause, message: 'x'.repeat(1000) }] })[1] ?? '';
    assert.equal(long.length, 'failed: admin: Library / Books (kanban) (open): '.length + 300);
  });

  it('says why a skipped check did not run', () => {
    assert.deepEqual(describeBrowserCheck({ state: 'skipped', reason: 'no Chromium at /usr/bin/chromium' }), [
      'browser check: skipped (no Chromium at /usr/bin/chromium)',
    ]);
  });
});

describe('odoo-forge deploy text output', () => {
  it('prints a passed browser check under the plan of a deployed release', () => {
    const { io, out } = captured();
    printDeployResult(result('deployed', passed), io);
    assert.equal(
      out(),
      [
        'deploy 20261203T101500-ab12: DEPLOYED in 41.3 s (backup forge-20261203T101455-9f3e)',
        '  installed: -   updated: library   unchanged: loans',
        '  browser check: 1 menu, 2 steps, 0 failures in 4.3 s',
        '  mails caught: 0',
        '  url: http://127.0.0.1:8069',
        '',
      ].join('\n'),
    );
  });

  it('prints the failed step with its cause, indented under the check, after the problems of a restored deploy', () => {
    const { io, out } = captured();
    printDeployResult(result('restored', failed), io);
    assert.equal(
      out(),
      [
        'deploy 20261203T101500-ab12: FAILED, backup restored in 41.3 s (backup forge-20261203T101455-9f3e)',
        '  installed: -   updated: library   unchanged: loans',
        "  problem: browser check: admin: Library / Books (kanban) failed: Odoo Server Error: KeyError: 'isbn'",
        '  browser check: 2 menus, 3 steps, 1 failure in 12.1 s',
        "    failed: admin: Library / Books (kanban) (open): Odoo Server Error: KeyError: 'isbn'",
        '  mails caught: 0',
        '  url: http://127.0.0.1:8069',
        '',
      ].join('\n'),
    );
  });
});
