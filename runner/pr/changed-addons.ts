import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { ForgeError } from '../../core/errors/forge-error.js';

const run = promisify(execFile);

const MANIFESTS = ['__manifest__.py', '__openerp__.py'];
/** What makes a folder look like an addon even without a manifest: Odoo's own layout. */
const ADDON_MARKERS = ['__init__.py', 'models', 'views', 'security', 'data'];

/** One addon the pull request touches. */
export interface ChangedAddon {
  /** The module name (its folder's name). */
  name: string;
  /** The addon's folder, relative to the repository root, forward slashes (`addons/library`). */
  dir: string;
  /** The touched files of the addon, repository-relative. */
  files: string[];
}

export interface ChangedAddons {
  /** Touched addons that have a manifest in the head commit, sorted by folder. */
  addons: ChangedAddon[];
  /** Touched folders of the addons path that look like addons but hold no manifest. */
  withoutManifest: string[];
  /** Addon folders the head commit removed. */
  removed: string[];
  /** Touched files that belong to no addon (README.md, .github/...). */
  otherFiles: string[];
}

export interface ChangedAddonsOptions {
  /** The repository checkout (GITHUB_WORKSPACE). */
  workspace: string;
  /** The base commit; undefined means "everything is new" (a first push). */
  base: string | undefined;
  /** The head commit (default HEAD). */
  head?: string;
  /** Folders of the addons path, relative to the workspace (default `['.']`). */
  addonsPath?: string[];
}

/** Normalizes a repository-relative folder: forward slashes, no `./`, no trailing slash; `.` → ``. */
export function repoRelative(dir: string): string {
  const normalized = posix.normalize(dir.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (normalized.startsWith('..') || normalized.startsWith('/'))
    throw new ForgeError('input.addons-path-outside', `addons path ${dir} is outside the repository`, {
      hint: 'give folders relative to the repository root, such as . or addons',
    });
  return normalized === '.' ? '' : normalized;
}

/**
 * The addons a pull request touches: `git diff --name-only base head` in the workspace, each
 * file mapped to the addon folder it is in (a direct child of a folder of the addons path, or
 * that folder itself when it is an addon). A touched folder that looks like an addon but has no
 * manifest is reported in `withoutManifest`, not silently skipped.
 */
export async function changedAddons(options: ChangedAddonsOptions): Promise<ChangedAddons> {
  const head = options.head ?? 'HEAD';
  const files = await changedFiles(options.workspace, options.base, head);
  const roots = (options.addonsPath ?? ['.']).map(repoRelative);
  const touched = new Map<string, string[]>();
  const otherFiles: string[] = [];
  for (const file of files) {
    const dir = addonFolderOf(file, roots, options.workspace);
    if (dir === undefined) otherFiles.push(file);
    else touched.set(dir, [...(touched.get(dir) ?? []), file]);
  }
  const result: ChangedAddons = { addons: [], withoutManifest: [], removed: [], otherFiles };
  for (const [dir, dirFiles] of [...touched].sort(([a], [b]) => a.localeCompare(b))) {
    const abs = join(options.workspace, dir);
    if (!existsSync(abs)) result.removed.push(dir);
    else if (MANIFESTS.some((m) => existsSync(join(abs, m))))
      result.addons.push({
        name: posix.basename(dir) || posix.basename(options.workspace),
        dir,
        files: dirFiles,
      });
    else if (ADDON_MARKERS.some((m) => existsSync(join(abs, m)))) result.withoutManifest.push(dir);
    else otherFiles.push(...dirFiles);
  }
  otherFiles.sort();
  return result;
}

/** The addon folder a repository-relative file belongs to, or undefined. */
function addonFolderOf(file: string, roots: string[], workspace: string): string | undefined {
  for (const root of roots) {
    const prefix = root === '' ? '' : `${root}/`;
    if (root !== '' && file !== root && !file.startsWith(prefix)) continue;
    if (root !== '' && MANIFESTS.some((m) => existsSync(join(workspace, root, m)))) return root;
    const rest = file.slice(prefix.length).split('/');
    const first = rest[0];
    // A file directly in the addons path folder, or a hidden folder (.github), is no addon's.
    if (rest.length < 2 || !first || first.startsWith('.')) continue;
    const dir = `${prefix}${first}`;
    const abs = join(workspace, dir);
    if (existsSync(abs) && !statSync(abs).isDirectory()) continue;
    return dir;
  }
  return undefined;
}

/** Repository-relative paths that differ between base and head (every file when no base). */
async function changedFiles(workspace: string, base: string | undefined, head: string): Promise<string[]> {
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', ['-C', workspace, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  try {
    await git('rev-parse', '--verify', '--quiet', `${head}^{commit}`);
  } catch (cause) {
    throw new ForgeError('input.workspace-not-git', `${workspace} has no commit ${head}`, {
      hint: 'check the repository out first (actions/checkout) in the job before this step',
      cause,
    });
  }
  if (base === undefined || /^0+$/.test(base)) {
    return splitZ(await git('ls-tree', '-r', '-z', '--name-only', head));
  }
  await ensureCommit(git, base);
  return splitZ(await git('diff', '--name-only', '--no-renames', '-z', base, head));
}

/** Fetches the base commit when a shallow checkout does not have it. */
async function ensureCommit(git: (...args: string[]) => Promise<string>, sha: string): Promise<void> {
  try {
    await git('cat-file', '-e', `${sha}^{commit}`);
    return;
  } catch {
    // not here: fetch it below
  }
  try {
    await git('fetch', '--no-tags', '--depth=1', 'origin', sha);
  } catch (cause) {
    throw new ForgeError(
      'input.base-commit-missing',
      `the base commit ${sha} of the pull request is not in the checkout and could not be fetched`,
      { hint: 'use actions/checkout with fetch-depth: 0, or let the job reach the origin remote', cause },
    );
  }
}

function splitZ(text: string): string[] {
  return text.split('\0').filter(Boolean);
}
