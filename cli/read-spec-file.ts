import { readFile } from 'node:fs/promises';
import { ForgeError } from '../core/errors/forge-error.js';
import type { ModuleSpec, SpecError } from '../core/spec/module-spec.js';
import { parseSpec } from '../core/spec/parse-spec.js';

export type SpecFileResult = { ok: true; spec: ModuleSpec } | { ok: false; errors: SpecError[] };

/** Reads and validates a spec file; a missing file is a ForgeError, a bad spec a list of errors. */
export async function readSpecFile(path: string): Promise<SpecFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ForgeError('input.spec-unreadable', `Cannot read the spec ${path}: ${code === 'ENOENT' ? 'no such file' : String(code)}.`, {
      hint: 'Give the path of a ModuleSpec YAML file, e.g. examples/library.yaml.',
    });
  }
  return parseSpec(text);
}

/** `file:line:column: path: message`, one line per error (the form editors and CI understand). */
export function formatSpecErrors(file: string, errors: readonly SpecError[]): string {
  return errors
    .map((error) => {
      const where = error.line !== undefined ? `${file}:${error.line}:${error.column ?? 1}` : file;
      return `${where}: ${error.path}: ${error.message}\n`;
    })
    .join('');
}
