import type { Command } from 'commander';
import { ForgeError } from '../../core/errors/forge-error.js';
import { copyEnvironment } from '../../runner/deploy/copy-environment.js';
import { rollbackEnvironment } from '../../runner/deploy/rollback-environment.js';
import { environmentStore } from '../../runner/environments/environment-context.js';
import { environmentStack } from '../../runner/environments/environment-stack.js';
import type { CaughtMail } from '../../runner/mail/caught-mail.js';
import { environmentMailFolder, listEnvironmentMails } from '../../runner/mail/environment-mail-catcher.js';
import { ExitCode, type CliIo, type ExitCodeValue } from '../cli-io.js';
import { addEnvironmentFlags, environmentContext, readEnvironment, type EnvironmentFlags } from './env.js';

interface JsonFlag extends EnvironmentFlags {
  json?: boolean;
  lockTimeout: string;
}

function lockTimeoutMs(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new ForgeError('input.lock-timeout', `--lock-timeout ${value} is not a number of seconds`, {
      hint: 'give seconds, e.g. --lock-timeout 600',
    });
  return seconds * 1000;
}

function mailLine(mail: CaughtMail): string {
  return `${mail.id}\t${mail.receivedAt}\t${mail.from} -> ${mail.envelopeTo.join(', ')}\t${mail.subject}`;
}

/** `env mails`, `env copy` and `env rollback`: the subcommands that read or replace an environment's data. */
export function registerEnvironmentDataCommands(
  env: Command,
  io: CliIo,
  setExit: (code: ExitCodeValue) => void,
): void {
  addEnvironmentFlags(
    env
      .command('mails <name>')
      .description("the mails environment NAME's mail catcher kept (none of them left the host)")
      .option('--json', 'print JSON'),
  ).action(async (name: string, flags: EnvironmentFlags & { json?: boolean }) => {
    const context = await environmentContext(name, flags, io);
    const stack = environmentStack(context.driver, context.settings, name, [], context.logger);
    const mails = await listEnvironmentMails(await environmentMailFolder(context.driver, stack));
    if (flags.json) io.out(`${JSON.stringify(mails, null, 2)}\n`);
    else io.out(mails.length === 0 ? `no mail caught in ${name}\n` : `${mails.map(mailLine).join('\n')}\n`);
    setExit(ExitCode.ok);
  });
  addEnvironmentFlags(
    env
      .command('copy <source> <target>')
      .description(
        "restore SOURCE's latest drill-passed backup into TARGET, neutralize it and send its mail to TARGET's catcher",
      )
      .option('--backup <id>', "the source's backup to copy (default: latest with a passed drill)")
      .option('--lock-timeout <seconds>', 'how long to wait for a running deploy', '600')
      .option('--json', 'print JSON'),
  ).action(async (source: string, target: string, flags: JsonFlag & { backup?: string }) => {
    if (source === target)
      throw new ForgeError(
        'input.copy-same',
        `env copy ${source} ${target}: an environment cannot be copied onto itself`,
        {
          hint: 'e.g. odoo-forge env copy production staging',
        },
      );
    const sourceStore = environmentStore(source, readEnvironment(source, flags, io), io.env);
    const context = await environmentContext(target, flags, io);
    const result = await copyEnvironment({
      target: context,
      sourceName: source,
      sourceStore,
      lockTimeoutMs: lockTimeoutMs(flags.lockTimeout),
      ...(flags.backup ? { backupId: flags.backup } : {}),
    });
    if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.out(
        `${result.outcome === 'copied' ? 'COPIED' : 'FAILED, restored'}: ${source} backup ${result.copiedBackup} into ${target} in ${result.seconds.toFixed(1)} s (${target} was backed up first: ${result.safetyBackup})\n`,
      );
      for (const problem of result.problems) io.out(`  problem: ${problem}\n`);
      io.out(`  url: ${result.url}\n`);
    }
    setExit(result.outcome === 'copied' ? ExitCode.ok : ExitCode.failed);
  });
  addEnvironmentFlags(
    env
      .command('rollback <name>')
      .description('restore the backup taken before the last deploy of NAME and serve the release before it')
      .option('--lock-timeout <seconds>', 'how long to wait for a running deploy', '600')
      .option('--json', 'print JSON'),
  ).action(async (name: string, flags: JsonFlag) => {
    const context = await environmentContext(name, flags, io);
    const result = await rollbackEnvironment({ ...context, lockTimeoutMs: lockTimeoutMs(flags.lockTimeout) });
    if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else
      io.out(
        `deploy ${result.deployId} rolled back: backup ${result.restoredBackup} restored in ${result.seconds.toFixed(1)} s (the state before it: backup ${result.safetyBackup})\n  url: ${result.url}\n`,
      );
    setExit(ExitCode.ok);
  });
}
