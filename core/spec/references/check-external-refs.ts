import type { SpecReferenceError } from '../check-spec-references.js';
import { KNOWN_MIXINS } from '../../odoo/mixins.js';
import { ModuleCatalog, type ModuleReach } from '../../odoo/standard-modules/module-catalog.js';
import { nearestName } from '../../odoo/standard-modules/nearest-name.js';
import { editDistance } from '../../text/edit-distance.js';
import type { RecordKind } from '../../odoo/standard-modules/standard-modules.js';
import type { ModuleSpec } from '../module-spec.js';
import { externalIdModule, type SpecModelIndex, type SpecPath } from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** What the checks below share: the spec, the standard modules of its series, what its depends reach. */
interface ExternalContext {
  spec: ModuleSpec;
  index: SpecModelIndex;
  catalog: ModuleCatalog;
  reach: ModuleReach;
  add: Add;
}

/**
 * References to what standard Odoo modules define, checked against the data collected from real
 * trees of the spec's series: a comodel or extended model that no module installed with
 * `module.depends` defines, a view or group id that its module does not define. Each gets a
 * "did you mean". A reference to a module outside the dependencies is reported by the checks of
 * comodels, views and security; a dependency the data does not know (a custom addon) may define
 * anything, so models are then not checked.
 */
export function checkExternalRefs(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const catalog = ModuleCatalog.forSeries(spec.odoo);
  if (catalog === undefined) return [];
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  const depends = [...(spec.module.depends ?? []), ...mixinModules(spec)];
  const context: ExternalContext = { spec, index, catalog, reach: catalog.reach(depends), add };
  checkModels(context);
  checkViewRefs(context);
  checkGroupRefs(context);
  return errors;
}

/** Comodels and extended models that neither the spec nor its dependencies define. */
function checkModels(context: ExternalContext): void {
  const { spec, index } = context;
  for (const model of index.models.values()) {
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.comodel === undefined || index.model(field.comodel)) continue;
      const at = model.fieldPaths.get(name) ?? [...model.path, 'fields', name];
      checkModel(context, field.comodel, [...at, 'comodel'], 'comodel');
    }
  }
  const own = new Set((spec.models ?? []).map((model) => model.name));
  (spec.extend ?? []).forEach((extension, i) => {
    if (!own.has(extension.model)) checkModel(context, extension.model, ['extend', i, 'model'], 'extension');
  });
}

/**
 * A comodel may name a model of the spec (a near miss of one is reported by checkComodels); an
 * extended model is an existing Odoo model, never one of the spec. A standard model whose
 * module is missing from the dependencies is reported by checkComodels too.
 */
function checkModel(
  context: ExternalContext,
  model: string,
  at: SpecPath,
  use: 'comodel' | 'extension',
): void {
  const { spec, catalog, reach, add } = context;
  const own = use === 'comodel' ? (spec.models ?? []).map((entry) => entry.name) : [];
  if (own.some((name) => editDistance(name, model) <= 2)) return;
  if (catalog.ownersOfModel(model).length > 0 || reach.unknown.size > 0) return;
  const available = nearestName(model, [...own, ...catalog.modelsOf(reach.modules)]);
  const elsewhere = available === undefined ? nearestName(model, catalog.allModels()) : undefined;
  const owner = elsewhere === undefined ? undefined : catalog.ownersOfModel(elsewhere)[0];
  const hint =
    available !== undefined
      ? `did you mean ${available}?`
      : elsewhere !== undefined && owner !== undefined
        ? `did you mean ${elsewhere}? (module ${owner}: add ${owner} to module.depends)`
        : `check the name, or add the module that defines it to module.depends`;
  add(at, `unknown model ${model}: ${installedBy(spec)} define no such model in Odoo ${spec.odoo}; ${hint}`);
}

/** An extension's view ref: the module is a standard one the spec reaches; the view must exist. */
function checkViewRefs(context: ExternalContext): void {
  (context.spec.extend ?? []).forEach((extension, i) => {
    if (extension.view) checkRecordRef(context, 'views', extension.view.ref, ['extend', i, 'view', 'ref']);
  });
}

/** Group external ids in implied groups, access rows and record rules. */
function checkGroupRefs(context: ExternalContext): void {
  const security = context.spec.security;
  if (!security) return;
  for (const [key, group] of Object.entries(security.groups ?? {})) {
    (group.implies ?? []).forEach((ref, r) =>
      checkRecordRef(context, 'groups', ref, ['security', 'groups', key, 'implies', r]),
    );
  }
  for (const [model, rows] of Object.entries(security.access ?? {})) {
    for (const ref of Object.keys(rows))
      checkRecordRef(context, 'groups', ref, ['security', 'access', model, ref]);
  }
  (security.rules ?? []).forEach((rule, r) =>
    rule.groups.forEach((ref, g) =>
      checkRecordRef(context, 'groups', ref, ['security', 'rules', r, 'groups', g]),
    ),
  );
}

const KIND_NAMES: Readonly<Record<RecordKind, string>> = { groups: 'group', views: 'view', menus: 'menu' };

/**
 * `module.id` of a record of a standard module the dependencies install: the module must define
 * it. Refs to the spec's own module, to a module outside the dependencies (reported elsewhere)
 * or to a module the data does not know are left alone.
 */
function checkRecordRef(context: ExternalContext, kind: RecordKind, ref: string, at: SpecPath): void {
  const { spec, index, catalog, reach, add } = context;
  const module = externalIdModule(ref);
  if (module === undefined || module === spec.module.name || !index.knownModules.has(module)) return;
  if (catalog.module(module) === undefined) return;
  const id = ref.slice(module.length + 1);
  if (catalog.records(module, kind).includes(id)) return;
  const what = KIND_NAMES[kind];
  const sameId = [...reach.modules].sort().find((other) => catalog.records(other, kind).includes(id));
  const near = nearestName(id, catalog.records(module, kind));
  const hint =
    sameId !== undefined
      ? `did you mean ${sameId}.${id}?`
      : near !== undefined
        ? `did you mean ${module}.${near}?`
        : `expected the id of a ${what} that module ${module} defines`;
  add(at, `unknown ${what} ${ref}: module ${module} defines no ${what} ${id} in Odoo ${spec.odoo}; ${hint}`);
}

/** "this spec and base, mail (with their dependencies)": what may define a model. */
function installedBy(spec: ModuleSpec): string {
  const depends = spec.module.depends ?? [];
  return depends.length === 0
    ? 'this spec and base'
    : `this spec and module.depends (${depends.join(', ')}, with their dependencies)`;
}

/** The generator adds the modules of the mixins a model uses (mail) to the dependencies. */
function mixinModules(spec: ModuleSpec): string[] {
  return (spec.models ?? []).flatMap((model) =>
    (model.mixins ?? []).map((mixin) => KNOWN_MIXINS[mixin]?.module ?? 'base'),
  );
}
