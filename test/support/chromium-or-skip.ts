import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { odooRequired } from './odoo-trees.js';

/**
 * The Chromium for browser checks (`CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`), or a
 * visible skip line. With FORGE_REQUIRE_ODOO=1 (set by `.ci/run`, which installs it) a missing
 * Chromium fails the test instead.
 */
export function chromiumOrSkip(
  t: TestContext,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const message = `no Chromium at ${path} (apt-get install chromium, or set CHROMIUM_PATH): ${what}`;
  if (odooRequired(env)) throw new Error(`FORGE_REQUIRE_ODOO=1 but ${message}`);
  t.skip(message);
  return undefined;
}
