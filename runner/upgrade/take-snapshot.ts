import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { DatabaseSnapshot, ModelSnapshot } from '../../core/upgrade/database-snapshot.js';
import type { LocalPostgres } from '../local-odoo/local-postgres.js';

const run = promisify(execFile);

/** Runs one SQL statement on a database and resolves with psql's `-tA` output (a stack's `psql`). */
export type SqlRunner = (database: string, sql: string) => Promise<string>;

/** Runs one query on `database` and parses its single JSON value. */
async function queryJson<T>(pg: LocalPostgres | SqlRunner, database: string, sql: string): Promise<T> {
  try {
    if (typeof pg === 'function') return JSON.parse((await pg(database, sql)).trim() || 'null') as T;
    const { stdout } = await run('psql', ['-X', '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
      env: {
        ...process.env,
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        PGPASSWORD: pg.password,
      },
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim() || 'null') as T;
  } catch (error) {
    throw new ForgeError(
      'upgrade.snapshot',
      `could not read the data of database ${database}: ${(error as Error).message}`,
      {
        hint: 'check that PostgreSQL answers and the database still exists (docs/upgrade-safety.md)',
        cause: error,
      },
    );
  }
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const ident = (value: string) => `"${value.replace(/"/g, '""')}"`;

interface FieldRow {
  model: string;
  name: string;
  type: string;
  relation: string | null;
  relation_table: string | null;
  column1: string | null;
  column2: string | null;
  selection: string[] | null;
}

interface Meta {
  version: string | null;
  own: string[];
  ids: Record<string, number>;
  fields: FieldRow[];
  columns: { table: string; column: string }[];
}

/** Columns Odoo rewrites by itself on any write; not data an update must keep. */
const SKIPPED = new Set(['id', 'write_date', 'write_uid', 'create_date', 'create_uid']);

/**
 * Reads, with psql, what `module` keeps in `database`: the models it created (ir.model rows
 * with its XML ids), the stored fields it defines (ir.model.fields rows with its XML ids, their
 * selection keys) and every record's value of those fields (many2many: the sorted ids of its
 * relation table). One metadata query, then one query per model.
 */
export async function takeSnapshot(
  pg: LocalPostgres | SqlRunner,
  database: string,
  module: string,
): Promise<DatabaseSnapshot> {
  const m = literal(module);
  const meta = await queryJson<Meta>(
    pg,
    database,
    `SELECT json_build_object(
      'version', (SELECT latest_version FROM ir_module_module WHERE name = ${m}),
      'own', (SELECT coalesce(json_agg(im.model ORDER BY im.model), '[]') FROM ir_model im
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = im.id AND d.module = ${m}),
      'ids', (SELECT coalesce(json_object_agg(im.model, im.id), '{}') FROM ir_model im
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = im.id AND d.module = ${m}),
      'fields', (SELECT coalesce(json_agg(json_build_object('model', f.model, 'name', f.name, 'type', f.ttype,
                  'relation', f.relation, 'relation_table', f.relation_table, 'column1', f.column1, 'column2', f.column2,
                  'selection', (SELECT json_agg(s.value ORDER BY s.sequence, s.id) FROM ir_model_fields_selection s WHERE s.field_id = f.id))
                  ORDER BY f.model, f.name), '[]')
                 FROM ir_model_fields f JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id AND d.module = ${m}
                 WHERE f.store),
      'columns', (SELECT coalesce(json_agg(json_build_object('table', table_name, 'column', column_name)), '[]')
                  FROM information_schema.columns WHERE table_schema = 'public')
    )`,
  );
  const columns = new Set(meta.columns.map((c) => `${c.table}.${c.column}`));
  const tables = new Set(meta.columns.map((c) => c.table));
  const models: Record<string, ModelSnapshot> = {};
  const byModel = new Map<string, FieldRow[]>();
  for (const model of meta.own) byModel.set(model, []);
  for (const field of meta.fields) byModel.set(field.model, [...(byModel.get(field.model) ?? []), field]);
  for (const [model, fields] of byModel) {
    const table = model.replace(/\./g, '_');
    if (!tables.has(table)) continue;
    const plain = fields.filter(
      (f) => f.type !== 'many2many' && !SKIPPED.has(f.name) && columns.has(`${table}.${f.name}`),
    );
    const many = fields.filter(
      (f) => f.type === 'many2many' && f.relation_table && tables.has(f.relation_table),
    );
    const select = ['id', ...plain.map((f) => ident(f.name))].join(', ');
    const records = await queryJson<Record<string, Record<string, unknown>>>(
      pg,
      database,
      `SELECT coalesce(json_object_agg(t.id, row_to_json(t)), '{}') FROM (SELECT ${select} FROM ${ident(table)}) t`,
    );
    for (const row of Object.values(records)) delete row['id'];
    for (const field of many) {
      const links = await queryJson<Record<string, number[]>>(
        pg,
        database,
        `SELECT coalesce(json_object_agg(x.c1, x.ids), '{}') FROM (SELECT ${ident(field.column1 ?? '')} AS c1,
           json_agg(${ident(field.column2 ?? '')} ORDER BY ${ident(field.column2 ?? '')}) AS ids
           FROM ${ident(field.relation_table ?? '')} GROUP BY 1) x`,
      );
      for (const [id, row] of Object.entries(records)) row[field.name] = links[id] ?? [];
    }
    models[model] = {
      model,
      table,
      own: meta.own.includes(model),
      ...(meta.ids[model] !== undefined ? { modelId: meta.ids[model] } : {}),
      fields: Object.fromEntries(
        [...plain, ...many].map((f) => [
          f.name,
          {
            type: f.type,
            ...(f.relation ? { relation: f.relation } : {}),
            ...(f.type === 'selection' && f.selection ? { selection: f.selection } : {}),
          },
        ]),
      ),
      records,
    };
  }
  return { module, version: meta.version ?? '', models };
}
