import type { Finding } from '../findings/finding.js';
import type { PyClass } from './python-facts.js';

/** The manifest keys the checker uses, with the lines they are on. */
export interface ManifestInfo {
  raw: Record<string, unknown>;
  name?: string;
  version?: string;
  license?: string;
  depends: string[];
  data: string[];
  demo: string[];
  installable: boolean;
  autoInstall: boolean;
  /** The modules whose installation installs this one (empty when not auto-installed). */
  autoInstallTriggers: string[];
  /** key → line, `key[]` → line of each list item. */
  lines: Record<string, number | number[]>;
}

/** An XML id defined by a module's data or demo files. */
export interface XmlIdDefinition {
  /** Full id `module.name`. */
  id: string;
  model: string;
  file: string;
  line: number;
  /** Load position: index of the file in the manifest's data then demo order. */
  fileIndex: number;
  /** Position in the file. */
  position: number;
  demo: boolean;
  /**
   * What the definition sets, by field (a `<record>`'s fields, a `<menuitem>`'s attributes),
   * each value serialised; undefined when not compared (templates, CSV rows, function results).
   */
  values?: Record<string, string>;
}

/** A reference to an XML id from a data file. */
export interface XmlIdReference {
  /** As written (`id` or `module.id`). */
  raw: string;
  /** Full id. */
  id: string;
  file: string;
  line: number;
  column: number;
  fileIndex: number;
  position: number;
  demo: boolean;
  /** What refers to it, e.g. `menuitem action`. */
  use: string;
  /** `warning` when Odoo only logs a warning for a missing one. */
  severity: 'error' | 'warning';
}

/** An ir.ui.view record (or template) found in a data file. */
export interface ViewRecord {
  id: string;
  model?: string;
  inheritId?: string;
  qweb: boolean;
  /** Root tag of the arch. */
  root?: string;
  /** The `name` of every `<field>` of the arch (not of QWeb templates): what a locator may find. */
  fieldNames?: string[];
}

/** A Python model class with the file it is in. */
export interface ModelClass extends PyClass {
  module: string;
  file: string;
}

/** What other modules need to know about a module: its models, ids and views. */
export interface ModuleSummary {
  name: string;
  manifest?: ManifestInfo;
  classes: ModelClass[];
  xmlIds: Map<string, XmlIdDefinition[]>;
  /** Full ids that the module's Python code creates (at a time the checker cannot tell). */
  pythonXmlIds: Set<string>;
  views: Map<string, ViewRecord>;
}

export type FindingSink = (finding: Finding) => void;
