import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ForgeError } from '../core/errors/forge-error.js';

export type WriteStatus = 'created' | 'replaced' | 'unchanged';

export interface WriteAddonResult {
  dir: string;
  status: WriteStatus;
  files: string[];
}

/**
 * Writes an addon (`relative path → contents`) to `outDir/module/` atomically: the files go to
 * a temporary folder next to the target, which is then renamed into place. An existing folder
 * with other contents is only replaced with `force`; one with the same contents is left alone.
 * Folders and files get the modes `mkdir` and `cp` would give (0777/0666 less the umask): Odoo in
 * a container runs as another user and must be able to read them.
 */
export async function writeAddon(
  files: ReadonlyMap<string, string>,
  outDir: string,
  module: string,
  options: { force?: boolean } = {},
): Promise<WriteAddonResult> {
  for (const path of files.keys()) assertInsideAddon(path);
  await assertFolderOrAbsent(outDir);
  const target = join(outDir, module);
  const paths = [...files.keys()];
  const existing = await readTree(target);
  if (existing) {
    if (sameTree(existing, files)) return { dir: target, status: 'unchanged', files: paths };
    if (!options.force) {
      throw new ForgeError('input.addon-exists', `${target} already exists and holds a different addon.`, {
        hint: 'Pass --force to replace it, or choose another --out folder.',
      });
    }
  }
  await mkdir(outDir, { recursive: true });
  // Not mkdtemp: its folder is 0700 whatever the umask, and the rename would keep that mode.
  const staging = join(outDir, `.${module}.forge-${randomBytes(6).toString('hex')}`);
  await mkdir(staging);
  try {
    for (const [path, contents] of files) {
      const full = join(staging, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, contents);
    }
    if (existing) {
      const old = `${staging}.old`;
      await rename(target, old);
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { dir: target, status: existing ? 'replaced' : 'created', files: paths };
}

/** `--out` must be a folder, or not exist yet (it is then made): a file there is bad input. */
async function assertFolderOrAbsent(outDir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(outDir)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'ENOTDIR') throw error;
    isFolder = false;
  }
  if (!isFolder) {
    throw new ForgeError('input.out-not-folder', `--out ${outDir} is not a folder: a file is in the way.`, {
      hint: 'Give a folder (it is made when it does not exist), or remove the file.',
    });
  }
}

function assertInsideAddon(path: string): void {
  const parts = path.split('/');
  if (
    path.startsWith('/') ||
    path.includes('\\') ||
    parts.some((part) => part === '..' || part === '' || part === '.')
  ) {
    throw new ForgeError(
      'addon.path-outside',
      `Refusing to write ${JSON.stringify(path)}: generated paths must stay inside the addon folder.`,
    );
  }
}

async function readTree(dir: string): Promise<Map<string, string> | undefined> {
  try {
    if (!(await stat(dir)).isDirectory()) {
      throw new ForgeError('input.addon-exists', `${dir} exists and is not a folder.`, {
        hint: 'Remove it or choose another --out folder.',
      });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const tree = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    // Python's byte-code cache (Odoo ran the addon) is no edit of the addon.
    if (path.split('/').includes('__pycache__') || path.endsWith('.pyc')) continue;
    tree.set(path, await readFile(full, 'utf8'));
  }
  return tree;
}

function sameTree(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, contents] of b) if (a.get(path) !== contents) return false;
  return true;
}
