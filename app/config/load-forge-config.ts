import type { Context } from 'probot';
import { defaultForgeConfig, parseForgeConfig, type ForgeConfig } from '../../core/config/forge-config.js';

export const CONFIG_FILE = 'odoo-forge.yml';

/** The configuration to use, and what was wrong with the file when it could not be used. */
export interface LoadedConfig {
  config: ForgeConfig;
  problems: string[];
}

/**
 * Reads `.github/odoo-forge.yml` with Probot's config support (the repository, then the
 * owner's `.github` repository). A missing file means defaults; an unreadable or invalid one
 * means defaults plus problems that the caller reports in a comment.
 */
export async function loadForgeConfig(
  context: Context<'issues' | 'issue_comment' | 'workflow_run' | 'check_run'>,
): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = await context.config(CONFIG_FILE);
  } catch (thrown) {
    const message =
      thrown instanceof Error
        ? thrown.message.replace('[@probot/octokit-plugin-config] ', '')
        : String(thrown);
    return { config: defaultForgeConfig, problems: [message] };
  }
  const parsed = parseForgeConfig(raw);
  return parsed.ok
    ? { config: parsed.config, problems: [] }
    : { config: defaultForgeConfig, problems: parsed.errors };
}

/** The comment that explains an invalid config file. */
export function configProblemsComment(problems: string[]): string {
  return [
    `⚠️ **Odoo Forge could not use \`.github/${CONFIG_FILE}\`**; it carries on with the defaults.`,
    '',
    ...problems.map((p) => `- ${p}`),
    '',
    `Fix the file on the default branch; see [the configuration reference](https://github.com/odoo-forge/odoo-forge/blob/main/docs/github-app.md#configuration).`,
  ].join('\n');
}
