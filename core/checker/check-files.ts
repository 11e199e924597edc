import type { AddonInput, CheckOptions } from './addon-input.js';
import { checkAddon, type AddonCheckResult } from './check-addon.js';
import type { PythonFactsProvider } from './python-facts.js';

export interface CheckFilesOptions extends CheckOptions {
  /** The module name: the addon's folder name. */
  module: string;
  /** Parses the Python files (core does no I/O: the caller brings the parser). */
  python: PythonFactsProvider;
}

/**
 * Checks one addon held in memory: `files` maps each path relative to the addon folder to its
 * contents (what the generator returns). Every `.py` file goes through `options.python`.
 */
export async function checkFiles(
  files: Map<string, string>,
  options: CheckFilesOptions,
): Promise<AddonCheckResult> {
  const paths = new Set<string>();
  const texts = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const [rawPath, contents] of files) {
    const path = rawPath.replace(/\\/g, '/').replace(/^\.\//, '');
    paths.add(path);
    texts.set(path, contents);
    if (path.endsWith('.py')) sources.set(path, contents);
  }
  const python = sources.size > 0 ? await options.python.parseSources(sources) : new Map();
  const addon: AddonInput = { name: options.module, paths, files: texts, python };
  return checkAddon(addon, options);
}
