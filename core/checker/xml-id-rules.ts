import type { Finding } from '../findings/finding.js';
import type { FindingSink, ModuleSummary, XmlIdDefinition, XmlIdReference } from './module-summary.js';

/** What the reference rules may look ids up in. */
export interface IdScope {
  module: string;
  /** The addon's own definitions, in load order. */
  own: Map<string, XmlIdDefinition[]>;
  /** Summaries of the modules the addon depends on (transitively, itself excluded). */
  deps: Map<string, ModuleSummary>;
  /** Whether the addons path is known: without it, ids of other modules cannot be checked. */
  complete: boolean;
  /** Modules on the addons path that are not dependencies (undefined when unknown). */
  isOnAddonsPath: (module: string) => boolean;
  /** The models a model delegates to (`_inherits`). */
  parentsOf: ParentsOf;
  /** Some own data or Python file did not parse: own ids and models may be missing. */
  ownIncomplete: boolean;
  /** Full ids the addon's Python creates. */
  ownPythonIds: Set<string>;
  /** The addon's own model classes. */
  ownClasses: ModuleSummary['classes'];
}

function modelKey(model: string): string {
  return model.replace(/\./g, '_');
}

/** Ids Odoo creates itself rather than from data files. */
function isGeneratedId(
  module: string,
  name: string,
  classesOf: (module: string) => ModuleSummary['classes'] | undefined,
): boolean | undefined {
  if (name.startsWith('model_')) {
    const classes = classesOf(module);
    if (!classes || classes.some((cls) => cls._name === '?' || (cls._inherit ?? []).includes('?')))
      return undefined;
    const wanted = name.slice('model_'.length);
    return classes.some((cls) =>
      [cls._name, ...(cls._inherit ?? [])].some((model) => model && modelKey(model) === wanted),
    );
  }
  if (/^(field_|selection__|constraint_|access_)/.test(name) && name.includes('__')) return true;
  if (module === 'base' && /^(module_|lang_)/.test(name)) return true;
  return false;
}

/**
 * Odoo gives the parent record of an `_inherits` model the id `<id>_<parent_model>` (a product
 * `x` makes `x_product_template`). True when `id` is such an id of a defined record.
 */
function isDelegatedParentId(
  id: string,
  modelOf: (id: string) => string | undefined,
  parentsOf: ParentsOf,
): boolean {
  for (let index = id.indexOf('_'); index > 0; index = id.indexOf('_', index + 1)) {
    const model = modelOf(id.slice(0, index));
    if (model === undefined) continue;
    const suffix = id.slice(index + 1);
    const parents = parentsOf(model) ?? COMMON_DELEGATED_PARENTS;
    if (parents.some((parent) => modelKey(parent) === suffix)) return true;
  }
  return false;
}

/** Models that `_inherits` models commonly delegate to, for when the child model is unknown. */
const COMMON_DELEGATED_PARENTS = [
  'product.template',
  'product.product',
  'ir.actions.server',
  'res.partner',
  'res.users',
  'mail.alias',
];

/** The models a model delegates to (`_inherits`), undefined when the model is unknown. */
export type ParentsOf = (model: string) => string[] | undefined;

function before(
  a: { fileIndex: number; position: number },
  b: { fileIndex: number; position: number },
): boolean {
  return a.fileIndex < b.fileIndex || (a.fileIndex === b.fileIndex && a.position < b.position);
}

/** The fields a later definition sets to another value than an earlier one (undefined: not compared). */
function replacedFields(first: XmlIdDefinition, later: XmlIdDefinition): string[] | undefined {
  if (!first.values || !later.values) return undefined;
  const earlier = first.values;
  return Object.entries(later.values)
    .filter(([field, value]) => earlier[field] !== undefined && earlier[field] !== value)
    .map(([field]) => field);
}

/**
 * A second definition of an id: another model fails the install (error); the same model updates
 * the record, silently replacing the values the first one set (warning) or losing nothing (info).
 */
function duplicateFinding(id: string, first: XmlIdDefinition, dup: XmlIdDefinition): Finding {
  const where = `${first.file}:${first.line}`;
  const at = { file: dup.file, line: dup.line, rule: 'xml-duplicate-id' };
  if (dup.model !== first.model) {
    return {
      ...at,
      severity: 'error',
      message: `XML id "${id}" is defined as ${dup.model} here and as ${first.model} in ${where}; Odoo refuses a record of another model`,
    };
  }
  const replaced = replacedFields(first, dup) ?? [];
  // Demo data that updates a data record is how demo data is written (Odoo's own base does it).
  if (replaced.length > 0 && !(dup.demo && !first.demo)) {
    return {
      ...at,
      severity: 'warning',
      message: `XML id "${id}" is defined twice: this one replaces ${replaced.map((f) => `"${f}"`).join(', ')} set in ${where} (Odoo keeps the last value silently)`,
    };
  }
  return {
    ...at,
    severity: 'info',
    message: `XML id "${id}" is defined twice (also in ${where}); the second one updates the first and changes nothing it set`,
  };
}

/** Duplicate ids, unknown ids, and ids used before the file that defines them is loaded. */
export function checkXmlIds(
  definitions: XmlIdDefinition[],
  references: XmlIdReference[],
  scope: IdScope,
  sink: FindingSink,
): void {
  for (const [id, all] of scope.own) {
    // ids given by _update_xmlids (model '') name records made elsewhere: no duplicates there.
    const defs = all.filter((def) => def.model !== '');
    if (defs.length < 2) continue;
    const first = defs[0] as XmlIdDefinition;
    for (const dup of defs.slice(1)) sink(duplicateFinding(id, first, dup));
  }
  void definitions;
  const classesOf = (module: string): ModuleSummary['classes'] | undefined =>
    module === scope.module
      ? scope.ownIncomplete
        ? undefined
        : ownClasses(scope)
      : scope.deps.get(module)?.classes;
  const modelOf = (id: string): string | undefined => {
    const defs =
      scope.own.get(id) ?? [...scope.deps.values()].find((dep) => dep.xmlIds.has(id))?.xmlIds.get(id);
    return defs?.[0]?.model;
  };
  const defined = (id: string): boolean =>
    scope.own.has(id) ||
    scope.ownPythonIds.has(id) ||
    [...scope.deps.values()].some((dep) => dep.xmlIds.has(id) || dep.pythonXmlIds.has(id));
  for (const ref of references) {
    const dot = ref.id.indexOf('.');
    const module = ref.id.slice(0, dot);
    const name = ref.id.slice(dot + 1);
    const rule = ruleOf(ref);
    const report = (message: string, severity = ref.severity, ruleId = rule): void =>
      sink({ file: ref.file, line: ref.line, column: ref.column, severity, rule: ruleId, message });
    if (name.includes('.')) {
      report(`${ref.use}: "${ref.raw}" is not a valid XML id (at most one dot)`);
      continue;
    }
    if (module === scope.module) {
      const defs = scope.own.get(ref.id) ?? [];
      if (defs.some((def) => before(def, ref) && (!def.demo || ref.demo))) continue;
      // base's first records (main company, categories) come from base_data.sql, before its data files.
      if (scope.module === 'base' && defs.length > 0) continue;
      if (defs.some((def) => def.demo && !ref.demo)) {
        report(
          `${ref.use}: "${ref.raw}" is defined only in demo data (${defs[0]?.file}), which is not loaded without demo`,
          ref.severity,
          'xml-ref-load-order',
        );
        continue;
      }
      if (defs.length > 0) {
        const def = defs[0] as XmlIdDefinition;
        report(
          `${ref.use}: "${ref.raw}" is used before it is defined (${def.file}:${def.line} is loaded later)`,
          ref.severity,
          'xml-ref-load-order',
        );
        continue;
      }
      if (defined(ref.id)) continue;
      const generated = isGeneratedId(module, name, classesOf);
      if (generated !== false || isDelegatedParentId(ref.id, modelOf, scope.parentsOf)) continue;
      if (scope.ownIncomplete) continue;
      report(`${ref.use}: XML id "${ref.raw}" is defined nowhere in "${scope.module}"`);
      continue;
    }
    const dep = scope.deps.get(module);
    if (!dep) {
      if (!scope.complete) continue;
      if (scope.isOnAddonsPath(module)) {
        report(
          `${ref.use}: "${ref.raw}" belongs to "${module}", which "${scope.module}" does not depend on`,
          'warning',
          'xml-ref-not-dependency',
        );
      } else {
        report(`${ref.use}: "${ref.raw}" belongs to module "${module}", which is not on the addons path`);
      }
      continue;
    }
    if (defined(ref.id)) continue;
    const generated = isGeneratedId(module, name, classesOf);
    if (generated !== false || isDelegatedParentId(ref.id, modelOf, scope.parentsOf)) continue;
    report(
      `${ref.use}: XML id "${ref.raw}" is defined neither in "${module}" nor in any module "${scope.module}" depends on`,
    );
  }
}

function ownClasses(scope: IdScope): ModuleSummary['classes'] | undefined {
  return scope.ownClasses;
}

function ruleOf(ref: XmlIdReference): string {
  if (
    /column model_id[:/]id of ir\.model\.access/.test(ref.use) ||
    /field "model_id" of a ir\.model\.access/.test(ref.use)
  )
    return 'access-unknown-model';
  if (
    /column group_id[:/]id of ir\.model\.access/.test(ref.use) ||
    /field "group_id" of a ir\.model\.access/.test(ref.use)
  )
    return 'access-unknown-group';
  if (ref.use.startsWith('groups of a view')) return 'view-unknown-group';
  return 'xml-unknown-ref';
}
