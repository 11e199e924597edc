import type { FieldSpec, ModuleSpec } from '../spec/module-spec.js';

/** One change between two versions of a spec that matters to the data of a running database. */
export interface SpecChange {
  kind:
    | 'model-removed'
    | 'model-renamed'
    | 'field-removed'
    | 'field-renamed'
    | 'field-retyped'
    | 'selection-key-removed'
    | 'selection-key-mapped'
    | 'version-not-bumped';
  model: string;
  field?: string;
  /** Old name, old type or old key. */
  from?: string;
  to?: string;
  /** `loses-data`: an update loses values; `migrated`: a generated migration carries them; `safe`: Odoo converts them itself. */
  effect: 'loses-data' | 'migrated' | 'safe';
  message: string;
}

/**
 * Column type changes that keep every value: the same column type, or a cast that cannot fail or
 * round. Odoo 16.0–18.0 convert any other retype with `ALTER COLUMN … TYPE … USING col::type`
 * (`Field._convert_db_column`): a float becomes a rounded integer, a datetime loses its time, and
 * a value the cast refuses ("A-12" to an integer) makes the whole update fail.
 */
const SAFE_RETYPES: ReadonlySet<string> = new Set([
  'char>text',
  'char>html',
  'text>html',
  'html>text',
  'text>char',
  'html>char',
  'selection>char',
  'integer>float',
  'integer>monetary',
  'float>monetary',
  'monetary>float',
  'date>datetime',
  'image>binary',
  'binary>image',
]);

type Fields = Record<string, FieldSpec>;

function modelFields(spec: ModuleSpec): Map<string, Fields> {
  const models = new Map<string, Fields>();
  for (const model of spec.models ?? []) models.set(model.name, model.fields);
  for (const extension of spec.extend ?? [])
    models.set(extension.model, { ...(models.get(extension.model) ?? {}), ...extension.fields });
  return models;
}

/** Has a column whose values an update can lose (not an x2many, not a non-stored compute or related). */
function hasData(field: FieldSpec): boolean {
  if (field.type === 'one2many') return false;
  if ((field.compute !== undefined || field.related !== undefined) && field.store !== true) return false;
  return true;
}

/**
 * What changes between the base and head versions of a spec, for the data an installed base
 * holds: models and fields removed, fields renamed (`renamed_from`) or retyped, selection keys
 * removed or mapped (`mapped_from`), and a head version that does not move past the base's
 * (Odoo then runs no migration script). Pure: the real proof is the upgrade stage on real Odoo.
 */
export function diffSpecs(base: ModuleSpec, head: ModuleSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  const before = modelFields(base);
  const after = modelFields(head);
  const ownHead = new Set((head.models ?? []).map((model) => model.name));
  // Old model name → new name, for the head's models with renamed_from.
  const renamedModels = new Map(
    (head.models ?? []).flatMap((model) =>
      model.renamed_from && !ownHead.has(model.renamed_from)
        ? [[model.renamed_from, model.name] as const]
        : [],
    ),
  );
  for (const model of base.models ?? []) {
    if (ownHead.has(model.name)) continue;
    const newName = renamedModels.get(model.name);
    if (newName)
      changes.push({
        kind: 'model-renamed',
        model: newName,
        from: model.name,
        to: newName,
        effect: 'migrated',
        message: `model ${model.name} is renamed ${newName}: the generated pre-migrate script renames its table and the rows that name it, so its records are kept`,
      });
    else
      changes.push({
        kind: 'model-removed',
        model: model.name,
        effect: 'loses-data',
        message:
          `model ${model.name} is not in the head spec: an update drops its table and every record ` +
          `(renamed? set renamed_from: ${model.name} on the new model)`,
      });
  }
  for (const [baseModel, fields] of before) {
    const model = ownHead.has(baseModel) ? baseModel : (renamedModels.get(baseModel) ?? baseModel);
    const headFields = after.get(model);
    if (!headFields) continue;
    const renamed = new Map(
      Object.entries(headFields).flatMap(([name, field]) =>
        field.renamed_from ? [[field.renamed_from, name] as const] : [],
      ),
    );
    for (const [name, field] of Object.entries(fields)) {
      if (!hasData(field)) continue;
      const newName = headFields[name] ? name : renamed.get(name);
      const headField = newName ? headFields[newName] : undefined;
      if (!headField || !newName) {
        changes.push({
          kind: 'field-removed',
          model,
          field: name,
          effect: 'loses-data',
          message: `field ${model}.${name} is not in the head spec: its values are lost on update (renamed? set renamed_from: ${name} on the new field)`,
        });
        continue;
      }
      if (newName !== name)
        changes.push({
          kind: 'field-renamed',
          model,
          field: newName,
          from: name,
          to: newName,
          effect: field.type === headField.type ? 'migrated' : 'loses-data',
          message:
            field.type === headField.type
              ? `field ${model}.${name} is renamed ${newName}: the generated pre-migrate script renames its column`
              : `field ${model}.${name} is renamed ${newName} and retyped ${field.type} → ${headField.type}: rename first, retype in another version`,
        });
      else if (field.type !== headField.type) changes.push(retyped(model, name, field, headField));
      changes.push(...selectionChanges(model, newName, field, headField));
    }
  }
  if (
    changes.some((change) => change.effect === 'migrated') &&
    !versionAfter(head.module.version, base.module.version)
  )
    changes.push({
      kind: 'version-not-bumped',
      model: head.module.name,
      from: base.module.version ?? '1.0.0',
      to: head.module.version ?? '1.0.0',
      effect: 'loses-data',
      message: `module.version ${head.module.version ?? '1.0.0'} does not move past the base's ${base.module.version ?? '1.0.0'}: Odoo runs no migration script; set it to ${bumpVersion(base.module.version)}`,
    });
  return changes;
}

function retyped(model: string, name: string, field: FieldSpec, headField: FieldSpec): SpecChange {
  const safe = SAFE_RETYPES.has(`${field.type}>${headField.type}`);
  return {
    kind: 'field-retyped',
    model,
    field: name,
    from: field.type,
    to: headField.type,
    effect: safe ? 'safe' : 'loses-data',
    message: safe
      ? `field ${model}.${name} is retyped ${field.type} → ${headField.type}: Odoo converts the column in place`
      : `field ${model}.${name} is retyped ${field.type} → ${headField.type}: Odoo's update casts the column (${name}::${headField.type}), which rounds or cuts values that do not fit and stops the update on one it cannot read`,
  };
}

function selectionChanges(model: string, name: string, field: FieldSpec, headField: FieldSpec): SpecChange[] {
  if (field.type !== 'selection' || headField.type !== 'selection' || !field.options || !headField.options)
    return [];
  const keys = Object.keys(headField.options);
  const mapped = headField.mapped_from ?? {};
  return Object.keys(field.options)
    .filter((key) => !keys.includes(key))
    .map((key): SpecChange => {
      const to = mapped[key];
      return to
        ? {
            kind: 'selection-key-mapped',
            model,
            field: name,
            from: key,
            to,
            effect: 'migrated',
            message: `${model}.${name}: key "${key}" becomes "${to}": the generated pre-migrate script rewrites the records`,
          }
        : {
            kind: 'selection-key-removed',
            model,
            field: name,
            from: key,
            effect: 'loses-data',
            message: `${model}.${name}: key "${key}" is gone from the selection and records holding it keep a value the field no longer knows; map it with mapped_from: {${key}: <new key>}`,
          };
    });
}

function parts(version: string | undefined): number[] {
  return (version ?? '1.0.0').split('.').map(Number);
}

/** `1.2.0` is after `1.1.9`. */
export function versionAfter(version: string | undefined, than: string | undefined): boolean {
  const a = parts(version);
  const b = parts(than);
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** The next minor version: `1.0.3` → `1.1.0`. */
export function bumpVersion(version: string | undefined): string {
  const [major = 1, minor = 0] = parts(version);
  return `${major}.${minor + 1}.0`;
}
