import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { environmentOf, type EnvironmentConfig } from '../../../core/config/environments.js';
import { parseForgeConfig } from '../../../core/config/forge-config.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import type { DeployContext } from '../../../runner/deploy/roll-back.js';
import { environmentContext } from '../../../runner/environments/environment-context.js';
import type { Logger } from '../../../runner/logger.js';

export interface DeployContextInput {
  name: string;
  configFile: string;
  home: string;
  /** Where relative paths of the config (odoo_src) start: the workspace, as for the CLI. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/** The `environments:` of the Forge config; an error names the file and each bad key. */
export function readEnvironments(configFile: string): Record<string, EnvironmentConfig> {
  if (!existsSync(configFile))
    throw new ForgeError('input.config-missing', `no Forge config at ${configFile}`, {
      hint: 'check out the repository before actions/deploy, or pass its path as the config input',
    });
  const parsed = parseForgeConfig(parse(readFileSync(configFile, 'utf8')) as unknown);
  if (!parsed.ok)
    throw new ForgeError(
      'input.config',
      `${configFile} is not a valid Forge config:\n${parsed.errors.join('\n')}`,
      { hint: 'fix the keys named above (see docs/deploy.md)' },
    );
  return parsed.config.environments;
}

/**
 * What every task needs on the environment's host (engine, stack settings, files, backup store,
 * port and mail catcher), built by runner/'s `environmentContext` as `odoo-forge env` builds
 * it: the same config and environments home, so the action and the CLI see one environment.
 */
export async function deployContext(input: DeployContextInput): Promise<{
  context: DeployContext;
  config: EnvironmentConfig;
  environments: Record<string, EnvironmentConfig>;
}> {
  const environments = readEnvironments(input.configFile);
  const config = environmentOf(environments, input.name, input.configFile);
  const context = await environmentContext({
    name: input.name,
    config,
    cwd: input.cwd,
    env: input.env,
    home: input.home,
    logger: input.logger,
  });
  return { context, config, environments };
}
