import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { StackSettings } from './stack-settings.js';

/** Odoo's user in its container: uid 101 (`odoo`) in the local runtime image and in the official images. */
export const ODOO_CONTAINER_UID = 101;

/** A path under a mount that the container's user cannot read (or, for a folder, list and enter). */
export interface UnreadablePath {
  path: string;
  mode: string;
  kind: 'folder' | 'file';
}

/**
 * The first path under `root` (itself included) that `uid` cannot read: a folder needs r and x,
 * a file r. The owner's bits count when `uid` owns the path, else the bits for others (the
 * container user's groups are not known here, so group bits never count). Symbolic links are
 * not followed. The host folders above `root` do not matter: the engine mounts `root` as root.
 */
export function firstUnreadable(root: string, uid: number): UnreadablePath | undefined {
  if (uid === 0) return undefined;
  const pending = [root];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) continue;
    const folder = stats.isDirectory();
    const needed = folder ? 0o5 : 0o4;
    if ((allowed(stats, uid) & needed) !== needed) {
      return {
        path,
        mode: (stats.mode & 0o7777).toString(8).padStart(4, '0'),
        kind: folder ? 'folder' : 'file',
      };
    }
    if (folder) for (const name of readdirSync(path)) pending.push(join(path, name));
  }
  return undefined;
}

function allowed(stats: Stats, uid: number): number {
  return stats.uid === uid ? (stats.mode >> 6) & 0o7 : stats.mode & 0o7;
}

/**
 * Fails before anything starts when Odoo in its container could not read a mounted folder (the
 * addons folders, and the source tree for `--odoo-src`): names the path, its mode and the fix.
 */
export function assertReadableByContainer(settings: StackSettings, uid: number = ODOO_CONTAINER_UID): void {
  const mounts = settings.addonsDirs.map((dir) => ({ dir, what: 'the addons folder' }));
  if (settings.odoo?.kind === 'source')
    mounts.push({ dir: settings.odoo.sourceDir, what: 'the Odoo source tree' });
  for (const { dir, what } of mounts) {
    const bad = firstUnreadable(dir, uid);
    if (!bad) continue;
    const where = bad.path === dir ? '' : ` (inside ${what} ${dir})`;
    throw new ForgeError(
      'input.mount-unreadable',
      `${bad.path}${where} has mode ${bad.mode}: Odoo runs as uid ${uid} in its container and cannot ${bad.kind === 'folder' ? 'list' : 'read'} this ${bad.kind}, so ${what} is not usable.`,
      { hint: `Make it readable for other users: chmod -R a+rX ${dir}` },
    );
  }
}
