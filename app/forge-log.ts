import { getTransformStream } from '@probot/pino';
import { pino, type Logger } from 'pino';
import type { ForgeEnv } from './forge-env.js';

/**
 * The app's logger, made as Probot's own `getLog` makes it (`@probot/pino`: LOG_FORMAT `pretty`
 * or `json`, LOG_LEVEL_IN_STRING, SENTRY_DSN, LOG_MESSAGE_KEY), plus a `mixin` (the delivery id
 * of the work that logs, see DeliveryScope). Lines go to stdout.
 */
export async function createForgeLog(
  options: ForgeEnv['log'],
  mixin: () => Record<string, unknown>,
): Promise<Logger> {
  const transform = await getTransformStream({
    logFormat: options.format,
    logLevelInString: options.levelInString,
    sentryDsn: options.sentryDsn,
  });
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino({ level: options.level, name: 'odoo-forge', messageKey: options.messageKey, mixin }, transform);
}
