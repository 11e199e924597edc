import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDeploymentEvent } from '../../actions/deploy/src/deployment-event.js';
import { statusDescription, STATUS_DESCRIPTION_LIMIT } from '../../actions/deploy/src/deployment-statuses.js';
import { deploySummary } from '../../actions/deploy/src/deploy-summary.js';
import { ForgeError } from '../../core/errors/forge-error.js';

const require = createRequire(import.meta.url);
type Payload = Record<string, unknown>;

/** The real `deployment.created` example of @octokit/webhooks-examples, with `deployment` changes. */
function example(deployment: Payload = {}): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Payload[];
  }[];
  const payload = structuredClone(groups.find((g) => g.name === 'deployment')?.examples[0]) as Payload;
  payload.deployment = { ...(payload.deployment as Payload), ...deployment };
  return payload;
}

const forgePayload = {
  forge: 1,
  task: 'deploy',
  environment: 'production',
  addons: ['library'],
  pull_request: 12,
  thread: 12,
  requester: 'octocat',
  command_comment_id: 77,
  allow_self_approval: false,
};

function withEvent<T>(payload: Payload, fn: (env: NodeJS.ProcessEnv) => T, eventName = 'deployment'): T {
  const dir = mkdtempSync(join(tmpdir(), 'forge-deploy-event-'));
  try {
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(payload));
    return fn({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the deployment event of actions/deploy', () => {
  it("reads GitHub's own example: id, sha, ref, task deploy, environment, and no Forge payload", () => {
    const event = withEvent(example(), (env) => readDeploymentEvent(env));
    assert.deepEqual(
      { ...event },
      {
        id: 145988746,
        sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        ref: 'master',
        task: 'deploy',
        environment: 'production',
        payload: undefined,
        creator: 'Codertocat',
      },
    );
  });

  it("reads the Forge app's payload, also when GitHub hands it back as a JSON string", () => {
    for (const payload of [forgePayload, JSON.stringify(forgePayload)]) {
      const event = withEvent(example({ payload }), (env) => readDeploymentEvent(env));
      assert.equal(event.payload?.requester, 'octocat');
      assert.deepEqual(event.payload?.addons, ['library']);
    }
  });

  it('refuses another event, a task it does not run, and a payload whose task differs, naming each', () => {
    const refused = (payload: Payload, eventName = 'deployment'): ForgeError => {
      try {
        withEvent(payload, (env) => readDeploymentEvent(env), eventName);
      } catch (error) {
        assert.ok(error instanceof ForgeError);
        return error;
      }
      assert.fail('expected a ForgeError');
    };
    const push = refused(example(), 'push');
    assert.equal(push.code, 'input.deploy-event');
    assert.match(push.message, /runs on the deployment event, not on push/);
    assert.match(push.hint ?? '', /on: deployment/);
    const task = refused(example({ task: 'deploy:migrate' }));
    assert.equal(task.code, 'input.deployment-task');
    assert.match(
      task.message,
      /task "deploy:migrate": actions\/deploy runs deploy, deploy:rollback, deploy:copy/,
    );
    const mismatch = refused(example({ task: 'deploy:rollback', payload: forgePayload }));
    assert.equal(mismatch.code, 'input.deployment-task');
    const noId = refused(example({ id: 'x' }));
    assert.match(noId.message, /deployment\.id/);
  });
});

describe('deployment statuses and the summary', () => {
  it('cuts a description to 140 characters on one line, with an ellipsis only when cut', () => {
    assert.equal(statusDescription('Deployed:\n  installed library'), 'Deployed: installed library');
    const long = statusDescription(`Failed, backup 20261202T021400Z-1a2b3c restored: ${'x'.repeat(300)}`);
    assert.equal(long.length, STATUS_DESCRIPTION_LIMIT);
    assert.ok(long.endsWith('…'));
    assert.equal(statusDescription('a'.repeat(140)), 'a'.repeat(140));
  });

  it('says in the summary what was backed up, updated and checked, and what went wrong', () => {
    const event = withEvent(example({ payload: forgePayload }), (env) => readDeploymentEvent(env));
    const files = { 'a/b.bin': 'f'.repeat(64) };
    const summary = deploySummary(
      event,
      'production',
      {
        outcome: 'restored',
        ok: false,
        url: 'http://127.0.0.1:8069',
        description: 'Failed',
        problems: [
          'the update exited 255: KeyError: no_such_field',
          "browser check: admin: Shelf/Items (kanban) failed: Missing 'card' template",
        ],
        backup: {
          manifest: {
            format: 'odoo-forge-backup/1',
            id: '20261202T021400Z-1a2b3c',
            database: 'forge',
            createdAt: '2026-12-02T02:14:00Z',
            reason: 'before deploy 1',
            facts: {
              modules: { library: '18.0.1.0.0' },
              tables: { 'public.res_users': 2 },
              odooSeries: '18.0',
              pgVersion: '15.14',
            },
            dump: {
              key: 'production/forge/20261202T021400Z-1a2b3c/dump.pgc',
              bytes: 3 * 1024 * 1024,
              sha256: 'ab'.repeat(32),
            },
            filestore: {
              key: 'production/forge/20261202T021400Z-1a2b3c/filestore.tar',
              bytes: 2048,
              sha256: 'cd'.repeat(32),
              files,
            },
            seconds: 2.5,
          },
          good: false,
        },
        plan: { install: [], update: ['library'], unchanged: ['base_extra'] },
        logTail: 'KeyError: no_such_field',
        browserCheck: {
          state: 'ran',
          menus: 1,
          steps: 2,
          failures: [
            {
              page: 'admin: Shelf/Items (kanban)',
              user: 'admin',
              step: 'open',
              ok: false,
              message: "Missing 'card' template | in the kanban view\nTraceback ...",
              durationMs: 900,
            },
          ],
          durationMs: 61_500,
        },
        mailsCaught: 3,
        seconds: 41.2,
      },
      { environmentUrl: 'https://erp.example.com', mailsCaught: 3 },
    );
    assert.match(summary, /^## ❌ Odoo Forge deploy on production: restored/);
    assert.match(summary, /requested by @octocat, pull request #12, addons `library`/);
    assert.match(summary, /Still serving the previous release at https:\/\/erp\.example\.com/);
    assert.match(
      summary,
      /\| `20261202T021400Z-1a2b3c` \| database dump \| `production\/forge\/20261202T021400Z-1a2b3c\/dump\.pgc` \| 3\.0 MiB \|/,
    );
    assert.match(summary, /filestore \(1 files\)/);
    assert.match(summary, /restore drill: not drilled yet/);
    assert.match(summary, /\| - \| `library` \| `base_extra` \|/);
    assert.match(summary, /- the update exited 255: KeyError: no_such_field/);
    assert.match(summary, /Mails caught by the environment's mail catcher: 3\./);
    // The browser check: what ran, and each failed step with its page, step and cause (one line).
    assert.match(summary, /^Browser check of the menus: 1 menu, 2 steps, 1 failure in 61\.5 s\.$/m);
    assert.match(
      summary,
      /^- failed: admin: Shelf\/Items \(kanban\) \(open\): Missing 'card' template \\\| in the kanban view$/m,
    );
    assert.doesNotMatch(summary, /Traceback/);
  });

  it('says in the summary when the browser check was skipped, and why', () => {
    const event = withEvent(example({ payload: forgePayload }), (env) => readDeploymentEvent(env));
    const summary = deploySummary(
      event,
      'production',
      {
        outcome: 'deployed',
        ok: true,
        url: 'http://127.0.0.1:8069',
        description: 'Deployed',
        problems: [],
        browserCheck: { state: 'skipped', reason: 'no Chromium at /usr/bin/chromium' },
        seconds: 20,
      },
      { environmentUrl: 'https://erp.example.com' },
    );
    assert.match(summary, /`\/web\/health` answers `pass`/);
    assert.match(summary, /^Browser check of the menus: skipped \(no Chromium at \/usr\/bin\/chromium\)\.$/m);
  });
});
