import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { psql, type LocalPostgres } from '../../../runner/local-odoo/local-postgres.js';

/** A unique database name for a test (`forge_bk_<tag>_<hex>`). */
export function testDatabaseName(tag: string): string {
  return `forge_bk_${tag}_${randomBytes(3).toString('hex')}`;
}

/**
 * A small database in the shape backups care about: a few tables with rows (one of them an
 * `ir_module_module` as Odoo keeps it) and a filestore of `files` files under `dataDir`.
 */
export async function seedDatabase(
  pg: LocalPostgres,
  database: string,
  dataDir: string,
  files = 5,
): Promise<void> {
  await psql(pg, `CREATE DATABASE "${database}"`);
  const sql = [
    'CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL, state varchar, latest_version varchar)',
    "INSERT INTO ir_module_module (name, state, latest_version) VALUES ('base', 'installed', '18.0.1.3'), ('mail', 'installed', '18.0.1.17'), ('sale', 'uninstalled', NULL)",
    'CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar, note text)',
    "INSERT INTO res_partner (name, note) SELECT 'partner ' || g, md5(g::text) FROM generate_series(1, 1234) g",
    'CREATE TABLE empty_table (id int)',
  ].join('; ');
  sqlIn(pg, database, sql);
  const root = join(dataDir, 'filestore', database);
  for (let i = 0; i < files; i++) {
    const dir = join(root, randomBytes(1).toString('hex'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, randomBytes(20).toString('hex')), randomBytes(1000 + i * 517));
  }
}

/** Runs SQL in `database` and returns psql's unaligned, tuples-only output. */
export function sqlIn(pg: LocalPostgres, database: string, sql: string): string {
  return execFileSync('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-q', '-tA', '-d', database, '-c', sql], {
    env: {
      ...process.env,
      PGHOST: pg.host,
      PGPORT: String(pg.port),
      PGUSER: pg.user,
      PGPASSWORD: pg.password,
    },
    encoding: 'utf8',
  }).trim();
}

/** The row count of every table of `database`'s public schema (one query). */
export function rowCounts(pg: LocalPostgres, database = 'forge'): Record<string, number> {
  const tables = sqlIn(
    pg,
    database,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  ).split('\n');
  const union = tables.map((name) => `SELECT '${name}', count(*) FROM "${name}"`).join(' UNION ALL ');
  return Object.fromEntries(
    sqlIn(pg, database, union)
      .split('\n')
      .map((line) => line.split('|'))
      .map(([name = '', count = '0']) => [name, Number(count)]),
  );
}
