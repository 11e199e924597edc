import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { Probot, ProbotOctokit, type Logger } from 'probot';
import { MemoryTokenStore, TokenBudget, type TokenStore } from '../core/llm/token-budget.js';
import type { ModuleSpec } from '../core/spec/module-spec.js';
import { forgeApp } from './forge-app.js';
import type { OnboardingTemplates } from './forge-deps.js';
import { SpecDrafter } from '../core/llm/spec-drafter.js';
import { LlmRepairer } from '../core/repair/llm-repairer.js';
import type { AddonChecker } from './repair/repair-deps.js';
import { createWebhookServer } from './webhook-server.js';
import { MemoryDeliveryJournal, type DeliveryJournal } from './work/delivery-journal.js';
import { DeliveryRunner } from './work/delivery-runner.js';
import { DeliveryScope } from './work/delivery-scope.js';
import type { AppRequest } from './work/recover-deliveries.js';
import { WorkQueue } from './work/work-queue.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ForgeOptions {
  appId: number | string;
  privateKey: string;
  webhookSecret: string;
  /** Give it `scope.mixin` (see DeliveryScope) so its lines carry the delivery id. */
  log: Logger;
  templates: OnboardingTemplates;
  generate: (spec: ModuleSpec) => Map<string, string>;
  /** No key: specs come only from the form's YAML. */
  anthropicApiKey?: string | undefined;
  /** The HTTP transport of the Anthropic client (tests: recorded responses). */
  anthropicFetch?: Fetch | undefined;
  /** The Octokit class (tests: `ProbotOctokit.defaults({ request: { fetch } })`). */
  Octokit?: typeof ProbotOctokit | undefined;
  /** GitHub's REST API (default https://api.github.com; GHES: `https://<host>/api/v3`). */
  baseUrl?: string | undefined;
  /** False: no write throttling (a GHES without rate limits, a fake). Default true. */
  throttle?: boolean | undefined;
  webhookPath?: string | undefined;
  /** Background work running at once (default 4). */
  workConcurrency?: number | undefined;
  /** The delivery of the running work (default: a new one). */
  scope?: DeliveryScope | undefined;
  /** Finished deliveries (default: in memory, lost on restart). */
  journal?: DeliveryJournal | undefined;
  /** The LLM token counts (default: in memory, lost on restart). */
  tokenStore?: TokenStore | undefined;
  /** The checker a model's repair must pass before it is pushed (docs/repair.md); without it only deterministic repairs. */
  addonChecker?: AddonChecker | undefined;
}

export interface Forge {
  server: Server;
  work: WorkQueue;
  probot: Probot;
  journal: DeliveryJournal;
  /** The app authenticated as itself (JWT): `GET /app`, the delivery log. */
  appOctokit(): Promise<AppRequest>;
}

/** The composition root shared by `npm start`, the tests and the benchmark. */
export async function createForge(options: ForgeOptions): Promise<Forge> {
  const baseOctokit = options.Octokit ?? ProbotOctokit;
  const Octokit =
    options.throttle === false
      ? baseOctokit.defaults((octokitOptions: Record<string, unknown>) => ({
          ...octokitOptions,
          throttle: { enabled: false },
        }))
      : baseOctokit;
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    log: options.log,
    Octokit,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const work = new WorkQueue(
    options.log,
    options.workConcurrency ? { maxConcurrent: options.workConcurrency } : {},
  );
  const journal = options.journal ?? new MemoryDeliveryJournal();
  const runner = new DeliveryRunner(work, journal, options.scope ?? new DeliveryScope(), options.log);
  const anthropic = options.anthropicApiKey
    ? new Anthropic({
        apiKey: options.anthropicApiKey,
        maxRetries: 2,
        ...(options.anthropicFetch ? { fetch: options.anthropicFetch } : {}),
      })
    : undefined;
  // One budget for every model call of the app: drafting, revising and repairing.
  const budget = new TokenBudget(options.tokenStore ?? new MemoryTokenStore());
  const drafter = anthropic ? new SpecDrafter(anthropic, budget, options.log) : undefined;
  const repairer = anthropic ? new LlmRepairer(anthropic, budget, options.log) : undefined;
  const app = forgeApp({
    drafter,
    templates: options.templates,
    generate: options.generate,
    repair: { repairer, checkAddon: options.addonChecker },
  });
  const server = await createWebhookServer({
    probot,
    app,
    secret: options.webhookSecret,
    path: options.webhookPath,
    dispatch: runner.dispatch,
    onRequest: () => work.answering(),
  });
  return {
    server,
    work,
    probot,
    journal,
    appOctokit: async () => (await probot.auth()) as unknown as AppRequest,
  };
}

/** Reads the files the onboarding pull request adds from the `templates/` folder. */
export async function readOnboardingTemplates(templatesDir: URL): Promise<OnboardingTemplates> {
  const [issueForm, config, workflow] = await Promise.all([
    readFile(new URL('ISSUE_TEMPLATE/module-request.yml', templatesDir), 'utf8'),
    readFile(new URL('odoo-forge.yml', templatesDir), 'utf8'),
    readFile(new URL('workflows/odoo-forge.yml', templatesDir), 'utf8'),
  ]);
  return { issueForm, config, workflow };
}
