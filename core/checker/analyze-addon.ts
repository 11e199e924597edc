import type { Finding } from '../findings/finding.js';
import type { AddonInput } from './addon-input.js';
import { walkElements, type XmlElement } from './xml-tree.js';
import { readDataFiles, type DataFacts } from './data-files.js';
import { readManifest } from './manifest-rules.js';
import type {
  FindingSink,
  ManifestInfo,
  ModelClass,
  ModuleSummary,
  ViewRecord,
  XmlIdDefinition,
} from './module-summary.js';

/** An addon read once: its manifest, data facts and the summary other modules see. */
export interface AddonAnalysis {
  /** Findings made while reading (manifest and data files that do not parse). */
  findings: Finding[];
  manifest?: ManifestInfo;
  data: DataFacts;
  summary: ModuleSummary;
}

/** The model classes of an addon's Python facts (tests left out). */
export function modelClasses(addon: AddonInput): ModelClass[] {
  const classes: ModelClass[] = [];
  for (const [file, facts] of addon.python) {
    if (file.startsWith('tests/') || file.includes('/tests/')) continue;
    for (const cls of facts.classes ?? []) classes.push({ ...cls, module: addon.name, file });
  }
  return classes;
}

/** Full ids created by the addon's Python code. */
export function pythonXmlIds(addon: AddonInput): Set<string> {
  const ids = new Set<string>();
  for (const facts of addon.python.values()) {
    for (const id of facts.xmlIds ?? []) ids.add(id.includes('.') ? id : `${addon.name}.${id}`);
  }
  return ids;
}

/** Reads an addon into facts, keeping the findings made while reading (parse errors). */
export function analyzeAddon(addon: AddonInput): AddonAnalysis {
  const findings: Finding[] = [];
  const sink: FindingSink = (finding) => {
    findings.push(finding);
  };
  const manifest = readManifest(addon, sink);
  const data: DataFacts = manifest
    ? readDataFiles(addon, manifest, sink)
    : { definitions: [], references: [], views: [], access: [], viewModes: [] };
  const xmlIds = new Map<string, XmlIdDefinition[]>();
  for (const def of data.definitions) {
    const list = xmlIds.get(def.id) ?? [];
    list.push(def);
    xmlIds.set(def.id, list);
  }
  const views = new Map<string, ViewRecord>();
  for (const view of data.views) {
    if (!views.has(view.id))
      views.set(view.id, {
        id: view.id,
        model: view.model,
        inheritId: view.inheritId,
        qweb: view.qweb,
        root: view.arch?.tag,
        fieldNames:
          view.arch && !view.qweb ? archFieldNames(view.arch, view.inheritId !== undefined) : undefined,
      });
  }
  return {
    findings,
    manifest,
    data,
    summary: {
      name: addon.name,
      manifest,
      classes: modelClasses(addon),
      xmlIds,
      pythonXmlIds: pythonXmlIds(addon),
      views,
    },
  };
}

/**
 * Names of the `<field>` elements an arch brings: anywhere in a view of its own; in an inheriting
 * view only inside its locators (a locator names a field of the parent, it adds none).
 */
function archFieldNames(arch: XmlElement, inherits: boolean): string[] {
  const names = new Set<string>();
  const collect = (root: XmlElement): void => {
    for (const element of walkElements(root))
      if (element.tag === 'field' && element.attrs.name) names.add(element.attrs.name);
  };
  if (!inherits) collect(arch);
  else {
    const locators = (node: XmlElement): XmlElement[] =>
      node.tag === 'data' ? node.children.flatMap(locators) : [node];
    for (const locator of locators(arch)) for (const child of locator.children) collect(child);
  }
  return [...names];
}
