import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const SKIPPED_DIRS = new Set(['static', 'node_modules', '.git', '__pycache__', 'i18n', 'i18n_extra']);

/** Whether `dir` holds an Odoo addon (a manifest). */
export function isAddonDir(dir: string): boolean {
  return existsSync(join(dir, '__manifest__.py')) || existsSync(join(dir, '__openerp__.py'));
}

/** The addons at `path`: the path itself when it is an addon, else its sub-folders that are. */
export function findAddons(path: string): string[] {
  const dir = resolve(path);
  if (isAddonDir(dir)) return [dir];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries
    .map((name) => join(dir, name))
    .filter((child) => !basename(child).startsWith('.') && isAddonDir(child));
}

/** module name → folder, over the folders of an addons path; the first one wins, as in Odoo. */
export function indexAddonsPath(dirs: string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const dir of dirs)
    for (const addon of findAddons(dir)) if (!index.has(basename(addon))) index.set(basename(addon), addon);
  return index;
}

/** Relative paths of an addon's files, static assets and translations left out. */
export function listAddonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), rel);
      } else if (entry.isFile()) out.push(rel);
      else if (entry.isSymbolicLink()) {
        try {
          if (statSync(join(dir, entry.name)).isDirectory()) walk(join(dir, entry.name), rel);
          else out.push(rel);
        } catch {
          // a dangling link is no file
        }
      }
    }
  };
  walk(root, '');
  return out;
}
