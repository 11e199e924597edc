import { simpleParser, type AddressObject } from 'mailparser';
import type { CaughtMail } from './caught-mail.js';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((a) => a.address ?? a.name)).filter((a) => a !== '');
}

/** What the index of a catcher says of one kept message, parsed from its raw bytes. */
export async function describeMail(
  raw: Buffer,
  kept: { id: string; file: string; receivedAt: string; envelopeFrom: string; envelopeTo: string[] },
): Promise<CaughtMail> {
  const parsed = await simpleParser(raw);
  const text = (
    parsed.text ?? (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]+>/g, ' ') : '')
  ).trim();
  return {
    ...kept,
    from: addresses(parsed.from)[0] ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    bytes: raw.length,
    text: text.slice(0, 2000),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      bytes: a.size,
    })),
  };
}
