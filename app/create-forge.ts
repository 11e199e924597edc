import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { Probot, ProbotOctokit, type Logger } from 'probot';
import type { ModuleSpec } from '../core/spec/module-spec.js';
import { forgeApp } from './forge-app.js';
import type { OnboardingTemplates } from './forge-deps.js';
import { SpecDrafter } from './llm/spec-drafter.js';
import { TokenLedger } from './llm/token-ledger.js';
import { createWebhookServer } from './webhook-server.js';
import { WorkQueue } from './work/work-queue.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ForgeOptions {
  appId: number | string;
  privateKey: string;
  webhookSecret: string;
  log: Logger;
  templates: OnboardingTemplates;
  generate: (spec: ModuleSpec) => Map<string, string>;
  /** No key: specs come only from the form's YAML. */
  anthropicApiKey?: string | undefined;
  /** The HTTP transport of the Anthropic client (tests: recorded responses). */
  anthropicFetch?: Fetch | undefined;
  /** The Octokit class (tests: `ProbotOctokit.defaults({ request: { fetch } })`). */
  Octokit?: typeof ProbotOctokit | undefined;
  webhookPath?: string | undefined;
  /** Background work running at once (default 4). */
  workConcurrency?: number | undefined;
}

export interface Forge {
  server: Server;
  work: WorkQueue;
  probot: Probot;
}

/** The composition root shared by `npm start`, the tests and the benchmark. */
export async function createForge(options: ForgeOptions): Promise<Forge> {
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    log: options.log,
    ...(options.Octokit ? { Octokit: options.Octokit } : {}),
  });
  const work = new WorkQueue(
    options.log,
    options.workConcurrency ? { maxConcurrent: options.workConcurrency } : {},
  );
  const drafter = options.anthropicApiKey
    ? new SpecDrafter(
        new Anthropic({
          apiKey: options.anthropicApiKey,
          maxRetries: 2,
          ...(options.anthropicFetch ? { fetch: options.anthropicFetch } : {}),
        }),
        new TokenLedger(),
        options.log,
      )
    : undefined;
  const app = forgeApp({ work, drafter, templates: options.templates, generate: options.generate });
  const server = await createWebhookServer({
    probot,
    app,
    secret: options.webhookSecret,
    path: options.webhookPath,
    dispatch: (deliveryId, run) =>
      work.enqueue(`delivery ${deliveryId}`, `dispatch of delivery ${deliveryId}`, run),
    onRequest: () => work.answering(),
  });
  return { server, work, probot };
}

/** Reads the files the onboarding pull request adds from the `templates/` folder. */
export async function readOnboardingTemplates(templatesDir: URL): Promise<OnboardingTemplates> {
  const [issueForm, config] = await Promise.all([
    readFile(new URL('ISSUE_TEMPLATE/module-request.yml', templatesDir), 'utf8'),
    readFile(new URL('odoo-forge.yml', templatesDir), 'utf8'),
  ]);
  return { issueForm, config };
}
