import type { Finding } from '../findings/finding.js';
import { compareFindings } from '../findings/finding.js';
import type { AddonInput, CheckOptions, OdooSeries } from './addon-input.js';
import { analyzeAddon, type AddonAnalysis } from './analyze-addon.js';
import { checkUnknownComodels } from './comodel-rules.js';
import { checkManifest, isKnownSeries, seriesOfVersion } from './manifest-rules.js';
import { installedClosure, resolveDependencies } from './module-graph.js';
import { ModelRegistry } from './model-registry.js';
import type { ModuleSummary, ViewRecord } from './module-summary.js';
import { checkPython } from './python-rules.js';
import { checkViewModes, checkViews } from './view-rules.js';
import { checkXmlIds, modelsWithoutAccess } from './xml-id-rules.js';

export interface AddonCheckResult {
  addon: string;
  series?: OdooSeries;
  findings: Finding[];
  summary: ModuleSummary;
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
  const prefix = seriesOfVersion(manifest?.version);
  const series = options.series ?? (isKnownSeries(prefix) ? prefix : undefined);
  checkPython(addon, sink);
  if (!manifest) return { addon: addon.name, series, findings: findings.sort(compareFindings), summary };
  checkManifest(addon, manifest, series, sink);

  const index = options.index;
  const dependsOf = (name: string): string[] | undefined =>
    name === addon.name
      ? manifest.depends
      : (index?.get(name)?.manifest?.depends ?? (index?.get(name) ? [] : undefined));
  const complete = index !== undefined && options.addonsPathComplete !== false;
  if (index && complete) {
    const report = resolveDependencies([addon.name], dependsOf);
    manifest.depends.forEach((dep, position) => {
      if (!index.get(dep) && dep !== addon.name) {
        const lines = manifest.lines['depends[]'];
        sink({
          file: '__manifest__.py',
          line: Array.isArray(lines) ? (lines[position] ?? 1) : 1,
          severity: 'error',
          rule: 'manifest-depends-missing',
          message: `"${addon.name}" depends on "${dep}", which is not on the addons path`,
        });
      }
    });
    for (const cycle of report.cycles) {
      if (!cycle.includes(addon.name)) continue;
      sink({
        file: '__manifest__.py',
        line: typeof manifest.lines.depends === 'number' ? manifest.lines.depends : 1,
        severity: 'error',
        rule: 'manifest-depends-cycle',
        message: `dependency cycle: ${cycle.join(' → ')}`,
      });
    }
  } else if (manifest.depends.includes(addon.name)) {
    sink({
      file: '__manifest__.py',
      line: 1,
      severity: 'error',
      rule: 'manifest-depends-cycle',
      message: `"${addon.name}" depends on itself`,
    });
  }

  const deps = new Map<string, ModuleSummary>();
  let allDepsFound = index !== undefined;
  if (index) {
    // Auto-install modules come along in a real install: their fields and ids are there too.
    for (const name of installedClosure(addon.name, dependsOf, complete ? (index.autoInstall ?? []) : [])) {
      const dep = name === addon.name ? undefined : index.get(name);
      if (dep) deps.set(name, dep);
      if ((dependsOf(name) ?? []).some((needed) => dependsOf(needed) === undefined)) allDepsFound = false;
    }
  }
  const ownIncomplete =
    readFindings.some((f) => f.severity === 'error') ||
    [...addon.python.entries()].some(
      ([file, facts]) => facts.error !== undefined && !/(^|\/)tests\//.test(file),
    );
  const registry = new ModelRegistry([
    ...summary.classes,
    ...[...deps.values()].flatMap((dep) => dep.classes),
  ]);

  checkXmlIds(
    data.definitions,
    data.references,
    {
      module: addon.name,
      own: summary.xmlIds,
      deps,
      complete,
      isOnAddonsPath: (module) => index?.get(module) !== undefined,
      ownClasses: summary.classes,
      parentsOf: (model) => registry.delegatedParents(model),
      ownIncomplete,
      ownPythonIds: summary.pythonXmlIds,
    },
    sink,
  );

  const viewModelOf = (id: string, depth = 0): { model?: string; root?: string } | undefined => {
    const module = id.slice(0, id.indexOf('.'));
    const record =
      module === addon.name ? summary.views.get(id) : (deps.get(module)?.views.get(id) ?? findView(deps, id));
    if (!record || depth > 20) return undefined;
    if (!record.inheritId) return { model: record.model, root: record.root };
    const parent = viewModelOf(record.inheritId, depth + 1);
    return { model: record.model ?? parent?.model, root: parent?.root };
  };
  // Models are all known when every dependency was found and no model name is computed.
  const modelsComplete =
    complete &&
    !ownIncomplete &&
    allDepsFound &&
    // (base's factory of custom models makes only `x_` models, which are never reported)
    ![...summary.classes, ...[...deps.values()].flatMap((dep) => dep.classes)].some(
      (cls) => cls.module !== 'base' && (cls._name === '?' || (cls._inherit ?? []).includes('?')),
    );
  checkViews(data.views, viewModelOf, registry, series, sink, modelsComplete);
  checkViewModes(data.viewModes, series, sink);

  const ownModels = [
    ...new Set(
      summary.classes
        .filter((cls) => cls._name && !(cls._inherit ?? []).includes(cls._name) && cls._register !== false)
        .map((cls) => cls._name as string),
    ),
  ];
  const accessRefs = data.access.map((row) =>
    (row.modelRef ?? '').includes('.') ? (row.modelRef as string) : `${addon.name}.${row.modelRef ?? ''}`,
  );
  for (const model of modelsWithoutAccess(registry, ownModels, accessRefs)) {
    const cls = summary.classes.find((c) => c._name === model);
    sink({
      file: cls?.file ?? '__manifest__.py',
      line: cls?.line ?? 1,
      severity: 'warning',
      rule: 'access-missing',
      message: `model "${model}" has no access rule in ir.model.access (Odoo warns; nobody but the superuser can use it)`,
    });
  }
  checkUnknownComodels(summary, registry, { deps, modelsComplete, series }, sink);
  return { addon: addon.name, series, findings: findings.sort(compareFindings), summary };
}

function findView(deps: Map<string, ModuleSummary>, id: string): ViewRecord | undefined {
  for (const dep of deps.values()) {
    const view = dep.views.get(id);
    if (view) return view;
  }
  return undefined;
}
