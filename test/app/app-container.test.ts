import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { sign } from '@octokit/webhooks-methods';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub } from '../fakes/github/serve-fake-github.js';
import { engineOrSkip } from '../runner/helpers/engine.js';
import { appImageContext } from './support/app-image-context.js';
import { PROCESS_WEBHOOK_SECRET, testPrivateKeyPem } from './support/app-process.js';
import { alice } from './support/conversation.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const exec = promisify(execFile);
const BASE = 'localhost/forge-debian:bookworm';

/** Podman's CLI as a client of the engine the other container tests use (DOCKER_HOST). */
function podman(args: string[], timeout = 600_000): Promise<{ stdout: string; stderr: string }> {
  const url = process.env.DOCKER_HOST ?? 'unix:///run/forge-podman.sock';
  return exec('podman', ['--remote', '--url', url, ...args], { timeout, maxBuffer: 64 * 1024 * 1024 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('app/Containerfile', { timeout: 900_000 }, () => {
  it('builds on the local Debian base, runs the app against a GHES host, answers a request, stops on SIGTERM with 0', async (t) => {
    if (!(await engineOrSkip(t, [BASE]))) return;
    const tag = `localhost/odoo-forge-app:test-${process.pid}`;
    const container = `forge-app-test-${process.pid}`;
    const context = await appImageContext();
    const fake = new FakeGitHub(OpenApiRoutes.load());
    const repo = fake.state.addRepo('acme', 'odoo-addons', { installationId: 42 });
    const served = await serveFakeGitHub(fake);
    try {
      const started = Date.now();
      await podman([
        'build',
        '--tag',
        tag,
        '--file',
        'Containerfile',
        '--build-arg',
        `BASE=${BASE}`,
        context,
      ]);
      t.diagnostic(`image built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const port = await freePort();
      const env = {
        APP_ID: '1234',
        PRIVATE_KEY: Buffer.from(testPrivateKeyPem()).toString('base64'),
        WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
        GHE_HOST: served.host,
        GHE_PROTOCOL: 'http',
        FORGE_THROTTLE: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
      };
      await podman([
        'run',
        '--detach',
        '--name',
        container,
        '--network',
        'host',
        ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
        tag,
      ]);
      const url = `http://127.0.0.1:${port}`;
      await until('the app in the container to answer /healthz', async () =>
        (await fetch(`${url}/healthz`)).ok ? true : undefined,
      );
      await until('the start-up probe', async () =>
        (await podman(['logs', container])).stdout.includes('GitHub answered') ? true : undefined,
      );
      const startLog = (await podman(['logs', container])).stdout;
      assert.match(
        startLog,
        /"repairChecker":"\/usr\/bin\/python3"/,
        'the image has python3: the repair loop checks a model’s edits before it pushes them',
      );
      assert.doesNotMatch(startLog, /repair checker unavailable/);

      const issue = fake.state.addIssue(repo, {
        title: 'Library loans',
        body: issueFormMarkdown({ description: 'Lend books.', yaml: librarySpecYaml }),
        user: alice,
      });
      const body = JSON.stringify(new WebhookPayloads().issueOpened(repo, issue));
      const answer = await fetch(`${url}/api/github/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': await sign(PROCESS_WEBHOOK_SECRET, body),
        },
        body,
      });
      assert.equal(answer.status, 200);
      const spec = await until('the spec comment', async () =>
        fake.state.commentsOn(repo, issue.number).find((c) => c.user.type === 'Bot'),
      );
      assert.match(spec.body, /<!-- odoo-forge:spec v=1 -->/);

      await podman(['stop', '--time', '30', container]);
      const { stdout } = await podman(['inspect', '--format', '{{.State.ExitCode}}', container]);
      assert.equal(stdout.trim(), '0', 'SIGTERM: the app drains its queue and exits 0');
      fake.assertClean();
    } finally {
      await podman(['rm', '--force', container]).catch(() => undefined);
      await podman(['rmi', '--force', tag]).catch(() => undefined);
      await served.close();
      await rm(context, { recursive: true, force: true });
    }
  });
});
