import { ExitCode } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { formatSpecErrors, readSpecFile } from '../read-spec-file.js';

/** `odoo-forge validate SPEC [--json]`: exit 0 when valid, 2 with every error otherwise. */
export const validateCommand: CliCommand = {
  name: 'validate',
  register(program, io, setExit) {
    program
      .command('validate')
      .description('validate a module spec (YAML); prints every error with its path, line and column')
      .argument('<spec>', 'the ModuleSpec YAML file')
      .option('--json', 'print {valid, errors} as JSON')
      .action(async (specPath: string, options: { json?: boolean }) => {
        const result = await readSpecFile(specPath);
        if (options.json) {
          io.out(`${JSON.stringify({ valid: result.ok, errors: result.ok ? [] : result.errors }, null, 2)}\n`);
        } else if (result.ok) {
          const spec = result.spec;
          io.out(`${specPath}: valid (${spec.module.name}, Odoo ${spec.odoo}, ${(spec.models ?? []).length} models)\n`);
        } else {
          io.err(formatSpecErrors(specPath, result.errors));
          io.err(`${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in ${specPath}\n`);
        }
        setExit(result.ok ? ExitCode.ok : ExitCode.badInput);
      });
  },
};
