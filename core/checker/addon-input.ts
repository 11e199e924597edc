import type { AutoInstallModule } from './module-graph.js';
import type { ModuleSummary } from './module-summary.js';
import type { PythonFileFacts } from './python-facts.js';

/** One addon as the checker sees it; its folder name is the module name. */
export interface AddonInput {
  name: string;
  /** Relative path (forward slashes) of every file of the addon, for existence checks. */
  paths: Set<string>;
  /** Contents of the text files the checker reads: the data and demo XML and CSV files. */
  files: Map<string, string>;
  /** Parse results of the addon's Python files (the manifest included), by relative path. */
  python: Map<string, PythonFileFacts>;
}

/** The modules of an addons path, summarised on demand. */
export interface ModuleIndex {
  /** undefined when no such module is on the addons path. */
  get(name: string): ModuleSummary | undefined;
  /** Modules of the path that Odoo installs by itself once their triggers are installed. */
  autoInstall?: readonly AutoInstallModule[];
}

export type OdooSeries = '16.0' | '17.0' | '18.0';
export const KNOWN_SERIES: readonly OdooSeries[] = ['16.0', '17.0', '18.0'];

export interface CheckOptions {
  /** The run's series; by default the manifest's version prefix. */
  series?: OdooSeries;
  /**
   * The series most of the checked addons name (without `series`): an addon that names another
   * one is reported as an addon of another series (info) and checked as its own series.
   */
  folderSeries?: OdooSeries;
  /** The other modules of the addons path; without it, dependencies are unknown. */
  index?: ModuleIndex;
  /**
   * Whether the index holds the whole addons path (default true when an index is given). When
   * false, missing dependencies and ids of modules outside the index are not reported.
   */
  addonsPathComplete?: boolean;
}
