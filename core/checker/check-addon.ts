import type { Finding } from '../findings/finding.js';
import { compareFindings } from '../findings/finding.js';
import { checkAccessMissing } from './access-rules.js';
import type { AddonInput, CheckOptions, OdooSeries } from './addon-input.js';
import { analyzeAddon, type AddonAnalysis } from './analyze-addon.js';
import { checkUnknownComodels } from './comodel-rules.js';
import { checkDepends, type DependsOf } from './depends-rules.js';
import { checkManifest, isKnownSeries, otherSeriesOf, seriesOfVersion } from './manifest-rules.js';
import { installedClosure } from './module-graph.js';
import { ModelRegistry } from './model-registry.js';
import type { ManifestInfo, ModelClass, ModuleSummary, ViewRecord } from './module-summary.js';
import { checkPython } from './python-rules.js';
import { checkTestRefs } from './test-ref-rules.js';
import { checkViewLocators } from './view-locator-rules.js';
import { checkViewModes, checkViews } from './view-rules.js';
import { checkXmlIds } from './xml-id-rules.js';

export interface AddonCheckResult {
  addon: string;
  series?: OdooSeries;
  findings: Finding[];
  summary: ModuleSummary;
}

/** What the addon's dependencies bring: their summaries, and whether all of them were found. */
interface DependencyScope {
  /** The installed closure (auto-install modules included), the addon itself left out. */
  deps: Map<string, ModuleSummary>;
  allDepsFound: boolean;
  /** The whole addons path is known: missing modules and ids can be reported. */
  complete: boolean;
  dependsOf: DependsOf;
}

/** Runs every rule over one addon. Pure: the addon's files and its dependencies come as data. */
export function checkAddon(
  addon: AddonInput,
  options: CheckOptions = {},
  analysis?: AddonAnalysis,
): AddonCheckResult {
  const findings: Finding[] = [];
  const sink = (finding: Finding): void => {
    findings.push(finding);
  };
  const { manifest, data, summary, findings: readFindings } = analysis ?? analyzeAddon(addon);
  findings.push(...readFindings);
  const series = seriesOfAddon(manifest, options);
  const done = (): AddonCheckResult => ({
    addon: addon.name,
    series,
    findings: findings.sort(compareFindings),
    summary,
  });
  checkPython(addon, sink);
  if (!manifest) return done();
  checkManifest(addon, manifest, series, sink, options.series ?? options.folderSeries);

  const scope = dependencyScope(addon.name, manifest, options);
  checkDepends(addon, manifest, scope.complete ? options.index : undefined, scope.dependsOf, sink);
  const ownIncomplete = ownFilesIncomplete(addon, readFindings);
  const classes = [...summary.classes, ...[...scope.deps.values()].flatMap((dep) => dep.classes)];
  const registry = new ModelRegistry(classes);

  checkXmlIds(
    data.definitions,
    data.references,
    {
      module: addon.name,
      own: summary.xmlIds,
      deps: scope.deps,
      complete: scope.complete,
      isOnAddonsPath: (module) => options.index?.get(module) !== undefined,
      ownClasses: summary.classes,
      parentsOf: (model) => registry.delegatedParents(model),
      ownIncomplete,
      ownPythonIds: summary.pythonXmlIds,
    },
    sink,
  );
  const modelsComplete =
    scope.complete && !ownIncomplete && scope.allDepsFound && !computesModelNames(classes);
  checkViews(
    data.views,
    viewModelResolver(addon.name, summary, scope.deps),
    registry,
    series,
    sink,
    modelsComplete,
  );
  if (scope.complete && scope.allDepsFound && !ownIncomplete)
    checkViewLocators(data.views, summary, scope.deps, sink);
  checkTestRefs(addon, summary, scope.deps, sink);
  checkViewModes(data.viewModes, series, sink);
  checkAccessMissing(addon.name, summary, data, registry, sink);
  checkUnknownComodels(summary, registry, { deps: scope.deps, modelsComplete, series }, sink);
  return done();
}

/**
 * The series the addon is checked as: its own when it names another series than the run's and
 * the run's series leaves it out (17.0 and later; it is reported as such), else the run's,
 * else its manifest's version prefix.
 */
function seriesOfAddon(manifest: ManifestInfo | undefined, options: CheckOptions): OdooSeries | undefined {
  const runSeries = options.series ?? options.folderSeries;
  const other = otherSeriesOf(manifest, runSeries);
  if (other && runSeries !== '16.0') return other;
  const prefix = seriesOfVersion(manifest?.version);
  return options.series ?? (isKnownSeries(prefix) ? prefix : undefined);
}

/** The dependency closure of the addon in the index, as Odoo would install it. */
function dependencyScope(name: string, manifest: ManifestInfo, options: CheckOptions): DependencyScope {
  const index = options.index;
  const dependsOf: DependsOf = (module) =>
    module === name
      ? manifest.depends
      : (index?.get(module)?.manifest?.depends ?? (index?.get(module) ? [] : undefined));
  const complete = index !== undefined && options.addonsPathComplete !== false;
  const deps = new Map<string, ModuleSummary>();
  let allDepsFound = index !== undefined;
  if (index) {
    // Auto-install modules come along in a real install: their fields and ids are there too.
    for (const module of installedClosure(name, dependsOf, complete ? (index.autoInstall ?? []) : [])) {
      const dep = module === name ? undefined : index.get(module);
      if (dep) deps.set(module, dep);
      if ((dependsOf(module) ?? []).some((needed) => dependsOf(needed) === undefined)) allDepsFound = false;
    }
  }
  return { deps, allDepsFound, complete, dependsOf };
}

/** Some own data file or non-test Python file does not parse: own ids and models may be missing. */
function ownFilesIncomplete(addon: AddonInput, readFindings: Finding[]): boolean {
  return (
    readFindings.some((f) => f.severity === 'error') ||
    [...addon.python.entries()].some(
      ([file, facts]) => facts.error !== undefined && !/(^|\/)tests\//.test(file),
    )
  );
}

/** A model name computed at run time (base's factory of custom models makes only `x_` models, never reported). */
function computesModelNames(classes: ModelClass[]): boolean {
  return classes.some(
    (cls) => cls.module !== 'base' && (cls._name === '?' || (cls._inherit ?? []).includes('?')),
  );
}

/** The model and root node of a view by id, following `inherit_id` to the view it extends. */
function viewModelResolver(
  module: string,
  summary: ModuleSummary,
  deps: Map<string, ModuleSummary>,
): (id: string) => { model?: string; root?: string } | undefined {
  const resolve = (id: string, depth: number): { model?: string; root?: string } | undefined => {
    const owner = id.slice(0, id.indexOf('.'));
    const record =
      owner === module ? summary.views.get(id) : (deps.get(owner)?.views.get(id) ?? findView(deps, id));
    if (!record || depth > 20) return undefined;
    if (!record.inheritId) return { model: record.model, root: record.root };
    const parent = resolve(record.inheritId, depth + 1);
    return { model: record.model ?? parent?.model, root: parent?.root };
  };
  return (id) => resolve(id, 0);
}

function findView(deps: Map<string, ModuleSummary>, id: string): ViewRecord | undefined {
  for (const dep of deps.values()) {
    const view = dep.views.get(id);
    if (view) return view;
  }
  return undefined;
}
