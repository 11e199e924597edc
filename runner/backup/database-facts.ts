import type { PgSession } from './pg-session.js';

/** What a backup records of its database, and what a restore drill compares. */
export interface DatabaseFacts {
  /** Installed Odoo modules and their installed versions (empty for a database without Odoo). */
  modules: Record<string, string>;
  /** Exact row count of every table, by `schema.table`. */
  tables: Record<string, number>;
  /** `18.0` from base's installed version, or undefined without Odoo. */
  odooSeries?: string;
  /** The server's version (`15.14 (Debian 15.14-0+deb12u1)`). */
  pgVersion: string;
}

const ROW_COUNTS = `
SELECT n.nspname || '.' || c.relname,
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY 1`;

/** Reads the facts inside the session's current snapshot (call it in the backup's transaction). */
export async function readDatabaseFacts(session: PgSession): Promise<DatabaseFacts> {
  const tables: Record<string, number> = {};
  for (const [name, count] of await session.query(ROW_COUNTS)) {
    if (name !== undefined) tables[name] = Number(count);
  }
  const modules: Record<string, string> = {};
  if ('public.ir_module_module' in tables) {
    const rows = await session.query(
      "SELECT name, coalesce(latest_version, '') FROM ir_module_module WHERE state = 'installed' ORDER BY name",
    );
    for (const [name, version] of rows) if (name !== undefined) modules[name] = version ?? '';
  }
  const [[pgVersion = '']] = (await session.query('SHOW server_version')) as [[string?]];
  const base = modules.base;
  const series = base ? /^(\d+\.\d+)/.exec(base)?.[1] : undefined;
  return { modules, tables, pgVersion, ...(series ? { odooSeries: series } : {}) };
}

/** What differs between the facts of a source and of its restored copy, one line per difference. */
export function compareFacts(expected: DatabaseFacts, actual: DatabaseFacts): string[] {
  const problems: string[] = [];
  const names = new Set([...Object.keys(expected.modules), ...Object.keys(actual.modules)]);
  for (const name of [...names].sort()) {
    const want = expected.modules[name];
    const got = actual.modules[name];
    if (want === undefined)
      problems.push(`module ${name} ${got} is installed in the restore but not in the source`);
    else if (got === undefined) problems.push(`module ${name} ${want} is missing from the restore`);
    else if (want !== got) problems.push(`module ${name} is ${got} in the restore, ${want} in the source`);
  }
  const tables = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const name of [...tables].sort()) {
    const want = expected.tables[name];
    const got = actual.tables[name];
    if (want === undefined) problems.push(`table ${name} exists in the restore but not in the source`);
    else if (got === undefined) problems.push(`table ${name} (${want} rows) is missing from the restore`);
    else if (want !== got)
      problems.push(`table ${name} has ${got} rows in the restore, ${want} in the source`);
  }
  return problems;
}
