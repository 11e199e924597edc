import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { environmentOf, type EnvironmentConfig } from '../../core/config/environments.js';
import { parseForgeConfig } from '../../core/config/forge-config.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { discoverEngine } from '../../runner/containers/discover-engine.js';
import { withEnvironmentLock } from '../../runner/deploy/deploy-environment.js';
import { environmentContext as buildEnvironmentContext } from '../../runner/environments/environment-context.js';
import {
  recoverUnfinishedDeploy,
  type DeployContext,
  type RecoveredDeploy,
} from '../../runner/deploy/roll-back.js';
import {
  environmentDown,
  environmentLogs,
  environmentSummary,
  environmentUp,
  type EnvironmentSummary,
} from '../../runner/environments/environment-lifecycle.js';
import type { Logger } from '../../runner/logger.js';
import { StackDatabase } from '../../runner/stack/odoo-container-command.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { registerEnvironmentDataCommands } from './env-restore-commands.js';

export interface EnvironmentFlags {
  config?: string;
  home?: string;
  engine?: string;
}

/** Declares the flags every environment command shares. */
export function addEnvironmentFlags(command: Command): Command {
  return command
    .option('--config <file>', 'the Forge config (default: .github/odoo-forge.yml)')
    .option(
      '--home <dir>',
      'where environments keep their state (default: $FORGE_ENV_HOME, else ~/.odoo-forge/environments)',
    )
    .option(
      '--engine <endpoint>',
      'container engine endpoint (default: DOCKER_HOST, then the usual sockets)',
    );
}

/** The environment `name` of the config file, with an error naming the file for each bad key. */
export function readEnvironment(name: string, flags: EnvironmentFlags, io: CliIo): EnvironmentConfig {
  const file = resolve(io.cwd, flags.config ?? '.github/odoo-forge.yml');
  if (!existsSync(file)) {
    throw new ForgeError('input.config-missing', `no Forge config at ${file}`, {
      hint: 'pass --config FILE, or run where .github/odoo-forge.yml is',
    });
  }
  const parsed = parseForgeConfig(parse(readFileSync(file, 'utf8')) as unknown);
  if (!parsed.ok) {
    throw new ForgeError(
      'input.config',
      `${file} is not a valid Forge config:\n${parsed.errors.join('\n')}`,
      {
        hint: 'fix the keys named above (see docs/deploy.md)',
      },
    );
  }
  return environmentOf(parsed.config.environments, name, file);
}

export function cliLogger(io: CliIo): Logger {
  return { info: (m) => io.err(`${m}\n`), warn: (m) => io.err(`warning: ${m}\n`), debug: () => {} };
}

/** Everything a command on environment `name` needs: engine, stack settings, files and backup store. */
export async function environmentContext(
  name: string,
  flags: EnvironmentFlags,
  io: CliIo,
): Promise<DeployContext> {
  return buildEnvironmentContext({
    name,
    config: readEnvironment(name, flags, io),
    cwd: io.cwd,
    env: io.env,
    ...(flags.engine ? { engine: flags.engine } : {}),
    ...(flags.home ? { home: flags.home } : {}),
    logger: cliLogger(io),
  });
}

function printSummary(summary: EnvironmentSummary, io: CliIo): void {
  io.out(`environment ${summary.name} (stack ${summary.stackId})\n`);
  io.out(`  database: ${summary.database}   odoo: ${summary.odoo}\n`);
  if (summary.url) io.out(`  url: ${summary.url}   /web/health: ${summary.health ?? '?'}\n`);
  if (summary.mail)
    io.out(`  mail catcher: ${summary.mail.catcher}, ${summary.mail.caught} mail(s) caught\n`);
  io.out(
    `  deployed: ${summary.addons.length ? summary.addons.join(', ') : 'nothing yet'}${summary.deployedAt ? ` (${summary.deployedAt})` : ''}\n`,
  );
}

async function status(name: string, flags: EnvironmentFlags & { json?: boolean }, io: CliIo): Promise<void> {
  const context = await environmentContext(name, flags, io);
  // A deploy killed mid-way is rolled back here; a running one holds the lock and is left alone.
  let recovered: RecoveredDeploy | undefined;
  let running: string | undefined;
  if (context.files.readJournal()) {
    try {
      recovered = await withEnvironmentLock(context, 1000, () =>
        recoverUnfinishedDeploy(context, StackDatabase.name),
      );
    } catch (error) {
      if (!(error instanceof ForgeError && error.code === 'deploy.busy')) throw error;
      running = error.message;
    }
  }
  const summary = await environmentSummary(context.driver, context.settings, context.files, context.logger);
  if (flags.json) {
    io.out(
      `${JSON.stringify({ ...summary, ...(recovered ? { recovered } : {}), ...(running ? { running } : {}) }, null, 2)}\n`,
    );
    return;
  }
  if (recovered)
    io.out(
      `unfinished deploy ${recovered.deployId} (pid ${recovered.pid}, stopped in "${recovered.phase}") rolled back${recovered.restoredBackup ? `: backup ${recovered.restoredBackup} restored` : ''}\n`,
    );
  if (running) io.out(`${running}\n`);
  printSummary(summary, io);
}

export const envCommand: CliCommand = {
  name: 'env',
  register(program, io, setExit) {
    const env = program
      .command('env')
      .description('long-lived Odoo environments (staging, production) on this host');
    addEnvironmentFlags(
      env
        .command('up <name>')
        .description('create or start environment NAME (PostgreSQL and filestore on volumes, Odoo serving)'),
    ).action(async (name: string, flags: EnvironmentFlags) => {
      const context = await environmentContext(name, flags, io);
      printSummary(
        await environmentUp(
          context.driver,
          context.settings,
          context.files,
          context.logger,
          context.environment,
        ),
        io,
      );
      setExit(ExitCode.ok);
    });
    addEnvironmentFlags(
      env
        .command('status <name>')
        .description('what runs and what is deployed; rolls back a deploy that was killed')
        .option('--json', 'print JSON'),
    ).action(async (name: string, flags: EnvironmentFlags & { json?: boolean }) => {
      await status(name, flags, io);
      setExit(ExitCode.ok);
    });
    addEnvironmentFlags(
      env.command('logs <name>').description("the log of the environment's Odoo server"),
    ).action(async (name: string, flags: EnvironmentFlags) => {
      readEnvironment(name, flags, io);
      const driver = await discoverEngine({ explicit: flags.engine, env: io.env });
      io.out(await environmentLogs(driver, name));
      setExit(ExitCode.ok);
    });
    addEnvironmentFlags(
      env
        .command('down <name>')
        .description('stop environment NAME; its data volume stays unless --purge')
        .option('--purge', 'also remove its database, filestore and state'),
    ).action(async (name: string, flags: EnvironmentFlags & { purge?: boolean }) => {
      const context = await environmentContext(name, flags, io);
      await environmentDown(context.driver, context.files, { purge: flags.purge ?? false });
      io.out(`environment ${name} is down${flags.purge ? ' and its data removed' : ' (data kept)'}\n`);
      setExit(ExitCode.ok);
    });
    registerEnvironmentDataCommands(env, io, setExit);
  },
};
