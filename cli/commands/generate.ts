import { resolve } from 'node:path';
import { generate } from '../../core/generator/generate.js';
import { ExitCode, reportError, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { formatSpecErrors, readSpecFile } from '../read-spec-file.js';
import { writeAddon, type WriteAddonResult } from '../write-addon.js';

export interface GenerateOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

/** `odoo-forge generate SPEC --out DIR`: writes DIR/<module>/ atomically, or nothing on a bad spec. */
export const generateCommand: CliCommand = {
  name: 'generate',
  register(program, io, setExit) {
    program
      .command('generate')
      .description('generate the Odoo addon of a module spec into OUT/<module>/')
      .argument('<spec>', 'the ModuleSpec YAML file')
      .requiredOption('-o, --out <dir>', 'the folder that receives the addon folder')
      .option('--force', 'replace an existing, different addon folder')
      .option('--json', 'print {module, dir, status, files} as JSON')
      .action(async (specPath: string, options: GenerateOptions) => {
        setExit((await runGenerate(specPath, options, io)).code);
      });
  },
};

/**
 * Validates the spec, generates its addon and writes it under `options.out` (relative to the
 * current folder, or absolute): the one write path of `generate` and `demo`. An existing,
 * different addon is refused without `force`. Returns the exit code and the addon folder written.
 */
export async function runGenerate(
  specPath: string,
  options: GenerateOptions,
  io: CliIo,
): Promise<{ code: 0 | 2; dir?: string }> {
  const result = await readSpecFile(specPath);
  if (!result.ok) {
    const summary = `${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in ${specPath}: nothing was written.`;
    if (options.json) {
      reportError(io, true, {
        code: 'input.spec-invalid',
        message: `${summary}\n${formatSpecErrors(specPath, result.errors).trimEnd()}`,
        hint: `Run odoo-forge validate ${specPath} --json for the errors one by one.`,
      });
    } else {
      io.err(formatSpecErrors(specPath, result.errors));
      io.err(`${summary}\n`);
    }
    return { code: ExitCode.badInput };
  }
  const files = generate(result.spec);
  const written = await writeAddon(files, resolve(io.cwd, options.out), result.spec.module.name, {
    force: options.force,
  });
  printWritten(io, result.spec.module.name, written, options.json === true);
  return { code: ExitCode.ok, dir: written.dir };
}

export function printWritten(io: CliIo, module: string, written: WriteAddonResult, json: boolean): void {
  if (json) {
    io.out(
      `${JSON.stringify({ module, dir: written.dir, status: written.status, files: written.files }, null, 2)}\n`,
    );
    return;
  }
  io.out(`${written.status} ${written.dir}/ (${written.files.length} files)\n`);
  for (const file of written.files) io.out(`  ${file}\n`);
}
