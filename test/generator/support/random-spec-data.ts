import type { TestValue } from '../../../core/spec/module-spec-schema.js';
import type { ModuleSpec } from '../../../core/spec/module-spec.js';
import { EXTERNAL_REFS, isPlain } from './random-draw.js';
import { brokenColumns, type SpecContext } from './random-spec-records.js';

/**
 * ModuleSpec 1.1 `data`: a few records on some models (never a stage model: its records are its
 * `stages`), ids `<table>_data_<n>`, many2one values referring to an earlier data record of the
 * comodel or a record of base; sometimes `noupdate: false`. Records that would break a CHECK are
 * left out, as in demo data.
 */
export function addDataRecords(ctx: SpecContext): void {
  const d = ctx.d;
  const stageModels = new Set(
    ctx.models.filter((model) => model.spec.stages).map((model) => model.spec.name),
  );
  const data: NonNullable<ModuleSpec['data']> = {};
  const ids = new Map<string, string[]>();
  for (const model of ctx.models) {
    if (stageModels.has(model.spec.name) || !d.chance(50)) continue;
    const records: NonNullable<ModuleSpec['data']>[string] = [];
    const count = d.int(1, 3);
    for (let r = 0; r < count; r += 1) {
      const values: Record<string, TestValue> = {};
      let complete = true;
      for (const [name, field] of Object.entries(model.spec.fields)) {
        if (!isPlain(field) || field.type === 'one2many' || field.type === 'many2many') continue;
        if (field.type === 'many2one' && stageModels.has(field.comodel ?? '')) continue;
        const needed = field.required === true && field.default === undefined;
        if (!needed && !d.chance(40)) continue;
        if (field.type === 'many2one') {
          const ref = EXTERNAL_REFS[field.comodel ?? ''] ?? (ids.get(field.comodel ?? '') ?? [])[0];
          if (ref !== undefined) values[name] = { ref };
          else if (needed) complete = false;
          continue;
        }
        const value = ctx.value(field);
        if (value !== undefined) values[name] = value;
        else if (needed) complete = false;
      }
      if (!complete) break;
      if (brokenColumns(model, values, 'null').length > 0) continue;
      const id = `${model.table}_data_${records.length + 1}`;
      records.push(d.chance(25) ? { id, values, noupdate: false } : { id, values });
    }
    if (records.length === 0) continue;
    data[model.spec.name] = records;
    ids.set(
      model.spec.name,
      records.map((record) => record.id),
    );
  }
  if (Object.keys(data).length > 0) ctx.spec.data = data;
}
