import { resolveDependencies } from '../../core/checker/module-graph.js';
import { dependsOfManifests, readAddonManifests } from '../../runner/addons/read-addon-manifests.js';
import { ExitCode } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { parseAddonsPath } from './check.js';

/**
 * `odoo-forge deps MODULE... --addons-path DIR,DIR [--json]`: the install order of the modules
 * and their dependencies, the dependencies not found and the cycles. Exit 1 on missing or cycles.
 */
export const depsCommand: CliCommand = {
  name: 'deps',
  register(program, io, setExit) {
    program
      .command('deps')
      .description('install order, missing dependencies and cycles of modules on an addons path')
      .argument('<module...>', 'module names')
      .requiredOption('--addons-path <dirs>', 'comma-separated folders of addons')
      .option('--json', 'print {order, missing, cycles} as JSON')
      .action(async (modules: string[], flags: { addonsPath: string; json?: boolean }) => {
        const dirs = parseAddonsPath(flags.addonsPath, io.cwd) ?? [];
        const dependsOf = dependsOfManifests(await readAddonManifests(dirs));
        const report = resolveDependencies(modules, dependsOf);
        const unknownRoots = modules.filter((name) => dependsOf(name) === undefined);
        if (flags.json) {
          io.out(
            `${JSON.stringify(
              {
                order: report.order,
                missing: Object.fromEntries(report.missing),
                notFound: unknownRoots,
                cycles: report.cycles,
              },
              null,
              2,
            )}\n`,
          );
        } else {
          io.out(`install order (${report.order.length} modules):\n`);
          report.order.forEach((name, index) => io.out(`  ${String(index + 1).padStart(4)}. ${name}\n`));
          for (const name of unknownRoots) io.out(`not found: ${name} is on no folder of the addons path\n`);
          for (const [name, missing] of report.missing)
            io.out(`missing: ${name} depends on ${missing.join(', ')}, not found\n`);
          for (const cycle of report.cycles) io.out(`cycle: ${cycle.join(' -> ')}\n`);
        }
        const bad = unknownRoots.length > 0 || report.missing.size > 0 || report.cycles.length > 0;
        setExit(bad ? ExitCode.failed : ExitCode.ok);
      });
  },
};
