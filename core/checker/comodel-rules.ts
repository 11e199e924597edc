import { ModuleCatalog } from '../odoo/standard-modules/module-catalog.js';
import { nearestName } from '../odoo/standard-modules/nearest-name.js';
import type { OdooSeries } from './addon-input.js';
import type { ModelRegistry } from './model-registry.js';
import type { FindingSink, ModuleSummary } from './module-summary.js';

/** What decides whether a comodel can be judged: the modules installed with the addon. */
export interface ComodelScope {
  /** The addon and every module its dependencies install, with their summaries. */
  deps: ReadonlyMap<string, ModuleSummary>;
  /** Every class of the addon and of its dependencies is known (see `modelsComplete` in checkAddon). */
  modelsComplete: boolean;
  series: OdooSeries | undefined;
}

/**
 * A relational field of the addon (not a related one) whose comodel neither the addon nor the
 * modules its dependencies install (base always) define. Odoo 16-18 log "Field … with unknown comodel_name" and install
 * anyway (a warning): the field can never hold a record. Judged only when every dependency is
 * known; a dependency that is a manifest stub (not installable, no code) counts as known when
 * the standard modules of the series (core/odoo/standard-modules) describe it.
 */
export function checkUnknownComodels(
  summary: ModuleSummary,
  registry: ModelRegistry,
  scope: ComodelScope,
  sink: FindingSink,
): void {
  if (!scope.modelsComplete) return;
  const catalog = scope.series === undefined ? undefined : ModuleCatalog.forSeries(scope.series);
  const installed = [summary.name, ...scope.deps.keys()];
  const stubs = [...scope.deps.values()].filter((dep) => dep.manifest?.installable === false);
  if (stubs.some((dep) => catalog?.module(dep.name) === undefined)) return;
  // Odoo installs base with every module, even one whose manifest lists no dependency.
  const implied = scope.deps.has('base') || summary.name === 'base' ? [] : ['base'];
  const fromCatalog = new Set(catalog?.modelsOf([...stubs.map((dep) => dep.name), ...implied]) ?? []);
  const defined = (model: string) => registry.models.get(model)?.defined === true || fromCatalog.has(model);
  const candidates = () => [
    ...[...registry.models.values()].filter((info) => info.defined).map((info) => info.name),
    ...fromCatalog,
  ];
  for (const cls of summary.classes) {
    const owner = cls._name ?? cls._inherit?.[0] ?? cls.name;
    for (const field of cls.fields) {
      // A related field takes its comodel from the field it follows (Odoo never warns about it).
      if (field.comodel === undefined || field.related !== undefined || defined(field.comodel)) continue;
      const near = nearestName(field.comodel, candidates());
      const elsewhere = catalog?.ownersOfModel(field.comodel).find((module) => !installed.includes(module));
      const hint =
        elsewhere !== undefined
          ? `it comes from module ${elsewhere}: add ${elsewhere} to the manifest's depends`
          : near !== undefined
            ? `did you mean '${near}'?`
            : `no module the addon depends on defines it`;
      sink({
        file: cls.file,
        line: field.line,
        severity: 'warning',
        rule: 'field-unknown-comodel',
        message: `field ${owner}.${field.name} has the unknown comodel '${field.comodel}' (Odoo only warns at install, and the field can never hold a record): ${hint}`,
      });
    }
  }
}
