import type { ModelClass } from './module-summary.js';
import type { PyField } from './python-facts.js';

/** Fields every model has, from Odoo's BaseModel. */
const MAGIC_FIELDS = [
  'id',
  'display_name',
  'create_uid',
  'create_date',
  'write_uid',
  'write_date',
  '__last_update',
];

/** Public methods of Odoo's BaseModel that a button may call (16.0 to 18.0). */
const BASE_METHODS = (
  'action_archive action_unarchive browse check_access check_access_rights check_access_rule copy copy_data create ' +
  'default_get ensure_one exists export_data fields_get filtered mapped name_create name_get name_search read ' +
  'read_group search search_count search_read sorted sudo toggle_active unlink update with_company with_context ' +
  'with_user write get_metadata get_external_id get_xml_id onchange load new'
).split(' ');

/** One model as the classes of a set of modules make it. */
export interface ModelInfo {
  name: string;
  classes: ModelClass[];
  /** Some class of the set introduces it (`_name` not inherited). */
  defined: boolean;
  abstract: boolean;
  transient: boolean;
}

/** The models of a set of modules, with fields and methods resolved through inheritance. */
export class ModelRegistry {
  readonly models = new Map<string, ModelInfo>();
  private readonly fieldCache = new Map<string, Map<string, PyField> | undefined>();
  private readonly methodCache = new Map<string, Set<string> | undefined>();

  constructor(classes: Iterable<ModelClass>) {
    for (const cls of classes) {
      const inherit = cls._inherit ?? [];
      const name = cls._name ?? inherit[0];
      if (!name || name === '?') continue;
      let info = this.models.get(name);
      if (!info) {
        info = { name, classes: [], defined: false, abstract: false, transient: false };
        this.models.set(name, info);
      }
      info.classes.push(cls);
      if (cls._name !== undefined && !inherit.includes(cls._name)) {
        info.defined = true;
        const base = cls.bases.join(' ');
        if (base.includes('AbstractModel') || cls._abstract === true) info.abstract = true;
        if (base.includes('TransientModel') || cls._transient === true) info.transient = true;
      }
    }
  }

  /** Models `name` delegates to (`_inherits` and `delegate=True` fields); undefined if unknown. */
  delegatedParents(name: string): string[] | undefined {
    const info = this.models.get(name);
    if (!info?.defined) return undefined;
    const out: string[] = [];
    for (const cls of info.classes) {
      out.push(...Object.keys(cls._inherits ?? {}));
      for (const field of cls.fields) if (field.delegate && field.comodel) out.push(field.comodel);
    }
    return out;
  }

  /** Models a class of `name` inherits from or delegates to. */
  private parents(name: string): string[] {
    const info = this.models.get(name);
    if (!info) return [];
    const out: string[] = [];
    for (const cls of info.classes) {
      for (const parent of cls._inherit ?? []) if (parent !== name) out.push(parent);
      for (const parent of Object.keys(cls._inherits ?? {})) out.push(parent);
      for (const field of cls.fields) if (field.delegate && field.comodel) out.push(field.comodel);
    }
    return out;
  }

  /**
   * Every field of a model, or undefined when it cannot be known from these modules (the model,
   * or one it inherits from, is defined elsewhere). Never guesses: unknown means "do not check".
   */
  fields(name: string, seen: Set<string> = new Set()): Map<string, PyField> | undefined {
    if (this.fieldCache.has(name)) return this.fieldCache.get(name);
    if (seen.has(name)) return new Map();
    seen.add(name);
    const info = this.models.get(name);
    let result: Map<string, PyField> | undefined;
    if (
      info?.defined &&
      info.classes.every((cls) => !(cls._inherit ?? []).includes('?') && cls._name !== '?')
    ) {
      result = new Map();
      for (const parent of [...this.parents(name), ...(name === 'base' ? [] : ['base'])]) {
        if (parent === 'base' && !this.models.has('base')) continue;
        const inherited = this.fields(parent, seen);
        if (!inherited) {
          result = undefined;
          break;
        }
        for (const [key, field] of inherited) result.set(key, field);
      }
      if (result) {
        for (const magic of MAGIC_FIELDS) result.set(magic, { name: magic, line: 0, type: 'magic' });
        for (const cls of info.classes) {
          for (const field of cls.fields) {
            const previous = result.get(field.name);
            result.set(
              field.name,
              previous && !field.comodel && previous.comodel
                ? { ...field, comodel: previous.comodel }
                : field,
            );
          }
        }
      }
    }
    seen.delete(name);
    this.fieldCache.set(name, result);
    return result;
  }

  /**
   * Why `fields(name)` is undefined: the models in its inheritance (itself included) that no
   * class of these modules defines, `?` for a name computed at run time. Empty when its fields are known.
   */
  unknownAncestors(name: string, seen: Set<string> = new Set()): string[] {
    if (seen.has(name)) return [];
    seen.add(name);
    const info = this.models.get(name);
    if (!info?.defined) return [name];
    const out = new Set<string>();
    if (info.classes.some((cls) => (cls._inherit ?? []).includes('?') || cls._name === '?')) out.add('?');
    for (const parent of [...this.parents(name), ...(name === 'base' ? [] : ['base'])]) {
      if (parent === 'base' && !this.models.has('base')) continue;
      for (const unknown of this.unknownAncestors(parent, seen)) out.add(unknown);
    }
    return [...out];
  }

  /** Every method and class attribute of a model, or undefined when not knowable. */
  methods(name: string, seen: Set<string> = new Set()): Set<string> | undefined {
    if (this.methodCache.has(name)) return this.methodCache.get(name);
    if (seen.has(name)) return new Set();
    seen.add(name);
    const info = this.models.get(name);
    let result: Set<string> | undefined;
    if (info?.defined) {
      result = new Set(BASE_METHODS);
      for (const parent of [...this.parents(name), ...(name === 'base' ? [] : ['base'])]) {
        if (parent === 'base' && !this.models.has('base')) continue;
        const inherited = this.methods(parent, seen);
        if (!inherited) {
          result = undefined;
          break;
        }
        for (const method of inherited) result.add(method);
      }
      if (result) {
        for (const cls of info.classes) {
          for (const method of cls.methods) result.add(method);
          for (const attr of cls.attrs) result.add(attr);
          for (const field of cls.fields) result.add(field.name);
        }
      }
    }
    seen.delete(name);
    this.methodCache.set(name, result);
    return result;
  }

  /** The comodel of a relational field, following `related` chains; undefined if unknown. */
  comodel(model: string, fieldName: string, depth = 0): string | undefined {
    const field = this.fields(model)?.get(fieldName);
    if (!field) return undefined;
    if (field.comodel) return field.comodel;
    if (field.related && depth < 5) {
      let current: string | undefined = model;
      for (const step of field.related.split('.')) {
        if (!current) return undefined;
        current = this.comodel(current, step, depth + 1);
      }
      return current;
    }
    return undefined;
  }
}
