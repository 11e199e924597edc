import type { Command } from 'commander';
import { listCaughtMails, type CaughtMail } from '../../runner/mail/caught-mail.js';
import { startMailCatcher } from '../../runner/mail/mail-catcher.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface MailsOptions {
  dir: string;
  json?: boolean;
  serve?: boolean;
  host: string;
  port: string;
}

function line(mail: CaughtMail): string {
  const attachments = mail.attachments.length > 0 ? `\t${mail.attachments.length} attachments` : '';
  return `${mail.id}\t${mail.receivedAt}\t${mail.from} -> ${mail.envelopeTo.join(', ')}\t${mail.subject}${attachments}`;
}

async function serve(options: MailsOptions, io: CliIo): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ForgeError('input.mail-port', `--port ${options.port} is not a port number`, {
      hint: 'pass 0..65535 (0: any free port)',
    });
  }
  const catcher = await startMailCatcher({
    dir: options.dir,
    host: options.host,
    port,
    logger: { info: (m) => io.err(`${m}\n`), warn: (m) => io.err(`warning: ${m}\n`), debug: () => {} },
  });
  io.out(`mail catcher listening on ${catcher.host}:${catcher.port}, keeping mail in ${catcher.dir}\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      void catcher.stop().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export const mailsCommand: CliCommand = {
  name: 'mails',
  register(program: Command, io: CliIo, setExit): void {
    program
      .command('mails')
      .description('The mails a mail catcher kept (what a test or staging Odoo sent; nothing leaves)')
      .option(
        '--dir <dir>',
        "the catcher's folder (default: $FORGE_MAIL_DIR, else ./mails)",
        io.env.FORGE_MAIL_DIR ?? 'mails',
      )
      .option('--json', 'as JSON')
      .option('--serve', 'run a mail catcher on --host:--port that keeps mail in --dir, until interrupted')
      .option('--host <host>', 'address to listen on with --serve', '127.0.0.1')
      .option('--port <port>', 'SMTP port with --serve (0: a free one)', '1025')
      .action(async (options: MailsOptions) => {
        if (options.serve) {
          await serve(options, io);
        } else {
          const mails = listCaughtMails(options.dir);
          if (options.json) io.out(`${JSON.stringify(mails, null, 2)}\n`);
          else io.out(mails.length === 0 ? `no mail in ${options.dir}\n` : `${mails.map(line).join('\n')}\n`);
        }
        setExit(ExitCode.ok);
      });
  },
};
