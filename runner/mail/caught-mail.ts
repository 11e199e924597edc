import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';

/** One message the catcher kept, as listed in its `index.json`. */
export interface CaughtMail {
  /** `0001-<random>`: the order of arrival, and the name of its `.eml` file. */
  id: string;
  file: string;
  receivedAt: string;
  /** The SMTP envelope: who Odoo said it sends for and the recipients it gave. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** From the parsed message headers. */
  from: string;
  to: string[];
  subject: string;
  messageId?: string;
  bytes: number;
  /** The plain-text body (or the HTML reduced to text), cut to 2,000 characters. */
  text: string;
  attachments: { filename: string; contentType: string; bytes: number }[];
}

export const MAIL_INDEX = 'index.json';

/** The mails a catcher kept in `dir`, in order of arrival (none when it caught nothing yet). */
export function listCaughtMails(dir: string): CaughtMail[] {
  const index = join(dir, MAIL_INDEX);
  if (!existsSync(index)) {
    if (!existsSync(dir)) {
      throw new ForgeError('input.mail-dir', `mail folder ${dir} does not exist`, {
        hint: 'pass the folder the mail catcher writes to (--dir)',
      });
    }
    return [];
  }
  return JSON.parse(readFileSync(index, 'utf8')) as CaughtMail[];
}
