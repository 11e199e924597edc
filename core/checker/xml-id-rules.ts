import type { ModelRegistry } from './model-registry.js';
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
    for (const dup of defs.slice(1)) {
      const otherModel = dup.model !== first.model;
      sink({
        file: dup.file,
        line: dup.line,
        // Redefining a record of the same model updates it: Odoo's own data does it often.
        severity: otherModel ? 'error' : 'info',
        rule: 'xml-duplicate-id',
        message: otherModel
          ? `XML id "${id}" is defined as ${dup.model} here and as ${first.model} in ${first.file}:${first.line}; Odoo refuses a record of another model`
          : `XML id "${id}" is defined twice (also in ${first.file}:${first.line}); the second one overwrites the first`,
      });
    }
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

/** Whether any access row of the addon or its dependencies grants on `model`. */
export function modelsWithoutAccess(
  registry: ModelRegistry,
  ownModels: string[],
  accessModelRefs: string[],
): string[] {
  const granted = new Set(accessModelRefs.map((ref) => ref.slice(ref.indexOf('.') + 1)));
  return ownModels.filter((model) => {
    const info = registry.models.get(model);
    if (!info || info.abstract) return false;
    return !granted.has(`model_${modelKey(model)}`);
  });
}
