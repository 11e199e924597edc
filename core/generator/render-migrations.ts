import { MODEL_RENAME_PYTHON } from '../upgrade/model-rename-python.js';
import type { AddonPlan, PlannedField, PlannedModel } from './addon-plan.js';
import { licenseHeader } from './render-manifest.js';
import { pyStr } from './python-literal.js';

interface ModelRename {
  from: string;
  to: string;
  /** Many2many tables named after the model: old table, new table, [old column, new column]. */
  relations: { from: string; to: string; columns: [string, string][] }[];
  /** Other tables of the addon that contain the old table's name: XML ids naming them are left alone. */
  keep: string[];
}

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

const tableOf = (model: string) => model.replace(/\./g, '_');

/** A many2many field's table and columns, as Odoo names them by default or the generator names them explicitly (render-model-python.ts). */
function many2manyNames(
  model: PlannedModel,
  field: PlannedField,
  modelTable: string,
  comodelTable: string,
): { relation: string; column1: string; column2: string } {
  const comodel = field.spec.comodel ?? '';
  const siblings = model.fields.filter(
    (other) => other.spec.type === 'many2many' && other.spec.comodel === comodel,
  );
  if (siblings.length <= 1 && comodel !== model.name) {
    const [a, b] = [modelTable, comodelTable].sort();
    return {
      relation: `${a ?? ''}_${b ?? ''}_rel`,
      column1: `${modelTable}_id`,
      column2: `${comodelTable}_id`,
    };
  }
  return {
    relation: `${modelTable}_${field.name}_rel`.slice(0, 60),
    column1: `${modelTable}_id`,
    column2: comodel === model.name ? `related_${comodelTable}_id` : `${comodelTable}_id`,
  };
}

/** The models a spec renames (`renamed_from` on a model) and the many2many tables that move with them. */
function modelRenames(plan: AddonPlan): ModelRename[] {
  const renamed = new Map(
    (plan.spec.models ?? []).flatMap((model) =>
      model.renamed_from ? [[model.name, model.renamed_from] as const] : [],
    ),
  );
  const oldTable = (model: string) => tableOf(renamed.get(model) ?? model);
  return [...renamed].map(([to, from]) => {
    const relations: ModelRename['relations'] = [];
    for (const model of [...plan.models, ...plan.extensions])
      for (const field of model.fields) {
        const comodel = field.spec.comodel ?? '';
        if (field.spec.type !== 'many2many' || (model.name !== to && comodel !== to)) continue;
        const before = many2manyNames(model, field, oldTable(model.name), oldTable(comodel));
        const after = many2manyNames(model, field, tableOf(model.name), tableOf(comodel));
        const columns: [string, string][] = [];
        if (before.column1 !== after.column1) columns.push([before.column1, after.column1]);
        if (before.column2 !== after.column2) columns.push([before.column2, after.column2]);
        if (
          !relations.some((r) => r.from === before.relation) &&
          (before.relation !== after.relation || columns.length > 0)
        )
          relations.push({ from: before.relation, to: after.relation, columns });
      }
    const keep = [...plan.models, ...plan.extensions]
      .map((model) => model.table)
      .filter((name) => name !== tableOf(to) && name.includes(tableOf(from)));
    return { from, to, relations, keep };
  });
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
  const models = modelRenames(plan);
  const files = new Map<string, string>();
  if (renames.length === 0 && mappings.length === 0 && models.length === 0) return files;
  const lines = [
    licenseHeader(plan).trimEnd(),
    '"""Written by Odoo Forge from the spec\'s renamed_from and mapped_from (docs/upgrade-safety.md)."""',
    ...(models.length > 0 ? ['', 'import re'] : []),
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
    ...(models.length > 0 ? [MODEL_RENAME_PYTHON, ''] : []),
    'def migrate(cr, version):',
    '    if not version:',
    '        return',
  ];
  for (const step of models) {
    const relations = step.relations.map(
      (r) =>
        `(${pyStr(r.from)}, ${pyStr(r.to)}, (${r.columns.map(([a, b]) => `(${pyStr(a)}, ${pyStr(b)}), `).join('')}))`,
    );
    lines.push(
      `    # model ${step.from} -> ${step.to}`,
      `    _rename_model(cr, ${pyStr(plan.module)}, ${pyStr(step.from)}, ${pyStr(step.to)}, [${relations.join(', ')}], [${step.keep.map(pyStr).join(', ')}])`,
    );
  }
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
