import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { SmeeClient } from 'smee-client';
import { generate } from '../core/generator/generate.js';
import { createForge, readOnboardingTemplates } from './create-forge.js';

/**
 * `npm start`: the composition root of the running app. Reads the environment (see
 * docs/github-app.md), serves webhooks on PORT, and forwards from WEBHOOK_PROXY_URL with
 * smee-client when it is set. SIGTERM/SIGINT: stop accepting, finish queued work, exit.
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const log = pino({ level: env.LOG_LEVEL ?? 'info', name: 'odoo-forge' });
  const appId = required(env, 'APP_ID');
  const privateKey = env.PRIVATE_KEY
    ? decodeKey(env.PRIVATE_KEY)
    : env.PRIVATE_KEY_PATH
      ? await readFile(env.PRIVATE_KEY_PATH, 'utf8')
      : fail(
          'PRIVATE_KEY or PRIVATE_KEY_PATH',
          'the private key (.pem) downloaded from the GitHub App settings',
        );
  const webhookSecret = required(env, 'WEBHOOK_SECRET');
  const webhookPath = env.WEBHOOK_PATH ?? '/api/github/webhooks';
  const forge = await createForge({
    appId,
    privateKey,
    webhookSecret,
    log,
    templates: await readOnboardingTemplates(templatesDir()),
    generate,
    anthropicApiKey: env.ANTHROPIC_API_KEY,
    webhookPath,
  });
  const port = Number(env.PORT ?? '3000');
  const host = env.HOST ?? '0.0.0.0';
  await new Promise<void>((resolve) => forge.server.listen(port, host, resolve));
  log.info({ port, host, webhookPath, llm: Boolean(env.ANTHROPIC_API_KEY) }, 'Odoo Forge is listening');
  let smee: SmeeClient | undefined;
  if (env.WEBHOOK_PROXY_URL) {
    smee = new SmeeClient({
      source: env.WEBHOOK_PROXY_URL,
      target: `http://127.0.0.1:${port}${webhookPath}`,
      logger: console,
    });
    await smee.start();
  }
  const stop = async (): Promise<void> => {
    log.info('stopping: finishing queued work');
    await smee?.stop();
    forge.server.close();
    await forge.work.idle();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

/** `templates/` of the package: next to `app/` from the sources, two levels up from `dist/app/`. */
function templatesDir(): URL {
  const candidates = [
    new URL('../templates/', import.meta.url),
    new URL('../../templates/', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? (candidates[0] as URL);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  return (
    env[name] ??
    fail(
      name,
      name === 'APP_ID'
        ? 'the App ID shown on the GitHub App settings page'
        : 'the webhook secret set on the GitHub App',
    )
  );
}

function fail(name: string, what: string): never {
  throw new Error(`${name} is not set: set it to ${what} (see docs/github-app.md)`);
}

/** PRIVATE_KEY may hold the PEM itself, with literal "\n", or base64 of it. */
function decodeKey(value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return Buffer.from(value, 'base64').toString('utf8');
}

main(process.env).catch((thrown: unknown) => {
  console.error(`odoo-forge app: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  process.exit(1);
});
