import type { DatabaseSnapshot, FieldSnapshot, ModelSnapshot } from './database-snapshot.js';
import type { SnapshotComparison, UpgradeLoss } from './upgrade-loss.js';

const EXAMPLES = 3;

/**
 * Compares an addon's data before (`base`) and after (`head`) an update: every record and every
 * field value that both versions define must have survived. A field gone from the head is
 * accepted as renamed when a new head field of the same type holds exactly its values; a
 * selection key gone from the head is accepted as mapped when all its records now hold one key
 * of the head. Everything else that changed or vanished is a loss, counted in records and values.
 */
export function compareSnapshots(base: DatabaseSnapshot, head: DatabaseSnapshot): SnapshotComparison {
  const result: SnapshotComparison = {
    losses: [],
    carried: [],
    survived: { models: 0, records: 0, values: 0 },
  };
  for (const before of Object.values(base.models)) {
    const after = head.models[before.model] ?? renamedModel(before, base, head);
    if (!after) {
      result.losses.push(modelRemoved(before, base, head));
      continue;
    }
    if (after.model !== before.model)
      result.carried.push({
        kind: 'model-renamed',
        model: after.model,
        field: '',
        from: before.model,
        to: after.model,
        values: Object.keys(before.records).filter((id) => after.records[id] !== undefined).length,
      });
    result.survived.models += 1;
    compareModel(before, after, result);
  }
  return result;
}

/**
 * The head model a base model was renamed to: a new model of the module that kept its `ir_model`
 * row (a migration renamed the model, so its table and records came along). A model created anew
 * under the new name has a new row, even when demo data refill it with the same values.
 */
function renamedModel(
  before: ModelSnapshot,
  base: DatabaseSnapshot,
  head: DatabaseSnapshot,
): ModelSnapshot | undefined {
  if (before.modelId === undefined) return undefined;
  return Object.values(head.models).find(
    (model) => model.own && base.models[model.model] === undefined && model.modelId === before.modelId,
  );
}

function modelRemoved(before: ModelSnapshot, base: DatabaseSnapshot, head: DatabaseSnapshot): UpgradeLoss {
  const records = Object.keys(before.records).length;
  const values = Object.values(before.records).reduce(
    (sum, row) => sum + setValues(row, Object.keys(before.fields)),
    0,
  );
  const newcomer = Object.values(head.models).find(
    (model) => model.own && base.models[model.model] === undefined,
  );
  const renamed = newcomer ? ` (renamed to ${newcomer.model}? Odoo created that model anew)` : '';
  return {
    kind: 'model-removed',
    model: before.model,
    records,
    values,
    message:
      `model ${before.model} is gone after the update${renamed}: its ${records} record(s) and ${values} value(s) are lost; ` +
      `keep the model, or, if it was renamed, say so with renamed_from: ${before.model} on the new model (the generator then writes the migration)`,
    examples: Object.keys(before.records)
      .slice(0, EXAMPLES)
      .map((id) => `${before.model}(${id})`),
  };
}

function compareModel(before: ModelSnapshot, after: ModelSnapshot, result: SnapshotComparison): void {
  const ids = Object.keys(before.records);
  const kept = ids.filter((id) => after.records[id] !== undefined);
  const gone = ids.filter((id) => after.records[id] === undefined);
  if (gone.length > 0) {
    const values = gone.reduce(
      (sum, id) => sum + setValues(before.records[id] ?? {}, Object.keys(before.fields)),
      0,
    );
    result.losses.push({
      kind: 'record-deleted',
      model: before.model,
      records: gone.length,
      values,
      message: `${gone.length} record(s) of ${before.model} were deleted by the update (${values} value(s)); find what removed them in the update log or the migration scripts`,
      examples: gone.slice(0, EXAMPLES).map((id) => `${before.model}(${id})`),
    });
  }
  result.survived.records += kept.length;
  const newFields = Object.keys(after.fields).filter((name) => before.fields[name] === undefined);
  for (const [name, field] of Object.entries(before.fields)) {
    const headField = after.fields[name];
    if (headField) compareField(before, after, kept, name, field, headField, result);
    else removedField(before, after, kept, name, field, newFields, result);
  }
}

function removedField(
  before: ModelSnapshot,
  after: ModelSnapshot,
  ids: string[],
  name: string,
  field: FieldSnapshot,
  newFields: string[],
  result: SnapshotComparison,
): void {
  const set = ids.filter((id) => isSet(before.records[id]?.[name]));
  const renamedTo = newFields.find(
    (candidate) =>
      after.fields[candidate]?.type === field.type &&
      set.length > 0 &&
      ids.every((id) => sameValue(before.records[id]?.[name], after.records[id]?.[candidate])),
  );
  if (renamedTo) {
    result.carried.push({
      kind: 'field-renamed',
      model: before.model,
      field: renamedTo,
      from: name,
      to: renamedTo,
      values: set.length,
    });
    result.survived.values += set.length;
    return;
  }
  if (set.length === 0) return;
  result.losses.push({
    kind: 'field-removed',
    model: before.model,
    field: name,
    records: set.length,
    values: set.length,
    message:
      `field ${before.model}.${name} (${field.type}) is gone after the update: ${set.length} value(s) are lost; ` +
      `if it was renamed, say so with renamed_from: ${name} on the new field (the generator then writes the migration)`,
    examples: set
      .slice(0, EXAMPLES)
      .map((id) => `${before.model}(${id}).${name} = ${show(before.records[id]?.[name])}`),
  });
}

function compareField(
  before: ModelSnapshot,
  after: ModelSnapshot,
  ids: string[],
  name: string,
  field: FieldSnapshot,
  headField: FieldSnapshot,
  result: SnapshotComparison,
): void {
  const changed: string[] = [];
  const mapped = new Map<string, Set<string>>();
  const invalid: string[] = [];
  let same = 0;
  for (const id of ids) {
    const old = before.records[id]?.[name];
    const now = after.records[id]?.[name];
    const keys = headField.selection;
    if (keys && typeof now === 'string' && !keys.includes(now)) {
      invalid.push(id);
      continue;
    }
    if (sameValue(old, now)) {
      if (isSet(old)) same += 1;
      continue;
    }
    if (keys && typeof old === 'string' && !keys.includes(old) && typeof now === 'string') {
      mapped.set(old, (mapped.get(old) ?? new Set()).add(now));
      continue;
    }
    changed.push(id);
  }
  result.survived.values += same;
  for (const [from, targets] of mapped) {
    const count = ids.filter((id) => before.records[id]?.[name] === from).length;
    if (targets.size === 1) {
      const to = [...targets][0] ?? '';
      result.carried.push({
        kind: 'selection-mapped',
        model: before.model,
        field: name,
        from,
        to,
        values: count,
      });
      result.survived.values += count;
    } else {
      changed.push(...ids.filter((id) => before.records[id]?.[name] === from));
    }
  }
  const example = (id: string) =>
    `${before.model}(${id}).${name}: ${show(before.records[id]?.[name])} → ${show(after.records[id]?.[name])}`;
  if (invalid.length > 0) {
    const keys = [...new Set(invalid.map((id) => String(after.records[id]?.[name])))];
    result.losses.push({
      kind: 'selection-key-removed',
      model: before.model,
      field: name,
      records: invalid.length,
      values: invalid.length,
      message:
        `${invalid.length} record(s) of ${before.model} hold ${keys.map((key) => `"${key}"`).join(', ')} in ${name}, no longer a key of its selection: ` +
        `those values are lost to the user; map each old key with mapped_from: {${keys[0] ?? 'old'}: <new key>} on the field (the generator then writes the migration)`,
      examples: invalid.slice(0, EXAMPLES).map(example),
    });
  }
  if (field.type !== headField.type) {
    if (changed.length === 0) {
      result.carried.push({
        kind: 'field-converted',
        model: before.model,
        field: name,
        from: field.type,
        to: headField.type,
        values: same,
      });
      return;
    }
    result.losses.push({
      kind: 'field-retyped',
      model: before.model,
      field: name,
      records: changed.length,
      values: changed.length,
      message:
        `field ${before.model}.${name} was retyped ${field.type} → ${headField.type} and ${changed.length} value(s) did not survive ` +
        `(Odoo casts the column, which rounds or cuts what does not fit): keep the type, or add a new field and a migration that converts the values`,
      examples: changed.slice(0, EXAMPLES).map(example),
    });
    return;
  }
  if (changed.length > 0)
    result.losses.push({
      kind: 'value-changed',
      model: before.model,
      field: name,
      records: changed.length,
      values: changed.length,
      message: `${changed.length} value(s) of ${before.model}.${name} changed during the update; an update must not rewrite data: look at the migration scripts and the data files (noupdate)`,
      examples: changed.slice(0, EXAMPLES).map(example),
    });
}

function setValues(row: Record<string, unknown>, fields: string[]): number {
  return fields.filter((name) => isSet(row[name])).length;
}

function isSet(value: unknown): boolean {
  return (
    value !== null && value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)
  );
}

/** Equal as data: numbers and their text alike (a char "12" became the integer 12), a translated value and its en_US text. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === null || value === undefined || value === false) return '∅';
  if (Array.isArray(value)) return value.length === 0 ? '∅' : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['en_US'] === 'string') return record['en_US'];
    return JSON.stringify(value);
  }
  return String(value);
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
