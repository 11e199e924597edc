import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import type { CliCommand } from '../command.js';

/** `odoo-forge schema`: the ModuleSpec JSON Schema (drives the LLM's structured output). */
export const schemaCommand: CliCommand = {
  name: 'schema',
  register(program, io) {
    program
      .command('schema')
      .description('print the JSON Schema of ModuleSpec v1')
      .action(() => {
        io.out(`${JSON.stringify(moduleSpecJsonSchema(), null, 2)}\n`);
      });
  },
};
