import odoo16 from './odoo-16.0.json' with { type: 'json' };
import odoo17 from './odoo-17.0.json' with { type: 'json' };
import odoo18 from './odoo-18.0.json' with { type: 'json' };

/** What one standard community module defines (read from its sources by scripts/collect_standard_modules.py). */
export interface StandardModule {
  depends?: readonly string[];
  models?: readonly string[];
  groups?: readonly string[];
  views?: readonly string[];
  menus?: readonly string[];
}

/** The kinds of records the data knows, by external id. */
export type RecordKind = 'groups' | 'views' | 'menus';

/** Every standard community module of one series, as collected from a full tree. */
export interface StandardModules {
  series: string;
  /** The tree it was collected from, `owner/repo@commit`. */
  source: string;
  modules: Readonly<Record<string, StandardModule>>;
}

const BY_SERIES: Readonly<Record<string, StandardModules>> = {
  '16.0': odoo16,
  '17.0': odoo17,
  '18.0': odoo18,
};

/** The series the data covers. */
export const STANDARD_SERIES: readonly string[] = Object.keys(BY_SERIES);

/** The standard modules of a series, or undefined for a series the data does not cover. */
export function standardModules(series: string): StandardModules | undefined {
  return BY_SERIES[series];
}
