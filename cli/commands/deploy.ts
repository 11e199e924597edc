import { resolve } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import { describeBrowserCheck } from '../../runner/deploy/deploy-browser-check.js';
import { deployEnvironment, type DeployResult } from '../../runner/deploy/deploy-environment.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { addEnvironmentFlags, environmentContext, type EnvironmentFlags } from './env.js';

interface DeployFlags extends EnvironmentFlags {
  addons: string;
  lockTimeout: string;
  drill: boolean;
  json?: boolean;
}

/** `odoo-forge deploy`'s text output: the outcome, the plan, problems, browser check, drill, mails, URL. */
export function printDeployResult(result: DeployResult, io: CliIo): void {
  if (result.recovered)
    io.out(
      `unfinished deploy ${result.recovered.deployId} rolled back first (stopped in "${result.recovered.phase}")\n`,
    );
  const { plan } = result;
  io.out(
    `deploy ${result.deployId}: ${result.outcome === 'deployed' ? 'DEPLOYED' : 'FAILED, backup restored'} in ${result.seconds.toFixed(1)} s (backup ${result.backupId})\n`,
  );
  io.out(
    `  installed: ${plan.install.join(', ') || '-'}   updated: ${plan.update.join(', ') || '-'}   unchanged: ${plan.unchanged.join(', ') || '-'}\n`,
  );
  for (const problem of result.problems) io.out(`  problem: ${problem}\n`);
  if (result.browserCheck)
    for (const [i, line] of describeBrowserCheck(result.browserCheck).entries())
      io.out(`${i === 0 ? '  ' : '    '}${line}\n`);
  if (result.drill)
    io.out(
      `  drill of backup ${result.backupId}: ${result.drill.passed ? 'passed' : `FAILED: ${result.drill.problems.join('; ')}`} (${result.drill.tablesCompared} tables, ${result.drill.filesCompared} files)\n`,
    );
  io.out(`  mails caught: ${result.mailsCaught}\n`);
  io.out(`  url: ${result.url}\n`);
}

export const deployCommand: CliCommand = {
  name: 'deploy',
  register(program, io, setExit) {
    addEnvironmentFlags(
      program
        .command('deploy <name>')
        .description(
          'deploy the addons of a folder to environment NAME: lock, backup, update, start, health; restore on failure',
        )
        .requiredOption('--addons <dir>', 'folder holding the addon folders to deploy')
        .option(
          '--lock-timeout <seconds>',
          'how long to wait for a running deploy (0: refuse at once)',
          '600',
        )
        .option('--no-drill', 'do not drill the pre-deploy backup after a successful deploy')
        .option('--json', 'print the result as JSON'),
    ).action(async (name: string, flags: DeployFlags) => {
      const timeout = Number(flags.lockTimeout);
      if (!Number.isFinite(timeout) || timeout < 0)
        throw new ForgeError(
          'input.lock-timeout',
          `--lock-timeout ${flags.lockTimeout} is not a number of seconds`,
          {
            hint: 'give seconds, e.g. --lock-timeout 600',
          },
        );
      const context = await environmentContext(name, flags, io);
      const result = await deployEnvironment({
        ...context,
        addonsDir: resolve(io.cwd, flags.addons),
        lockTimeoutMs: timeout * 1000,
        drill: flags.drill,
      });
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printDeployResult(result, io);
      setExit(result.outcome === 'deployed' ? ExitCode.ok : ExitCode.failed);
    });
  },
};
