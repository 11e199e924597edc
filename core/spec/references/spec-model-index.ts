import { KNOWN_MIXINS } from '../../odoo/mixins.js';
import { ModuleCatalog } from '../../odoo/standard-modules/module-catalog.js';
import { closestKey } from '../schema-keys.js';
import type { FieldSpec, FieldType, ModuleSpec } from '../module-spec.js';

/** A path into the spec as keys, e.g. ['models', 0, 'fields', 'owner_id']. */
export type SpecPath = (string | number)[];

/** A model the spec defines (`models`) or adds fields to (`extend`). */
export interface IndexedModel {
  name: string;
  /** True for a model of `models`: every field is known. False for an extended existing model. */
  complete: boolean;
  /** Where the model is written: ['models', 0] or ['extend', 0] (the first place for a repeat). */
  path: SpecPath;
  fields: Readonly<Record<string, FieldSpec>>;
  /** Field name → path of its definition (extensions of one model are merged). */
  fieldPaths: ReadonlyMap<string, SpecPath>;
  mixins: readonly string[];
  /** Fields the mixins add (name → label). */
  mixinFields: Readonly<Record<string, string>>;
}

/** What a field name refers to on a model. */
export type FieldLookup =
  | { found: 'spec'; field: FieldSpec }
  | { found: 'magic'; field: FieldSpec }
  | { found: 'mixin' }
  /** The model is not fully known (an existing Odoo model): the field may exist. */
  | { found: 'maybe' }
  /** The model is fully known and has no such field. */
  | { found: 'no' };

/** Odoo's magic fields, typed (they exist on every model). */
export const MAGIC_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: { type: 'integer' },
  display_name: { type: 'char' },
  create_uid: { type: 'many2one', comodel: 'res.users' },
  create_date: { type: 'datetime' },
  write_uid: { type: 'many2one', comodel: 'res.users' },
  write_date: { type: 'datetime' },
};

export const RELATIONAL_TYPES: ReadonlySet<FieldType> = new Set(['many2one', 'one2many', 'many2many']);
export const X2MANY_TYPES: ReadonlySet<FieldType> = new Set(['one2many', 'many2many']);
export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['integer', 'float', 'monetary']);

/**
 * Whether a field has a database column. Same rule as the generator: x2many never, binary and
 * image live in attachments, a compute is stored unless `store: false`, a related only with
 * `store: true`.
 */
export function isStoredField(field: FieldSpec): boolean {
  if (X2MANY_TYPES.has(field.type) || field.type === 'binary' || field.type === 'image') return false;
  if (field.related !== undefined) return field.store === true;
  if (field.compute !== undefined) return field.store !== false;
  return true;
}

/** The models of a spec by name, with lookups. Built once per check. */
export class SpecModelIndex {
  readonly models: ReadonlyMap<string, IndexedModel>;
  readonly groupKeys: ReadonlySet<string>;
  /** Modules whose XML ids the addon may use: its depends (with theirs, transitively), `base` and itself. */
  readonly knownModules: ReadonlySet<string>;

  constructor(readonly spec: ModuleSpec) {
    const models = new Map<string, IndexedModel>();
    (spec.models ?? []).forEach((model, i) => {
      if (models.has(model.name)) return;
      const mixinFields: Record<string, string> = {};
      for (const mixin of model.mixins ?? []) Object.assign(mixinFields, KNOWN_MIXINS[mixin]?.fields ?? {});
      const fieldPaths = new Map(
        Object.keys(model.fields).map((name) => [name, ['models', i, 'fields', name] as SpecPath]),
      );
      models.set(model.name, {
        name: model.name,
        complete: true,
        path: ['models', i],
        fields: model.fields,
        fieldPaths,
        mixins: model.mixins ?? [],
        mixinFields,
      });
    });
    (spec.extend ?? []).forEach((extension, i) => {
      const existing = models.get(extension.model);
      if (existing?.complete) return;
      const fields = { ...(existing?.fields ?? {}) };
      const fieldPaths = new Map(existing?.fieldPaths ?? []);
      for (const [name, field] of Object.entries(extension.fields)) {
        if (fields[name]) continue;
        fields[name] = field;
        fieldPaths.set(name, ['extend', i, 'fields', name]);
      }
      models.set(extension.model, {
        name: extension.model,
        complete: false,
        path: existing?.path ?? ['extend', i],
        fields,
        fieldPaths,
        mixins: [],
        mixinFields: {},
      });
    });
    this.models = models;
    this.groupKeys = new Set(Object.keys(spec.security?.groups ?? {}));
    const depends = spec.module.depends ?? [];
    const reached = ModuleCatalog.forSeries(spec.odoo)?.reach(depends).modules ?? [];
    this.knownModules = new Set(['base', spec.module.name, ...depends, ...reached]);
  }

  model(name: string): IndexedModel | undefined {
    return this.models.get(name);
  }

  /** Looks a field up on a model of the spec; an unknown model answers `maybe`. */
  lookup(modelName: string, fieldName: string): FieldLookup {
    const model = this.models.get(modelName);
    const field = model?.fields[fieldName];
    if (field) return { found: 'spec', field };
    const magic = MAGIC_FIELDS[fieldName];
    if (magic) return { found: 'magic', field: magic };
    if (!model || !model.complete) return { found: 'maybe' };
    if (model.mixinFields[fieldName] !== undefined) return { found: 'mixin' };
    return { found: 'no' };
  }

  /** The field names a complete model offers, for "expected one of …" messages. */
  fieldNames(modelName: string, keep: (field: FieldSpec) => boolean = () => true): string[] {
    const model = this.models.get(modelName);
    if (!model) return [];
    return Object.entries(model.fields)
      .filter(([, field]) => keep(field))
      .map(([name]) => name);
  }
}

/** "expected one of a, b, c" (after "did you mean b?" for a near miss of `given`), or a note when there is nothing. */
export function choices(what: string, names: readonly string[], given?: string): string {
  if (names.length === 0) return `there are no ${what} to choose from`;
  const list = `expected one of the ${what} ${names.join(', ')}`;
  const near = given === undefined ? undefined : closestKey(given, names);
  return near === undefined ? list : `did you mean ${near}? (${list})`;
}

/** The module part of an external id `module.xml_id`, or undefined when there is no dot. */
export function externalIdModule(ref: string): string | undefined {
  const dot = ref.indexOf('.');
  return dot > 0 ? ref.slice(0, dot) : undefined;
}
