import { resolve } from 'node:path';
import { catchesMail, type EnvironmentConfig } from '../../core/config/environments.js';
import { BackupStore } from '../backup/backup-store.js';
import { s3SettingsFrom } from '../backup/s3-settings.js';
import { discoverEngine } from '../containers/discover-engine.js';
import type { DeployContext } from '../deploy/roll-back.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  assertImagesPresent,
  resolveStackSettings,
  settleImageSeries,
} from '../stack/resolve-stack-settings.js';
import { defaultEnvironmentsHome, EnvironmentFiles } from './environment-files.js';

/** The S3 store of environment `name`'s backups (bucket, prefix `<name>/` unless the config says). */
export function environmentStore(
  name: string,
  config: EnvironmentConfig,
  env: NodeJS.ProcessEnv,
): BackupStore {
  // The pinned AWS SDK runs on Node 20; its notice that later releases need Node 22 is for us.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new BackupStore(
    s3SettingsFrom(
      {
        bucket: config.backup.bucket,
        prefix: config.backup.prefix ?? `${name}/`,
        ...(config.backup.endpoint ? { endpoint: config.backup.endpoint } : {}),
        ...(config.backup.region ? { region: config.backup.region } : {}),
      },
      env,
    ),
  );
}

export interface EnvironmentContextInput {
  name: string;
  /** The environment's entry of the parsed config. */
  config: EnvironmentConfig;
  /** Relative paths of the config (`odoo_src`, `home`) are taken from here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Container engine endpoint (default: DOCKER_HOST, then the usual sockets). */
  engine?: string;
  /** Where environments keep their state (default: $FORGE_ENV_HOME, else ~/.odoo-forge/environments). */
  home?: string;
  logger?: Logger;
}

/**
 * Everything a command on environment `name` needs: engine, stack settings, files, backup store
 * and the config's `port:` and mail catcher. The CLI and actions/deploy both build it here.
 */
export async function environmentContext(input: EnvironmentContextInput): Promise<DeployContext> {
  const { name, config, cwd, env } = input;
  const resolved = resolveStackSettings({
    options: {
      odoo: config.odoo,
      template: true,
      ...(config.odoo_src ? { odooSrc: config.odoo_src } : {}),
      ...(config.odoo_image ? { odooImage: config.odoo_image } : {}),
    },
    addonsDirs: [],
    cwd,
    env,
  });
  const store = environmentStore(name, config, env);
  const driver = await discoverEngine({ explicit: input.engine, env });
  await assertImagesPresent(driver, resolved);
  const settings = await settleImageSeries(driver, resolved);
  const files = new EnvironmentFiles(
    input.home ? resolve(cwd, input.home) : defaultEnvironmentsHome(env),
    name,
  );
  return {
    driver,
    settings,
    files,
    store,
    logger: input.logger ?? silentLogger,
    environment: {
      mailCatcher: catchesMail(name, config),
      ...(config.port ? { port: config.port } : {}),
      ...(config.browser_check === false ? { browserCheck: false } : {}),
    },
  };
}
