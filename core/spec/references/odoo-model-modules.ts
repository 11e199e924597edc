import { ModuleCatalog } from '../../odoo/standard-modules/module-catalog.js';

/**
 * Which standard community module defines a model, and what a list of modules reaches, for one
 * series: backed by the data collected from real Odoo trees (core/odoo/standard-modules).
 */

/** The module that defines `model` in `series` (the one with the fewest dependencies), if standard. */
export function moduleOfModel(model: string, series: string): string | undefined {
  return ModuleCatalog.forSeries(series)?.ownersOfModel(model)[0];
}

/**
 * Every module reachable from `depends` in `series`, or undefined when one of them is not a
 * standard module (it may depend on anything, so nothing can be concluded).
 */
export function reachableModules(
  depends: readonly string[],
  series: string,
): ReadonlySet<string> | undefined {
  const reach = ModuleCatalog.forSeries(series)?.reach(depends);
  return reach === undefined || reach.unknown.size > 0 ? undefined : reach.modules;
}
