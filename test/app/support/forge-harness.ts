import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import { pino } from 'pino';
import { ProbotOctokit } from 'probot';
import { generate } from '../../../core/generator/generate.js';
import { createForge, type Forge } from '../../../app/create-forge.js';
import { DeliveryScope } from '../../../app/work/delivery-scope.js';
import type { AddonChecker } from '../../../app/repair/repair-deps.js';
import { FakeGitHub } from '../../fakes/github/fake-github.js';
import type { FakeRepo } from '../../fakes/github/github-state.js';
import type { OpenApiRoutes } from '../../fakes/github/openapi-routes.js';
import { RecordedLlm } from './recorded-llm.js';
import { WebhookPayloads } from './webhook-payloads.js';

export const WEBHOOK_SECRET = 'test-webhook-secret';
export const INSTALLATION_ID = 42;

export interface Harness {
  fake: FakeGitHub;
  repo: FakeRepo;
  llm: RecordedLlm | undefined;
  forge: Forge;
  payloads: WebhookPayloads;
  url: string;
  /** Signs `payload` with the webhook secret and POSTs it; resolves with the HTTP status. */
  deliver(
    event: string,
    payload: Record<string, unknown>,
    options?: { id?: string; secret?: string },
  ): Promise<number>;
  /** Waits until every piece of queued work has finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  routes: OpenApiRoutes;
  payloads: WebhookPayloads;
  /** Recorded LLM answers; when given, the app gets an Anthropic key. */
  llmFixtures?: string[];
  files?: Record<string, string>;
  workConcurrency?: number;
  /** Receives every log line of the app as parsed JSON (default: the app logs nothing). */
  logLines?: Array<Record<string, unknown>>;
  /** A new app process on the GitHub of an earlier harness (a restart): nothing else is shared. */
  restartOn?: Pick<Harness, 'fake' | 'repo'>;
  /** The checker a model's repair must pass (test/app/support/repair-scenario.ts). */
  addonChecker?: AddonChecker;
}

/**
 * ProbotOctokit talking to the fake. The function form is needed: Probot merges its own
 * throttle options over object defaults, which would space writes 1 s apart (3 s for comments).
 */
export function fakeOctokit(fake: FakeGitHub): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    request: { ...(options.request as Record<string, unknown> | undefined), fetch: fake.fetch },
    retry: { enabled: false },
    throttle: { enabled: false },
  }));
}

/** A generated key for the test app: never a committed one. */
function testPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

const templatesDir = new URL('../../../templates/', import.meta.url);

/** The real app (composition root, HTTP server) on a loopback port, backed by the fake GitHub. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = options.restartOn?.fake ?? new FakeGitHub(options.routes);
  const repo =
    options.restartOn?.repo ??
    fake.state.addRepo('acme', 'odoo-addons', {
      installationId: INSTALLATION_ID,
      ...(options.files ? { files: options.files } : {}),
    });
  const llm = options.llmFixtures ? new RecordedLlm(options.llmFixtures) : undefined;
  const scope = new DeliveryScope();
  const forge = await createForge({
    scope,
    appId: 1234,
    privateKey: testPrivateKey(),
    webhookSecret: WEBHOOK_SECRET,
    log: options.logLines
      ? pino(
          { level: 'info', mixin: scope.mixin },
          {
            write: (line: string) => void options.logLines?.push(JSON.parse(line) as Record<string, unknown>),
          },
        )
      : pino({ level: process.env.FORGE_TEST_LOG ?? 'silent' }),
    templates: {
      issueForm: readFileSync(new URL('ISSUE_TEMPLATE/module-request.yml', templatesDir), 'utf8'),
      config: readFileSync(new URL('odoo-forge.yml', templatesDir), 'utf8'),
      workflow: readFileSync(new URL('workflows/odoo-forge.yml', templatesDir), 'utf8'),
    },
    generate,
    anthropicApiKey: llm ? 'sk-ant-test' : undefined,
    anthropicFetch: llm?.fetch,
    Octokit: fakeOctokit(fake),
    workConcurrency: options.workConcurrency,
    addonChecker: options.addonChecker,
  });
  await new Promise<void>((resolve) => forge.server.listen(0, '127.0.0.1', resolve));
  const { port } = forge.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    fake,
    repo,
    llm,
    forge,
    payloads: options.payloads,
    url,
    async deliver(event, payload, deliveryOptions = {}) {
      const body = JSON.stringify(payload);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': deliveryOptions.id ?? randomUUID(),
          'x-hub-signature-256': await sign(deliveryOptions.secret ?? WEBHOOK_SECRET, body),
        },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    settle: () => forge.work.idle(),
    close: async () => {
      await forge.work.idle();
      await new Promise<void>((resolve, reject) =>
        forge.server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
