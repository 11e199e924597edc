import { existsSync } from 'node:fs';
import { readManifest } from '../../core/checker/manifest-rules.js';
import type { PythonFileFacts } from '../../core/checker/python-facts.js';
import { indexAddonsPath } from '../addon-reader/addon-files.js';
import { parsePythonFiles, type PythonFactsOptions } from '../addon-reader/python-facts-process.js';

/** What the runner needs from one addon's manifest (read as Odoo reads it: a Python literal). */
export interface AddonManifest {
  name: string;
  /** The addon's folder. */
  dir: string;
  depends: string[];
  /** The manifest's `version`, as written (`18.0.1.0.0`), when it has one. */
  version?: string;
  installable: boolean;
}

/**
 * Every addon of an addons path (the first folder that holds a name wins, as in Odoo), with its
 * manifest read by one batch of Debian's python. An addon whose manifest does not parse is
 * listed with no dependencies (the checker reports why).
 */
export async function readAddonManifests(
  addonsPath: readonly string[],
  options: PythonFactsOptions = {},
): Promise<Map<string, AddonManifest>> {
  const files = new Map<string, { dir: string; file: string }>();
  for (const [name, dir] of indexAddonsPath([...addonsPath])) {
    const file = ['__manifest__.py', '__openerp__.py'].map((m) => `${dir}/${m}`).find((m) => existsSync(m));
    if (file) files.set(name, { dir, file });
  }
  const facts = await parsePythonFiles(
    [...files.values()].map((f) => f.file),
    options,
  );
  const manifests = new Map<string, AddonManifest>();
  for (const [name, { dir, file }] of files) {
    const fileFacts = facts.get(file);
    const python = new Map<string, PythonFileFacts>(fileFacts ? [['__manifest__.py', fileFacts]] : []);
    const manifest = readManifest({ name, paths: new Set(), files: new Map(), python }, () => undefined);
    manifests.set(name, {
      name,
      dir,
      depends: manifest?.depends ?? [],
      ...(manifest?.version === undefined ? {} : { version: manifest.version }),
      installable: manifest?.installable ?? true,
    });
  }
  return manifests;
}

/** The `depends` of a module of `manifests`; undefined for a module that is not among them. */
export function dependsOfManifests(
  manifests: ReadonlyMap<string, AddonManifest>,
): (name: string) => string[] | undefined {
  return (name) => manifests.get(name)?.depends;
}
