import { parse as parseCsv } from 'csv-parse/sync';
import { define, refer, type FileContext } from './data-context.js';
import type { FindingSink } from './module-summary.js';
import type { XmlElement } from './xml-tree.js';

const ACCESS_COLUMNS = [
  'id',
  'name',
  'model_id:id',
  'group_id:id',
  'perm_read',
  'perm_write',
  'perm_create',
  'perm_unlink',
];

/** Reads a data CSV: ids of the `id` column, references of `x:id` columns, ir.model.access rows. */
export function readCsv(ctx: FileContext, source: string, sink: FindingSink): void {
  const base = ctx.file.split('/').pop() ?? ctx.file;
  const model = base.replace(/\.csv$/i, '').replace(/-.*$/, '');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(source.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows;
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    // Python's csv reader, which Odoo uses, reads on past such a fault (an unclosed quote takes
    // the rest of the file into one field): the file loads other values, and the install fails.
    sink({
      file: ctx.file,
      line: 1,
      severity: 'error',
      rule: 'csv-invalid',
      message: `${ctx.file} is not valid CSV: ${message} (Odoo reads it otherwise: an unclosed quote takes the rest of the file into one field)`,
    });
    return;
  }
  const header = (rows[0]?.record ?? []).map((column) => column.trim());
  const isAccess = model === 'ir.model.access';
  if (isAccess) checkAccessHeader(ctx, header, sink);
  const col = (name: string): number =>
    header.findIndex((column) => column === name || column === name.replace(':id', '/id'));
  const idColumn = header.indexOf('id');
  const refColumns = header
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => /[:/]id$/.test(column) && column !== 'id');
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const element: XmlElement = { tag: 'csv', attrs: {}, children: [], text: '', line, column: 1 };
    for (const { column, index } of refColumns) {
      for (const value of (record[index] ?? '').split(','))
        refer(ctx, value, element, `column ${column} of ${base}`);
    }
    if (isAccess) {
      const modelIndex = col('model_id:id');
      const groupIndex = col('group_id:id');
      ctx.facts.access.push({
        file: ctx.file,
        line,
        id: record[idColumn] ?? '',
        modelRef: modelIndex >= 0 ? record[modelIndex]?.trim() : undefined,
        groupRef: groupIndex >= 0 ? record[groupIndex]?.trim() || undefined : undefined,
      });
      for (const perm of ['perm_read', 'perm_write', 'perm_create', 'perm_unlink']) {
        const index = header.indexOf(perm);
        const value = index >= 0 ? (record[index] ?? '').trim() : '0';
        if (value !== '0' && value !== '1') {
          // Odoo's boolean import takes true/yes and false/no/empty as they are; anything else fails.
          const word = /^(true|yes|false|no|)$/i.test(value);
          sink({
            file: ctx.file,
            line,
            severity: word ? 'info' : 'error',
            rule: 'access-invalid-permission',
            message: word
              ? `${perm} of access "${record[idColumn] ?? ''}" is "${value}": Odoo reads it as ${/^(true|yes)$/i.test(value) ? 1 : 0}; write 0 or 1`
              : `${perm} of access "${record[idColumn] ?? ''}" is "${value}": use 0 or 1`,
          });
        }
      }
    }
    if (idColumn >= 0 && record[idColumn]) define(ctx, record[idColumn].trim(), model, line);
  }
}

function checkAccessHeader(ctx: FileContext, header: string[], sink: FindingSink): void {
  const normalized = header.map((column) => column.replace('/id', ':id'));
  const unknown = normalized.filter((column) => !ACCESS_COLUMNS.includes(column));
  const missing = ['id', 'name', 'model_id:id'].filter((column) => !normalized.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}` : '',
      missing.length > 0 ? `missing column(s) ${missing.map((c) => `"${c}"`).join(', ')}` : '',
    ].filter(Boolean);
    sink({
      file: ctx.file,
      line: 1,
      severity: 'error',
      rule: 'access-csv-header',
      message: `header of ${ctx.file}: ${parts.join('; ')}; expected ${ACCESS_COLUMNS.join(',')}`,
    });
  }
}
