import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The root of the git repository (work tree) that holds `path`: the nearest folder at or above it
 * with a `.git` folder or file (a worktree or submodule has a `.git` file), as
 * `git rev-parse --show-toplevel` finds it. Undefined outside a repository.
 */
export function repositoryRoot(path: string): string | undefined {
  let dir = resolve(path);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(resolve(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
