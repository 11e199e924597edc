import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HeadFieldTypes } from '../../core/upgrade/retype-losses.js';
import { parsePythonFiles } from '../addon-reader/python-facts-process.js';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['tests', 'migrations', 'static'].includes(entry.name) ? [] : pythonFiles(path);
    return entry.name.endsWith('.py') ? [path] : [];
  });
}

/**
 * The field types an addon's Python declares, by model (`fields.Integer` → `integer`), read with
 * the checker's parser (python3 `ast`, nothing is imported): what the head would make of each
 * column when its update cannot run to the end.
 */
export async function readHeadFieldTypes(addonDir: string, python?: string): Promise<HeadFieldTypes> {
  const facts = await parsePythonFiles(pythonFiles(addonDir), python ? { python } : {});
  const types: HeadFieldTypes = {};
  for (const file of facts.values()) {
    for (const cls of file.classes ?? []) {
      const model = cls._name ?? cls._inherit?.[0];
      if (!model) continue;
      const fields = (types[model] ??= {});
      for (const field of cls.fields)
        fields[field.name] = field.type === 'Image' ? 'binary' : field.type.toLowerCase();
    }
  }
  return types;
}
