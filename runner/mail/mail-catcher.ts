import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from '../logger.js';
import { listCaughtMails, MAIL_INDEX, type CaughtMail } from './caught-mail.js';
import { describeMail } from './describe-mail.js';

export interface MailCatcher {
  host: string;
  port: number;
  dir: string;
  /** What was caught so far (read from the folder). */
  mails(): CaughtMail[];
  /** Resolves once `count` mails were caught, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  dir: string;
  /** Loopback by default; `0.0.0.0` to catch what a container sends. */
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  logger: Logger;
  /** Largest message accepted, bytes (default 25 MiB). */
  maxBytes?: number;
}

function envelopeAddress(address: SMTPServerAddress | false): string {
  return address ? address.address : '';
}

/** Turns raw message bytes into the index entry, and writes the .eml and the index. */
async function keep(
  dir: string,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  sequence: number,
): Promise<CaughtMail> {
  const id = `${String(sequence).padStart(4, '0')}-${randomBytes(3).toString('hex')}`;
  const file = `${id}.eml`;
  writeFileSync(join(dir, file), raw);
  const mail = await describeMail(raw, {
    id,
    file,
    receivedAt: new Date().toISOString(),
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
  });
  const index = [...listCaughtMails(dir), mail];
  const temporary = join(dir, `.${MAIL_INDEX}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(index, null, 2)}\n`);
  renameSync(temporary, join(dir, MAIL_INDEX));
  return mail;
}

/**
 * An SMTP server that delivers nothing: every message Odoo (or anything else) sends is kept in
 * `dir` as an `.eml` file and listed in `index.json`. AUTH is accepted with any credentials and
 * STARTTLS is not offered, so Odoo's mail server records work as they are, minus encryption.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const { dir, logger } = options;
  mkdirSync(dir, { recursive: true });
  let sequence = listCaughtMails(dir).length;
  let chain: Promise<unknown> = Promise.resolve();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: options.maxBytes ?? 25 * 1024 * 1024,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: envelopeAddress(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        // One message at a time, so that the index is never written by two at once.
        chain = chain
          .then(() => keep(dir, Buffer.concat(chunks), envelope, ++sequence))
          .then(
            (mail) => {
              logger.info(
                `mail catcher: kept "${mail.subject}" for ${mail.envelopeTo.join(', ')} (${mail.file})`,
              );
              for (const wake of waiters) wake();
              callback();
            },
            (error: unknown) => callback(error as Error),
          );
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    dir,
    mails: () => listCaughtMails(dir),
    waitFor: (count, timeoutMs) =>
      new Promise((done, fail) => {
        const check = (): void => {
          const mails = listCaughtMails(dir);
          if (mails.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          done(mails);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(
            new Error(
              `mail catcher on port ${port}: ${listCaughtMails(dir).length} of ${count} mails after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
