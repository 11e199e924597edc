import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../core/checker/manifest-rules.js';
import type { PythonFileFacts } from '../../core/checker/python-facts.js';
import { indexAddonsPath } from './addon-files.js';
import { parsePythonFiles, type PythonFactsOptions } from './python-facts-process.js';

/**
 * Reads every manifest of an addons path (one python batch) and returns `depends` by module
 * name; undefined for a module that is not on the path.
 */
export async function readDependsOf(
  addonsPath: string[],
  options: PythonFactsOptions = {},
): Promise<(name: string) => string[] | undefined> {
  const index = indexAddonsPath(addonsPath);
  const files = new Map<string, string>();
  for (const [name, dir] of index) {
    const file = ['__manifest__.py', '__openerp__.py'].map((m) => join(dir, m)).find((m) => existsSync(m));
    if (file) files.set(name, file);
  }
  const facts = await parsePythonFiles([...files.values()], options);
  const depends = new Map<string, string[]>();
  for (const [name, file] of files) {
    const fileFacts = facts.get(file);
    const python = new Map<string, PythonFileFacts>(fileFacts ? [['__manifest__.py', fileFacts]] : []);
    const manifest = readManifest({ name, paths: new Set(), files: new Map(), python }, () => undefined);
    depends.set(name, manifest?.depends ?? []);
  }
  return (name) => depends.get(name);
}
