import type { AddonManifest } from '../addons/read-addon-manifests.js';
import { PgSession } from '../backup/pg-session.js';
import type { EnvironmentAccess } from '../environments/environment-stack.js';
import { webHealth } from '../environments/environment-stack.js';
import type { Logger } from '../logger.js';
import { StackDatabase } from '../stack/odoo-container-command.js';
import { browserCheckProblems, deployBrowserCheck, type DeployBrowserCheck } from './deploy-browser-check.js';
import { installedVersionOf } from './plan-update.js';

/** `state` and `latest_version` of each module in `ir_module_module`. */
export async function installedModules(
  access: EnvironmentAccess,
): Promise<Map<string, { state: string; version: string }>> {
  const session = PgSession.open(access.pg, access.database);
  try {
    const rows = await session.query(
      "SELECT name, state, coalesce(latest_version, '') FROM ir_module_module ORDER BY name",
    );
    return new Map(rows.map(([name = '', state = '', version = '']) => [name, { state, version }]));
  } finally {
    await session.close();
  }
}

const ERROR_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?:ERROR|CRITICAL) .*$/gm;

/** The ERROR and CRITICAL lines of an Odoo log. */
export function errorLines(log: string): string[] {
  return log.match(ERROR_LINE) ?? [];
}

/**
 * Whether the deployed Odoo is healthy: `/web/health` answers `pass`, every addon of the
 * release is installed at its manifest version, and the update log has no ERROR line.
 * Returns the problems, empty when healthy.
 */
export async function deployProblems(
  url: string,
  access: EnvironmentAccess,
  manifests: ReadonlyMap<string, AddonManifest>,
  series: string,
  updateLog: string,
): Promise<string[]> {
  const problems: string[] = [];
  const health = await webHealth(url);
  if (health !== 'pass') problems.push(`${url}/web/health answered "${health}", not "pass"`);
  const modules = await installedModules(access);
  for (const [name, manifest] of manifests) {
    if (!manifest.installable) continue;
    const expected = installedVersionOf(manifest.version, series);
    const found = modules.get(name);
    if (found?.state !== 'installed')
      problems.push(
        `addon ${name} is ${found ? `in state "${found.state}"` : 'unknown to Odoo'}, not installed`,
      );
    else if (found.version !== expected)
      problems.push(`addon ${name} is installed at version ${found.version}, its manifest says ${expected}`);
  }
  const errors = errorLines(updateLog);
  if (errors.length > 0)
    problems.push(`the update logged ${errors.length} ERROR line(s), the first: ${errors[0]?.slice(0, 400)}`);
  return problems;
}

export interface DeployHealth {
  /** Empty when healthy. */
  problems: string[];
  /** The menus browser check (absent when it was off or the other checks failed first). */
  browserCheck?: DeployBrowserCheck;
}

/**
 * The whole health of a deploy: `deployProblems`, then, when those pass and `browserCheck` is
 * on, the menus browser check of the release's addons against the running server. A browser
 * check that cannot run (login refused, Chromium does not start) is a problem too.
 */
export async function deployHealth(
  url: string,
  access: EnvironmentAccess,
  manifests: ReadonlyMap<string, AddonManifest>,
  series: string,
  updateLog: string,
  options: { browserCheck: boolean; logger: Logger },
): Promise<DeployHealth> {
  const problems = await deployProblems(url, access, manifests, series, updateLog);
  if (problems.length > 0 || !options.browserCheck) return { problems };
  const modules = [...manifests].filter(([, manifest]) => manifest.installable).map(([name]) => name);
  try {
    const browserCheck = await deployBrowserCheck({
      url,
      database: StackDatabase.name,
      series,
      modules,
      logger: options.logger,
    });
    return { problems: browserCheckProblems(browserCheck), browserCheck };
  } catch (error) {
    return {
      problems: [
        `the browser check of ${url} could not run: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
}
