import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { AddonInput, ModuleIndex, OdooSeries } from '../../core/checker/addon-input.js';
import {
  analyzeAddon,
  modelClasses,
  pythonXmlIds,
  type AddonAnalysis,
} from '../../core/checker/analyze-addon.js';
import { checkAddon } from '../../core/checker/check-addon.js';
import { normalizePath, readManifest } from '../../core/checker/manifest-rules.js';
import type { ManifestInfo, ModuleSummary } from '../../core/checker/module-summary.js';
import type { PythonFileFacts } from '../../core/checker/python-facts.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { compareFindings, type Finding } from '../../core/findings/finding.js';
import { findAddons, indexAddonsPath, listAddonFiles } from './addon-files.js';
import { parsePythonFiles, type PythonFactsOptions } from './python-facts-process.js';
import { installedClosure, type AutoInstallModule } from '../../core/checker/module-graph.js';

export interface CheckAddonsOptions extends PythonFactsOptions {
  series?: OdooSeries;
  /** Folders of the addons path; when given, dependencies are resolved and checked. */
  addonsPath?: string[];
}

export interface CheckedAddon {
  name: string;
  dir: string;
  series?: OdooSeries;
  findings: Finding[];
}

export interface CheckResult {
  addons: CheckedAddon[];
  /** Every finding, with `file` relative to the folder the addon is in (`module/path`). */
  findings: Finding[];
  counts: Record<Finding['severity'], number>;
}

const MANIFESTS = ['__manifest__.py', '__openerp__.py'];

/** Reads, parses and checks addons on disk: the I/O around the pure checker of core/checker. */
export async function checkAddons(paths: string[], options: CheckAddonsOptions = {}): Promise<CheckResult> {
  const checkedDirs = paths.flatMap((path) => {
    if (!existsSync(path))
      throw new ForgeError('input.path-missing', `${path} does not exist`, {
        hint: 'give an addon folder or a folder of addons',
      });
    return findAddons(path);
  });
  if (checkedDirs.length === 0) {
    throw new ForgeError(
      'input.no-addon',
      `no addon (a folder with __manifest__.py) found in ${paths.join(', ')}`,
    );
  }
  const pathIndex = indexAddonsPath(options.addonsPath ?? []);
  const moduleDirs = new Map(pathIndex);
  for (const dir of checkedDirs) moduleDirs.set(basename(dir), dir);

  // 1. Every manifest on the addons path, in one python batch.
  const manifestFiles = new Map<string, string>();
  for (const [name, dir] of moduleDirs) {
    const file = MANIFESTS.map((m) => join(dir, m)).find((m) => existsSync(m));
    if (file) manifestFiles.set(name, file);
  }
  const manifestFacts = await parsePythonFiles([...manifestFiles.values()], options);
  const manifests = new Map<string, ManifestInfo | undefined>();
  for (const [name, file] of manifestFiles) {
    const facts = manifestFacts.get(file);
    const python = new Map<string, PythonFileFacts>(facts ? [[basename(file), facts]] : []);
    manifests.set(
      name,
      readManifest({ name, paths: new Set(), files: new Map(), python }, () => undefined),
    );
  }
  const dependsOf = (name: string): string[] | undefined =>
    moduleDirs.has(name) ? (manifests.get(name)?.depends ?? []) : undefined;

  // 2. The checked addons and everything they depend on: all their Python in one batch.
  const autoInstall: AutoInstallModule[] = [...manifests]
    .filter(
      ([, manifest]) => manifest?.installable !== false && (manifest?.autoInstallTriggers.length ?? 0) > 0,
    )
    .map(([name, manifest]) => ({ name, triggers: manifest?.autoInstallTriggers ?? [] }));
  // Auto-install modules come along in a real install (only known with an addons path).
  const autoFor = options.addonsPath !== undefined ? autoInstall : [];
  const needed = new Set<string>();
  for (const dir of checkedDirs) {
    for (const name of installedClosure(basename(dir), dependsOf, autoFor)) needed.add(name);
  }
  const listed = new Map<string, string[]>();
  const pyPaths: string[] = [];
  for (const name of needed) {
    const dir = moduleDirs.get(name) as string;
    const files = listAddonFiles(dir);
    listed.set(name, files);
    for (const file of files)
      if (file.endsWith('.py') && !MANIFESTS.includes(file)) pyPaths.push(join(dir, file));
  }
  const timing = process.env.FORGE_CHECKER_TIMING
    ? (label: string): void => console.error(`${label}: ${Math.round(performance.now())} ms`)
    : (): void => undefined;
  timing('listed');
  const pyFactsPromise = parsePythonFiles(pyPaths, options);
  const pyFacts = new Map<string, PythonFileFacts>();

  const inputs = new Map<string, AddonInput>();
  const inputOf = (name: string): AddonInput => {
    const cached = inputs.get(name);
    if (cached) return cached;
    const dir = moduleDirs.get(name) as string;
    const files = listed.get(name) ?? listAddonFiles(dir);
    const python = new Map<string, PythonFileFacts>();
    for (const file of files) {
      const facts = file.endsWith('.py')
        ? (pyFacts.get(join(dir, file)) ?? manifestFacts.get(join(dir, file)))
        : undefined;
      if (facts) python.set(file, facts);
    }
    const paths = new Set(files);
    const texts = new Map<string, string>();
    const manifest = manifests.get(name);
    for (const listedFile of [...(manifest?.data ?? []), ...(manifest?.demo ?? [])]) {
      const rel = normalizePath(listedFile);
      const full = join(dir, rel);
      if (!paths.has(rel) && existsSync(full)) paths.add(rel);
      if (paths.has(rel) && /\.(xml|csv)$/i.test(rel) && !texts.has(rel))
        texts.set(rel, readFileSync(full, 'utf8'));
    }
    const input: AddonInput = { name, paths, files: texts, python };
    inputs.set(name, input);
    return input;
  };
  // Read and parse the data files while python parses the Python files, then add the classes.
  const analyses = new Map<string, AddonAnalysis>();
  for (const name of needed) analyses.set(name, analyzeAddon(inputOf(name)));
  timing('data files read');
  for (const [path, facts] of await pyFactsPromise) pyFacts.set(path, facts);
  timing('python parsed');
  for (const name of needed) {
    const dir = moduleDirs.get(name) as string;
    const input = inputOf(name);
    for (const file of listed.get(name) ?? []) {
      const facts = pyFacts.get(join(dir, file));
      if (facts) input.python.set(file, facts);
    }
    const analysis = analyses.get(name) as AddonAnalysis;
    analysis.summary.classes = modelClasses(input);
    analysis.summary.pythonXmlIds = pythonXmlIds(input);
  }

  const analysisOf = (name: string): AddonAnalysis => {
    let analysis = analyses.get(name);
    if (!analysis) {
      analysis = analyzeAddon(inputOf(name));
      analyses.set(name, analysis);
    }
    return analysis;
  };
  const index: ModuleIndex = {
    autoInstall: autoFor,
    get(name: string): ModuleSummary | undefined {
      if (!moduleDirs.has(name)) return undefined;
      if (needed.has(name)) return analysisOf(name).summary;
      return {
        name,
        manifest: manifests.get(name),
        classes: [],
        xmlIds: new Map(),
        pythonXmlIds: new Set(),
        views: new Map(),
      };
    },
  };

  timing('indexed');
  const addons: CheckedAddon[] = [];
  for (const dir of checkedDirs) {
    const name = basename(dir);
    const result = checkAddon(
      inputOf(name),
      { series: options.series, index, addonsPathComplete: options.addonsPath !== undefined },
      analysisOf(name),
    );
    addons.push({ name, dir: resolve(dir), series: result.series, findings: result.findings });
  }
  timing('checked');
  const findings = addons
    .flatMap((addon) =>
      addon.findings.map((finding) => ({ ...finding, file: `${addon.name}/${finding.file}` })),
    )
    .sort(compareFindings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return { addons, findings, counts };
}
