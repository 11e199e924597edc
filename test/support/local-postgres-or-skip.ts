import type { TestContext } from 'node:test';
import {
  defaultLocalPostgres,
  ensureLocalPostgres,
  type LocalPostgres,
} from '../../runner/local-odoo/local-postgres.js';
import { odooRequired } from './odoo-trees.js';

/**
 * The local PostgreSQL the runner uses (started and given its `odoo` role when this process may,
 * as root on a fresh runner), or a visible skip line saying why not. With FORGE_REQUIRE_ODOO=1
 * (set by `.ci/run`, which installs PostgreSQL 15) a PostgreSQL that cannot be reached fails the test.
 */
export async function localPostgresOrSkip(
  t: TestContext,
  what: string,
  pg: LocalPostgres = defaultLocalPostgres,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalPostgres | undefined> {
  try {
    await ensureLocalPostgres(pg);
    return pg;
  } catch (error) {
    const message = `no local PostgreSQL at ${pg.host}:${pg.port} as ${pg.user} (${(error as Error).message.split('\n')[0]}): ${what} (see docs/real-odoo.md)`;
    if (odooRequired(env)) throw new Error(`FORGE_REQUIRE_ODOO=1 but ${message}`, { cause: error });
    t.skip(message);
    return undefined;
  }
}
