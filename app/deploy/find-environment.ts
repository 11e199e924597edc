import { environmentOf, type EnvironmentConfig } from '../../core/config/environments.js';
import type { ForgeConfig } from '../../core/config/forge-config.js';
import { ForgeError } from '../../core/errors/forge-error.js';

export type FoundEnvironment =
  { ok: true; name: string; environment: EnvironmentConfig } | { ok: false; answer: string };

const CONFIG = '`.github/odoo-forge.yml`';

/**
 * The environment a command names, or the answer that says why there is none: no
 * `environments:` section, or an unknown name (the known ones are listed).
 */
export function findEnvironment(config: ForgeConfig, name: string, command: string): FoundEnvironment {
  try {
    return { ok: true, name, environment: environmentOf(config.environments, name, CONFIG) };
  } catch (thrown) {
    if (!(thrown instanceof ForgeError)) throw thrown;
    const known = Object.keys(config.environments);
    const answer =
      known.length === 0
        ? `\`${command}\` did nothing: ${CONFIG} has no \`environments:\` section, so there is nowhere to deploy. Add one (see [Environments](https://github.com/odoo-forge/odoo-forge/blob/main/docs/deploy.md#configuration-environments-in-githubodoo-forgeyml)): each environment needs \`branch\`, \`runner_labels\`, \`odoo\` and \`backup.bucket\`.`
        : `\`${command}\` did nothing: there is no environment \`${name}\` in ${CONFIG}. It has ${known.map((k) => `\`${k}\``).join(', ')}.`;
    return { ok: false, answer };
  }
}
