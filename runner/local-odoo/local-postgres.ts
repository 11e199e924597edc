import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { OdooDbConnection } from '../odoo/odoo-command.js';

const run = promisify(execFile);

/** A local PostgreSQL that Odoo reaches over TCP with a password (Odoo refuses the `postgres` role). */
export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
}

export const defaultLocalPostgres: LocalPostgres = {
  host: '127.0.0.1',
  port: 5432,
  user: 'odoo',
  password: 'odoo',
};

export function connectionOf(pg: LocalPostgres): Required<OdooDbConnection> {
  return { host: pg.host, port: pg.port, user: pg.user, password: pg.password };
}

function clientEnv(pg: LocalPostgres): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: pg.host,
    PGPORT: String(pg.port),
    PGUSER: pg.user,
    PGPASSWORD: pg.password,
  };
}

/** Runs one SQL statement as `pg.user` on the `postgres` database; returns the unaligned output. */
export async function psql(pg: LocalPostgres, sql: string): Promise<string> {
  const { stdout } = await run('psql', ['-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    env: clientEnv(pg),
  });
  return stdout.trim();
}

/**
 * Makes sure a cluster answers and `pg.user` can log in with its password: starts the Debian
 * cluster (`pg_ctlcluster <version> <name> start`) when none is online, and creates the role as a
 * superuser when it is missing (both need root, as on a fresh runner).
 */
export async function ensureLocalPostgres(pg: LocalPostgres = defaultLocalPostgres): Promise<void> {
  if (await canLogIn(pg)) return;
  const { stdout } = await run('pg_lsclusters', ['--no-header']).catch((error: unknown) => {
    throw new ForgeError(
      'postgres.missing',
      'pg_lsclusters failed: is PostgreSQL installed (Debian package postgresql)?',
      {
        hint: 'apt-get install postgresql',
        cause: error,
      },
    );
  });
  const clusters = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 4);
  if (!clusters.some((cols) => cols[3] === 'online')) {
    const [version, name] = clusters[0] ?? [];
    if (version === undefined || name === undefined) {
      throw new ForgeError('postgres.no-cluster', 'pg_lsclusters lists no PostgreSQL cluster', {
        hint: 'pg_createcluster 15 main',
      });
    }
    await run('pg_ctlcluster', [version, name, 'start']);
  }
  if (await canLogIn(pg)) return;
  const role = pg.user.replace(/"/g, '""');
  const password = pg.password.replace(/'/g, "''");
  const sql =
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${pg.user.replace(/'/g, "''")}') ` +
    `THEN CREATE ROLE "${role}" LOGIN SUPERUSER PASSWORD '${password}'; ` +
    `ELSE ALTER ROLE "${role}" LOGIN SUPERUSER PASSWORD '${password}'; END IF; END $$;`;
  await run('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  if (!(await canLogIn(pg))) {
    throw new ForgeError(
      'postgres.login',
      `cannot log in to PostgreSQL at ${pg.host}:${pg.port} as ${pg.user}`,
      {
        hint: 'check pg_hba.conf allows password logins over TCP from 127.0.0.1',
      },
    );
  }
}

async function canLogIn(pg: LocalPostgres): Promise<boolean> {
  try {
    await psql(pg, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export async function databaseExists(pg: LocalPostgres, name: string): Promise<boolean> {
  return (await psql(pg, `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`)) === '1';
}

/** `createdb -T template name`: a copy of the template in a fraction of a second. */
export async function cloneDatabase(pg: LocalPostgres, template: string, name: string): Promise<void> {
  await run('createdb', ['-T', template, name], { env: clientEnv(pg) });
}

/** An empty database (from template1). */
export async function createDatabase(pg: LocalPostgres, name: string): Promise<void> {
  await run('createdb', [name], { env: clientEnv(pg) });
}

/** Drops a database, closing its sessions first; no error when it does not exist. */
export async function dropDatabase(pg: LocalPostgres, name: string): Promise<void> {
  await run('dropdb', ['--if-exists', '--force', name], { env: clientEnv(pg) });
}

export async function renameDatabase(pg: LocalPostgres, from: string, to: string): Promise<void> {
  await psql(pg, `ALTER DATABASE "${from.replace(/"/g, '""')}" RENAME TO "${to.replace(/"/g, '""')}"`);
}

/** Names of the databases that start with `prefix`. */
export async function listDatabases(pg: LocalPostgres, prefix: string): Promise<string[]> {
  const out = await psql(
    pg,
    `SELECT datname FROM pg_database WHERE datname LIKE '${prefix.replace(/'/g, "''").replace(/[_%]/g, '\\$&')}%' ORDER BY 1`,
  );
  return out === '' ? [] : out.split('\n');
}
