import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SmeeClient } from 'smee-client';
import { ForgeError } from '../core/errors/forge-error.js';
import { generate } from '../core/generator/generate.js';
import { createForge, readOnboardingTemplates } from './create-forge.js';
import { readForgeEnv } from './forge-env.js';
import { createForgeLog } from './forge-log.js';
import { FileTokenStore } from './llm/file-token-store.js';
import { startAddonChecker } from './repair/python-addon-checker.js';
import { probeGitHub } from './probe-github.js';
import { FileDeliveryJournal } from './work/delivery-journal.js';
import { DeliveryScope } from './work/delivery-scope.js';
import { recoverDeliveries } from './work/recover-deliveries.js';

/**
 * `npm start`: the composition root of the running app. Reads the environment (Probot's
 * variables and Forge's, see docs/github-app.md), serves webhooks on HOST:PORT, probes GitHub
 * (`GET /app`), asks GitHub to redeliver the deliveries a previous run left unfinished, and
 * forwards from WEBHOOK_PROXY_URL with smee-client when it is set. SIGTERM/SIGINT: stop
 * accepting, finish queued work, exit 0.
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const config = readForgeEnv(env);
  const scope = new DeliveryScope();
  const log = await createForgeLog(config.log, scope.mixin);
  const journal = await new FileDeliveryJournal(config.stateDir).open();
  const addonChecker = await startAddonChecker(config.python, log);
  const forge = await createForge({
    appId: config.appId,
    privateKey: config.privateKey,
    webhookSecret: config.webhookSecret,
    log,
    templates: await readOnboardingTemplates(templatesDir()),
    generate,
    anthropicApiKey: config.anthropicApiKey,
    baseUrl: config.baseUrl,
    throttle: config.throttle,
    webhookPath: config.webhookPath,
    scope,
    journal,
    tokenStore: new FileTokenStore(config.stateDir),
    addonChecker,
  });
  await new Promise<void>((resolve) => forge.server.listen(config.port, config.host, resolve));
  const address = forge.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    {
      port,
      host: config.host,
      webhookPath: config.webhookPath,
      github: config.baseUrl,
      stateDir: config.stateDir,
      llm: Boolean(config.anthropicApiKey),
      repairChecker: addonChecker ? config.python : false,
    },
    'Odoo Forge is listening',
  );
  let smee: SmeeClient | undefined;
  if (config.webhookProxyUrl) {
    smee = new SmeeClient({
      source: config.webhookProxyUrl,
      target: `http://127.0.0.1:${port}${config.webhookPath}`,
      logger: {
        info: (...a: unknown[]) => log.info(a.join(' ')),
        error: (...a: unknown[]) => log.error(a.join(' ')),
      },
    });
    await smee.start();
  }
  const stop = async (signal: string): Promise<void> => {
    log.info({ signal, pending: forge.work.stats.pending }, 'stopping: finishing queued work');
    await smee?.stop();
    forge.server.close();
    await forge.work.idle();
    log.info(forge.work.stats, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const app = await forge.appOctokit();
  if (await probeGitHub(app, config.baseUrl, log)) {
    const recovered = await recoverDeliveries(app, journal, log, { hours: config.recoverHours }).catch(
      (thrown: unknown) => {
        log.warn({ err: thrown, url: `${config.baseUrl}/app/hook/deliveries` }, 'listing deliveries failed');
        return undefined;
      },
    );
    if (recovered)
      log.info({ listed: recovered.listed, redelivered: recovered.redelivered.length }, 'recovery');
  }
  await journal.prune();
}

/** `templates/` of the package: next to `app/` from the sources, two levels up from `dist/app/`. */
function templatesDir(): URL {
  const candidates = [
    new URL('../templates/', import.meta.url),
    new URL('../../templates/', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? (candidates[0] as URL);
}

main(process.env).catch((thrown: unknown) => {
  const hint = thrown instanceof ForgeError && thrown.hint ? `\n  hint: ${thrown.hint}` : '';
  console.error(`odoo-forge app: ${thrown instanceof Error ? thrown.message : String(thrown)}${hint}`);
  process.exit(1);
});
