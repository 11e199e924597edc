import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';

/** The `depends` list of a manifest (a Python dict literal); empty when it has none. */
export function manifestDependsOf(manifestText: string): string[] {
  const match = /["']depends["']\s*:\s*[[(]([^\])]*)[\])]/.exec(manifestText);
  if (!match) return [];
  return [...(match[1] ?? '').matchAll(/["']([\w.]+)["']/g)].map((m) => m[1] ?? '').filter(Boolean);
}

/**
 * The modules outside `addonsDirs` that `modules` need, directly or through other modules of
 * `addonsDirs`: what a template database must hold so that each run installs only the addons.
 */
export function addonDependencies(modules: readonly string[], addonsDirs: readonly string[]): string[] {
  const external = new Set<string>(['base']);
  const seen = new Set<string>();
  const visit = (module: string, requested: boolean): void => {
    if (seen.has(module)) return;
    seen.add(module);
    const dir = addonsDirs.map((d) => join(d, module)).find((d) => existsSync(join(d, '__manifest__.py')));
    if (dir === undefined) {
      if (requested) {
        throw new ForgeError(
          'input.module-not-found',
          `module ${module} has no __manifest__.py in ${addonsDirs.join(', ')}`,
          {
            hint: 'pass the folder that holds the module folders, and module names',
          },
        );
      }
      external.add(module);
      return;
    }
    for (const dependency of manifestDependsOf(readFileSync(join(dir, '__manifest__.py'), 'utf8')))
      visit(dependency, false);
  };
  for (const module of modules) visit(module, true);
  return [...external].sort();
}
