import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { OdooPaths } from '../stack/odoo-container-command.js';

/**
 * Turns a file path from an Odoo run into the path inside the repository (`addons/x/models.py`):
 * a container path (`/mnt/forge-addons/0/x/models.py`), a host path of a local run, or the
 * module-relative path the log parser gives (`x/models.py`). Undefined for a file outside the
 * repository (Odoo's own code): no annotation can point there.
 */
export function repoPath(file: string, addonsDirs: readonly string[], repoRoot: string): string | undefined {
  const container = /^\/mnt\/forge-addons\/(\d+)\/(.+)$/.exec(file);
  let host: string | undefined = file;
  if (container) {
    const dir = addonsDirs[Number(container[1])];
    host = dir === undefined ? undefined : join(dir, container[2] as string);
  } else if (file.startsWith(`${OdooPaths.source}/`)) {
    host = undefined;
  } else if (!isAbsolute(file)) {
    const module = file.split('/')[0] ?? '';
    const dir =
      addonsDirs.find((d) => existsSync(join(d, module))) ??
      (addonsDirs.length === 1 ? addonsDirs[0] : undefined);
    host = dir === undefined ? undefined : join(dir, file);
  }
  if (host === undefined) return undefined;
  const inside = relative(repoRoot, host);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

/**
 * Replaces every container addons path in a text (a traceback, a log excerpt) by its repository
 * path, the mount points themselves (`/mnt/forge-addons/0` in Odoo's "addons paths" line) too.
 */
export function repoPathsInText(text: string, addonsDirs: readonly string[], repoRoot: string): string {
  return text.replace(
    /\/mnt\/forge-addons\/(\d+)(\/[^\s"',:)\]]+)?/g,
    (path: string, index: string, rest?: string) => {
      if (rest) return repoPath(path, addonsDirs, repoRoot) ?? path;
      const dir = addonsDirs[Number(index)];
      if (dir === undefined) return path;
      const inside = relative(repoRoot, dir);
      return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/') || '.';
    },
  );
}
