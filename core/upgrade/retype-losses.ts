import type { DatabaseSnapshot } from './database-snapshot.js';
import type { UpgradeLoss } from './upgrade-loss.js';

/** Field types the head declares, by model: `{ 'library.book': { pages: 'integer' } }`. */
export type HeadFieldTypes = Record<string, Record<string, string>>;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const BOOLEAN = /^\s*(t|f|true|false|y|n|yes|no|on|off|1|0)\s*$/i;

/** Whether PostgreSQL's `value::<type>` (Odoo's column conversion) can read a value of the old column. */
function castable(value: unknown, to: string): boolean {
  // A number casts to any numeric type (a float is rounded to an integer) and to a boolean.
  if (typeof value === 'number') return to !== 'date' && to !== 'datetime';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (to) {
    case 'integer':
    case 'many2one':
      return INTEGER.test(text);
    case 'float':
    case 'monetary':
      return NUMBER.test(text);
    case 'boolean':
      return BOOLEAN.test(text);
    case 'date':
    case 'datetime':
      return !Number.isNaN(Date.parse(text));
    default:
      return true;
  }
}

/**
 * When the update itself failed, the database still holds the base: for each field the head
 * retypes (its declared type differs from the base's), the values PostgreSQL cannot convert to
 * the new type are what the update would lose (it stops on the first one, so nothing is saved).
 */
export function retypeLosses(base: DatabaseSnapshot, head: HeadFieldTypes): UpgradeLoss[] {
  const losses: UpgradeLoss[] = [];
  for (const model of Object.values(base.models)) {
    const types = head[model.model];
    if (!types) continue;
    for (const [name, field] of Object.entries(model.fields)) {
      const to = types[name];
      if (!to || to === field.type) continue;
      const ids = Object.keys(model.records).filter((id) => {
        const value = model.records[id]?.[name];
        return value !== null && value !== undefined && value !== false && !castable(value, to);
      });
      if (ids.length === 0) continue;
      losses.push({
        kind: 'field-retyped',
        model: model.model,
        field: name,
        records: ids.length,
        values: ids.length,
        message:
          `field ${model.model}.${name} is retyped ${field.type} → ${to} and ${ids.length} value(s) cannot be converted: ` +
          `Odoo's update casts the column and stops on the first one; keep the type, or add a new field and a migration that converts the values`,
        examples: ids
          .slice(0, 3)
          .map((id) => `${model.model}(${id}).${name} = ${JSON.stringify(model.records[id]?.[name])}`),
      });
    }
  }
  return losses;
}
