import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { ExitCode } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { runGenerate } from './generate.js';

/** The spec shipped with Forge: examples/library.yaml at the package root. */
export function embeddedExampleSpec(): string {
  // Found by walking up from this file: it runs from cli/ (tsx) and from dist/cli/ (built).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'examples', 'library.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('examples/library.yaml is missing from the odoo-forge package');
    dir = parent;
  }
}

/**
 * `odoo-forge demo [--out DIR] [--force]`: Forge's main job on the embedded example, without GitHub or an
 * LLM: validate `examples/library.yaml`, generate its addon, and run the addon checker on it.
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  register(program, io, setExit) {
    program
      .command('demo')
      .description('generate and check the example addon of examples/library.yaml (no GitHub, no LLM key)')
      .option('-o, --out <dir>', 'the folder that receives the addon folder', 'forge-demo')
      .option('--force', 'replace an existing, different addon folder (edits in it are lost)')
      .action(async (options: { out: string; force?: boolean }) => {
        const spec = embeddedExampleSpec();
        io.out(`1. spec      ${spec}\n`);
        // The same write as `generate`: an edited addon in --out is refused unless --force.
        const generated = await runGenerate(spec, { out: options.out, force: options.force }, io);
        if (generated.code !== ExitCode.ok || generated.dir === undefined) return setExit(generated.code);
        const dir = generated.dir;
        const result = await checkAddons([dir]);
        const { error, warning, info } = result.counts;
        io.out(`2. checked   ${dir}: ${error} errors, ${warning} warnings, ${info} notes\n`);
        for (const finding of result.findings) {
          io.out(
            `   ${finding.file}:${finding.line}: ${finding.severity} [${finding.rule}] ${finding.message}\n`,
          );
        }
        io.out(
          error === 0
            ? '3. done      the addon is ready: odoo-forge test can install it on a real Odoo.\n'
            : '3. failed    the checker found errors.\n',
        );
        setExit(error === 0 ? ExitCode.ok : ExitCode.failed);
      });
  },
};
