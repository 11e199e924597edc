import { existsSync } from 'node:fs';
import { getPrivateKey } from '@probot/get-private-key';
import { ForgeError } from '../core/errors/forge-error.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What `npm start` reads from its environment: Probot's variables, then Forge's own. */
export interface ForgeEnv {
  appId: string;
  privateKey: string;
  webhookSecret: string;
  webhookPath: string;
  /** `https://api.github.com`, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3`. */
  baseUrl: string;
  host: string;
  port: number;
  webhookProxyUrl: string | undefined;
  log: {
    level: LogLevel;
    format: 'json' | 'pretty';
    levelInString: boolean;
    messageKey: string;
    sentryDsn: string | undefined;
  };
  anthropicApiKey: string | undefined;
  /** Where finished deliveries and the token count are kept (shared by every replica). */
  stateDir: string;
  /** Probot's write throttling (GitHub's secondary rate limits); FORGE_THROTTLE=false turns it off. */
  throttle: boolean;
  /** How far back the start-up recovery looks for unfinished deliveries. */
  recoverHours: number;
  /** The python3 that parses Python for the repair loop's checker: FORGE_PYTHON, else Debian's, else PATH's. */
  python: string;
}

/**
 * Reads the environment with Probot's meanings (see https://probot.github.io/docs/configuration/):
 * the private key is found by Probot's own `@probot/get-private-key` (PRIVATE_KEY as PEM, with
 * literal `\n`, or base64; PRIVATE_KEY_PATH; a single `*.pem` in the working directory), GHE_HOST
 * and GHE_PROTOCOL give the API base URL, LOG_FORMAT defaults to `json` when NODE_ENV is
 * `production` and to `pretty` otherwise. Forge's own variables start with FORGE_.
 */
export function readForgeEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): ForgeEnv {
  const privateKey = findPrivateKey(env, cwd);
  return {
    appId: required(env, 'APP_ID', 'the App ID shown on the GitHub App settings page'),
    privateKey,
    webhookSecret: required(env, 'WEBHOOK_SECRET', 'the webhook secret set on the GitHub App'),
    webhookPath: env.WEBHOOK_PATH || '/api/github/webhooks',
    baseUrl: env.GHE_HOST
      ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST.replace(/\/+$/, '')}/api/v3`
      : 'https://api.github.com',
    host: env.HOST || '0.0.0.0',
    port: integer(env, 'PORT', 3000),
    webhookProxyUrl: env.WEBHOOK_PROXY_URL || undefined,
    log: {
      level: logLevel(env.LOG_LEVEL),
      format: env.LOG_FORMAT
        ? env.LOG_FORMAT === 'pretty'
          ? 'pretty'
          : 'json'
        : env.NODE_ENV === 'production'
          ? 'json'
          : 'pretty',
      levelInString: env.LOG_LEVEL_IN_STRING === 'true',
      messageKey: env.LOG_MESSAGE_KEY || 'msg',
      sentryDsn: env.SENTRY_DSN || undefined,
    },
    anthropicApiKey: env.ANTHROPIC_API_KEY || undefined,
    stateDir: env.FORGE_STATE_DIR || '.forge-state',
    throttle: env.FORGE_THROTTLE !== 'false',
    recoverHours: integer(env, 'FORGE_RECOVER_HOURS', 24),
    python: env.FORGE_PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'),
  };
}

function findPrivateKey(env: NodeJS.ProcessEnv, cwd: string): string {
  let key: string | null;
  try {
    key = getPrivateKey({
      env: { PRIVATE_KEY: env.PRIVATE_KEY, PRIVATE_KEY_PATH: env.PRIVATE_KEY_PATH },
      cwd,
    });
  } catch (thrown) {
    throw new ForgeError(
      'input.env.private-key',
      `the private key could not be read: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      { hint: 'set PRIVATE_KEY to the PEM (or its base64) or PRIVATE_KEY_PATH to the .pem file' },
    );
  }
  if (!key)
    throw new ForgeError('input.env.private-key', 'neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set', {
      hint: 'set one of them to the private key (.pem) downloaded from the GitHub App settings (see docs/github-app.md)',
    });
  return key;
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (value) return value;
  throw new ForgeError('input.env.missing', `${name} is not set`, {
    hint: `set it to ${what} (see docs/github-app.md)`,
  });
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (!value) return fallback;
  if (!/^\d+$/.test(value))
    throw new ForgeError('input.env.number', `${name}=${JSON.stringify(value)} is not a whole number`, {
      hint: `unset ${name} for the default (${fallback}) or set a number`,
    });
  return Number(value);
}

function logLevel(value: string | undefined): LogLevel {
  if (!value) return 'info';
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level)
    throw new ForgeError('input.env.log-level', `LOG_LEVEL=${JSON.stringify(value)} is not a pino level`, {
      hint: `use one of ${LOG_LEVELS.join(', ')}`,
    });
  return level;
}
