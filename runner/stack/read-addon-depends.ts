import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';

/** The folder of `module` in the first addons dir that holds it, or undefined. */
export function findModuleDir(module: string, addonsDirs: readonly string[]): string | undefined {
  for (const dir of addonsDirs) {
    if (existsSync(join(dir, module, '__manifest__.py'))) return join(dir, module);
  }
  return undefined;
}

/** The `depends` list of a manifest (a Python dict literal); empty when it has none. */
export function manifestDepends(manifestText: string): string[] {
  const match = /["']depends["']\s*:\s*[[(]([^\])]*)[\])]/.exec(manifestText);
  if (!match) return [];
  return [...(match[1] ?? '').matchAll(/["']([\w.]+)["']/g)].map((m) => m[1] ?? '').filter(Boolean);
}

/**
 * What the template database of a run must hold: every module that `modules` depend on,
 * directly or through other modules of the addons dirs, that is not itself in those dirs
 * (those change with the pull request and are installed by each run).
 */
export function externalDependencies(modules: readonly string[], addonsDirs: readonly string[]): string[] {
  const external = new Set<string>(['base', 'web']);
  const seen = new Set<string>();
  const visit = (module: string, from: string): void => {
    if (seen.has(module)) return;
    seen.add(module);
    const dir = findModuleDir(module, addonsDirs);
    if (!dir) {
      if (from === '') {
        throw new ForgeError(
          'input.module-not-found',
          `Module ${module} (from --modules) has no __manifest__.py in ${addonsDirs.join(', ')}.`,
          {
            hint: 'Pass the folder that contains the module folders as ADDONS_DIR, and module names as --modules.',
          },
        );
      }
      external.add(module);
      return;
    }
    for (const dependency of manifestDepends(readFileSync(join(dir, '__manifest__.py'), 'utf8')))
      visit(dependency, module);
  };
  for (const module of modules) visit(module, '');
  return [...external].sort();
}
