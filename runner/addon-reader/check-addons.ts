import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { AddonInput, ModuleIndex, OdooSeries } from '../../core/checker/addon-input.js';
import {
  analyzeAddon,
  modelClasses,
  pythonXmlIds,
  type AddonAnalysis,
} from '../../core/checker/analyze-addon.js';
import { checkAddon } from '../../core/checker/check-addon.js';
import { majoritySeries } from '../../core/checker/folder-series.js';
import { normalizePath, readManifest } from '../../core/checker/manifest-rules.js';
import { installedClosure, type AutoInstallModule } from '../../core/checker/module-graph.js';
import type { ManifestInfo, ModuleSummary } from '../../core/checker/module-summary.js';
import type { PythonFileFacts } from '../../core/checker/python-facts.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { compareFindings, type Finding } from '../../core/findings/finding.js';
import { findAddons, indexAddonsPath, listAddonFiles } from './addon-files.js';
import { parsePythonFiles, type PythonFactsOptions } from './python-facts-process.js';
import { repositoryRoot } from './repository-root.js';

export { repositoryRoot } from './repository-root.js';

export interface CheckAddonsOptions extends PythonFactsOptions {
  series?: OdooSeries;
  /** Folders of the addons path; when given, dependencies are resolved and checked. */
  addonsPath?: string[];
  /**
   * The folder finding paths are relative to (a repository's root: see `repositoryRoot`), as
   * annotations and editors need them. Without it a path is `module/path in the addon`.
   */
  root?: string;
}

export interface CheckedAddon {
  name: string;
  dir: string;
  series?: OdooSeries;
  findings: Finding[];
}

export interface CheckResult {
  addons: CheckedAddon[];
  /** Every finding, `file` relative to `root` when given, else to the folder the addon is in (`module/path`). */
  findings: Finding[];
  counts: Record<Finding['severity'], number>;
}

const MANIFESTS = ['__manifest__.py', '__openerp__.py'];

/** The manifests of the addons path and the checked addons, read in one python batch. */
interface ManifestRead {
  manifests: Map<string, ManifestInfo | undefined>;
  facts: Map<string, PythonFileFacts>;
}

/**
 * Reads, parses and checks addons on disk: the I/O around the pure checker of core/checker.
 * Addons of one name in several checked folders are each checked on their own, in rounds: the
 * first of each name in the first round, the second in the next (a round sees one folder per name).
 */
export async function checkAddons(paths: string[], options: CheckAddonsOptions = {}): Promise<CheckResult> {
  const checkedDirs = findCheckedAddons(paths);
  const rounds = roundsOfUniqueNames(checkedDirs);
  const first = await checkRound(rounds[0] ?? [], options);
  const addons = [...first.addons];
  for (const round of rounds.slice(1)) {
    const more = await checkRound(round, options, {
      folderSeries: first.folderSeries,
      checked: rounds[0] ?? [],
    });
    addons.push(...more.addons);
  }
  // In the order the folders were given.
  const order = new Map(checkedDirs.map((dir, index) => [resolve(dir), index]));
  addons.sort((a, b) => (order.get(a.dir) ?? 0) - (order.get(b.dir) ?? 0));
  return summarize(addons, options.root);
}

/**
 * `checkAddons` with every finding path relative to the repository root: `options.root`, else the
 * git work tree that holds the first path (see `repositoryRoot`), else the current folder. What
 * `check --format github` and the actions print: annotations name files from the repository root.
 */
export async function checkRepositoryAddons(
  paths: string[],
  options: CheckAddonsOptions = {},
): Promise<CheckResult & { root: string }> {
  const root = resolve(
    options.root ?? (paths[0] === undefined ? undefined : repositoryRoot(paths[0])) ?? '.',
  );
  return { ...(await checkAddons(paths, { ...options, root })), root };
}

/** The checked folders split so that no round holds two addons of one name. */
function roundsOfUniqueNames(dirs: string[]): string[][] {
  const rounds: string[][] = [];
  const seen = new Map<string, number>();
  for (const dir of dirs) {
    const name = basename(dir);
    const round = seen.get(name) ?? 0;
    seen.set(name, round + 1);
    (rounds[round] ??= []).push(dir);
  }
  return rounds;
}

/** Checks addons of distinct names against the addons path (and `checked`, the first round's addons). */
async function checkRound(
  checkedDirs: string[],
  options: CheckAddonsOptions,
  earlier: { folderSeries: OdooSeries | undefined; checked: string[] } | undefined = undefined,
): Promise<{ addons: CheckedAddon[]; folderSeries: OdooSeries | undefined }> {
  const moduleDirs = new Map(indexAddonsPath(options.addonsPath ?? []));
  for (const dir of [...(earlier?.checked ?? []), ...checkedDirs]) moduleDirs.set(basename(dir), dir);

  // 1. Every manifest on the addons path, in one python batch.
  const manifestRead = await readManifests(moduleDirs, options);
  const { manifests } = manifestRead;
  const dependsOf = (name: string): string[] | undefined =>
    moduleDirs.has(name) ? (manifests.get(name)?.depends ?? []) : undefined;
  // Auto-install modules come along in a real install (only known with an addons path).
  const autoFor = options.addonsPath !== undefined ? autoInstallModules(manifests) : [];
  const needed = new Set<string>();
  for (const dir of checkedDirs) {
    for (const name of installedClosure(basename(dir), dependsOf, autoFor)) needed.add(name);
  }

  // 2. The checked addons and everything they depend on: all their Python in one batch, parsed
  // while the main process reads the data files.
  const reader = new AddonReader(moduleDirs, manifestRead);
  const pythonDone = reader.parsePython(needed, options);
  for (const name of needed) reader.analysis(name);
  await pythonDone;

  // 3. Each checked addon, against the index of the addons path.
  const index = moduleIndex(moduleDirs, needed, manifests, reader, autoFor);
  const folderSeries =
    earlier?.folderSeries ?? majoritySeries(checkedDirs.map((dir) => manifests.get(basename(dir))));
  const addons = checkedDirs.map((dir): CheckedAddon => {
    const name = basename(dir);
    const result = checkAddon(
      reader.input(name),
      { series: options.series, folderSeries, index, addonsPathComplete: options.addonsPath !== undefined },
      reader.analysis(name),
    );
    return { name, dir: resolve(dir), series: result.series, findings: result.findings };
  });
  return { addons, folderSeries };
}

/** The addon folders under `paths`; a path that does not exist, or holds no addon, is bad input. */
function findCheckedAddons(paths: string[]): string[] {
  const dirs = paths.flatMap((path) => {
    if (!existsSync(path))
      throw new ForgeError('input.path-missing', `${path} does not exist`, {
        hint: 'give an addon folder or a folder of addons',
      });
    return findAddons(path);
  });
  if (dirs.length === 0) {
    throw new ForgeError(
      'input.no-addon',
      `no addon (a folder with __manifest__.py) found in ${paths.join(', ')}`,
    );
  }
  // One folder given twice (`check lib lib`, `check lib lib/addon`) is checked once.
  return [...new Set(dirs.map((dir) => resolve(dir)))];
}

async function readManifests(
  moduleDirs: Map<string, string>,
  options: PythonFactsOptions,
): Promise<ManifestRead> {
  const manifestFiles = new Map<string, string>();
  for (const [name, dir] of moduleDirs) {
    const file = MANIFESTS.map((m) => join(dir, m)).find((m) => existsSync(m));
    if (file) manifestFiles.set(name, file);
  }
  const facts = await parsePythonFiles([...manifestFiles.values()], options);
  const manifests = new Map<string, ManifestInfo | undefined>();
  for (const [name, file] of manifestFiles) {
    const parsed = facts.get(file);
    const python = new Map<string, PythonFileFacts>(parsed ? [[basename(file), parsed]] : []);
    manifests.set(
      name,
      readManifest({ name, paths: new Set(), files: new Map(), python }, () => undefined),
    );
  }
  return { manifests, facts };
}

/** Installable modules that Odoo installs by itself once their triggers are installed. */
function autoInstallModules(manifests: Map<string, ManifestInfo | undefined>): AutoInstallModule[] {
  return [...manifests]
    .filter(
      ([, manifest]) => manifest?.installable !== false && (manifest?.autoInstallTriggers.length ?? 0) > 0,
    )
    .map(([name, manifest]) => ({ name, triggers: manifest?.autoInstallTriggers ?? [] }));
}

/** Reads each needed addon once: its files, its data texts, its Python facts and its analysis. */
class AddonReader {
  private readonly listed = new Map<string, string[]>();
  private readonly pyFacts = new Map<string, PythonFileFacts>();
  private readonly inputs = new Map<string, AddonInput>();
  private readonly analyses = new Map<string, AddonAnalysis>();

  constructor(
    private readonly moduleDirs: Map<string, string>,
    private readonly manifestRead: ManifestRead,
  ) {}

  /** Parses the Python of `names` in a batch, then adds their classes and Python ids. */
  async parsePython(names: Set<string>, options: PythonFactsOptions): Promise<void> {
    const pyPaths: string[] = [];
    for (const name of names) {
      const dir = this.moduleDirs.get(name) as string;
      const files = listAddonFiles(dir);
      this.listed.set(name, files);
      for (const file of files)
        if (file.endsWith('.py') && !MANIFESTS.includes(file)) pyPaths.push(join(dir, file));
    }
    const parsed = await parsePythonFiles(pyPaths, options);
    for (const [path, facts] of parsed) this.pyFacts.set(path, facts);
    for (const name of names) {
      const dir = this.moduleDirs.get(name) as string;
      const input = this.input(name);
      for (const file of this.listed.get(name) ?? []) {
        const facts = this.pyFacts.get(join(dir, file));
        if (facts) input.python.set(file, facts);
      }
      const analysis = this.analysis(name);
      analysis.summary.classes = modelClasses(input);
      analysis.summary.pythonXmlIds = pythonXmlIds(input);
    }
  }

  input(name: string): AddonInput {
    const cached = this.inputs.get(name);
    if (cached) return cached;
    const dir = this.moduleDirs.get(name) as string;
    const files = this.listed.get(name) ?? listAddonFiles(dir);
    if (!this.listed.has(name)) this.listed.set(name, files);
    const python = new Map<string, PythonFileFacts>();
    for (const file of files) {
      const full = join(dir, file);
      const facts = file.endsWith('.py')
        ? (this.pyFacts.get(full) ?? this.manifestRead.facts.get(full))
        : undefined;
      if (facts) python.set(file, facts);
    }
    const paths = new Set(files);
    const texts = new Map<string, string>();
    const manifest = this.manifestRead.manifests.get(name);
    for (const listedFile of [...(manifest?.data ?? []), ...(manifest?.demo ?? [])]) {
      const rel = normalizePath(listedFile);
      const full = join(dir, rel);
      if (!paths.has(rel) && existsSync(full)) paths.add(rel);
      if (paths.has(rel) && /\.(xml|csv)$/i.test(rel) && !texts.has(rel))
        texts.set(rel, readFileSync(full, 'utf8'));
    }
    const input: AddonInput = { name, paths, files: texts, python };
    this.inputs.set(name, input);
    return input;
  }

  analysis(name: string): AddonAnalysis {
    let analysis = this.analyses.get(name);
    if (!analysis) {
      analysis = analyzeAddon(this.input(name));
      this.analyses.set(name, analysis);
    }
    return analysis;
  }
}

/** The addons path as the checker sees it: full summaries of the needed modules, manifests of the rest. */
function moduleIndex(
  moduleDirs: Map<string, string>,
  needed: Set<string>,
  manifests: Map<string, ManifestInfo | undefined>,
  reader: AddonReader,
  autoInstall: AutoInstallModule[],
): ModuleIndex {
  return {
    autoInstall,
    get(name: string): ModuleSummary | undefined {
      if (!moduleDirs.has(name)) return undefined;
      if (needed.has(name)) return reader.analysis(name).summary;
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
}

function summarize(addons: CheckedAddon[], root: string | undefined): CheckResult {
  const fileOf = (addon: CheckedAddon, file: string): string =>
    root === undefined
      ? `${addon.name}/${file}`
      : relative(resolve(root), join(addon.dir, file)).split(sep).join('/');
  const findings = addons
    .flatMap((addon) => addon.findings.map((finding) => ({ ...finding, file: fileOf(addon, finding.file) })))
    .sort(compareFindings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return { addons, findings, counts };
}
