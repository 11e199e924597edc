import { ForgeError } from '../../core/errors/forge-error.js';

/**
 * Places generated files under `<addonsPath>/<module>/` and refuses any path that could leave
 * the addon folder: absolute, `..`, backslashes, empty segments, or anything under `.github`.
 * Generated content comes from a spec a model may have written, so this is checked here too.
 */
export function placeAddonFiles(
  files: Map<string, string>,
  addonsPath: string,
  moduleName: string,
): Map<string, string> {
  if (!/^[a-z][a-z0-9_]*$/.test(moduleName)) {
    throw new ForgeError('input.module-name', `module name "${moduleName}" is not a technical name`, {
      hint: 'use lowercase letters, digits and underscores',
    });
  }
  const root =
    addonsPath === '.' || addonsPath === '' ? moduleName : `${addonsPath.replace(/\/+$/, '')}/${moduleName}`;
  const placed = new Map<string, string>();
  for (const [path, content] of files) {
    const segments = path.split('/');
    const unsafe =
      path.startsWith('/') ||
      path.includes('\\') ||
      path.includes('\0') ||
      segments.some((s) => s === '' || s === '.' || s === '..') ||
      segments[0] === '.github';
    if (unsafe)
      throw new ForgeError(
        'generate.unsafe-path',
        `generated path "${path}" would leave the addon folder ${root}/`,
        { hint: 'this is a generator bug; report it with the spec' },
      );
    placed.set(`${root}/${path}`, content);
  }
  return placed;
}
