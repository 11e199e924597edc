import type { AddonPlan } from './addon-plan.js';
import { licenseHeader } from './render-manifest.js';
import { pyStr } from './python-literal.js';

interface ColumnRename {
  model: string;
  table: string;
  from: string;
  to: string;
}

interface KeyMapping {
  model: string;
  table: string;
  column: string;
  from: string;
  to: string;
}

/** The renames and selection mappings a spec declares (`renamed_from`, `mapped_from`). */
function migrationSteps(plan: AddonPlan): { renames: ColumnRename[]; mappings: KeyMapping[] } {
  const renames: ColumnRename[] = [];
  const mappings: KeyMapping[] = [];
  for (const model of [...plan.models, ...plan.extensions]) {
    for (const field of model.fields) {
      if (field.spec.renamed_from !== undefined && field.stored)
        renames.push({
          model: model.name,
          table: model.table,
          from: field.spec.renamed_from,
          to: field.name,
        });
      for (const [from, to] of Object.entries(field.spec.mapped_from ?? {}))
        if (field.stored)
          mappings.push({ model: model.name, table: model.table, column: field.name, from, to });
    }
  }
  return { renames, mappings };
}

// Table and column names are identifiers (the spec schema's patterns): safe inside '"…"'.

/**
 * `migrations/<version>/pre-migrate.py` when the spec renames a field (`renamed_from`: the
 * column is renamed before Odoo loads the new model, so it finds its values under the new name
 * instead of creating an empty column) or maps selection keys (`mapped_from`: the records move
 * to the new key before Odoo drops the old one). Odoo runs it on `-u` when the installed version
 * is older than `<version>`; each step checks the columns first, so running it twice is harmless.
 */
export function renderMigrations(plan: AddonPlan): Map<string, string> {
  const { renames, mappings } = migrationSteps(plan);
  const files = new Map<string, string>();
  if (renames.length === 0 && mappings.length === 0) return files;
  const lines = [
    licenseHeader(plan).trimEnd(),
    '"""Written by Odoo Forge from the spec\'s renamed_from and mapped_from (docs/upgrade-safety.md)."""',
    '',
    '',
    'def _column_exists(cr, table, column):',
    '    cr.execute(',
    '        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",',
    '        (table, column),',
    '    )',
    '    return bool(cr.fetchone())',
    '',
    '',
    'def migrate(cr, version):',
    '    if not version:',
    '        return',
  ];
  for (const step of renames) {
    lines.push(
      `    # ${step.model}: ${step.from} -> ${step.to}`,
      `    if _column_exists(cr, ${pyStr(step.table)}, ${pyStr(step.from)}) and not _column_exists(cr, ${pyStr(step.table)}, ${pyStr(step.to)}):`,
      `        cr.execute('ALTER TABLE "${step.table}" RENAME COLUMN "${step.from}" TO "${step.to}"')`,
    );
  }
  for (const step of mappings) {
    lines.push(
      `    # ${step.model}.${step.column}: "${step.from}" -> "${step.to}"`,
      `    if _column_exists(cr, ${pyStr(step.table)}, ${pyStr(step.column)}):`,
      `        cr.execute('UPDATE "${step.table}" SET "${step.column}" = %s WHERE "${step.column}" = %s', (${pyStr(step.to)}, ${pyStr(step.from)}))`,
    );
  }
  files.set(`migrations/${plan.version}/pre-migrate.py`, `${lines.join('\n')}\n`);
  return files;
}
