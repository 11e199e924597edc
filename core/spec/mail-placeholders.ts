/**
 * The `{{ field }}` placeholders of a mail template's subject and body (ModuleSpec 1.1
 * `mail_templates`): text and field names, parsed here so a placeholder is checked against the
 * model's fields and never pasted into the template as code.
 */
export type MailPart = { text: string } | { field: string };

export type MailParse = { ok: true; parts: MailPart[] } | { ok: false; problem: string };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const FIELD = /^[a-z][a-z0-9_]*$/;

export function parseMailText(source: string): MailParse {
  const parts: MailPart[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const inner = (match[1] ?? '').trim();
    if (!FIELD.test(inner)) {
      const bare = inner.replace(/^object\./, '');
      return {
        ok: false,
        problem: FIELD.test(bare)
          ? `placeholder {{ ${inner} }}: write the field name alone, {{ ${bare} }} (the record is implied)`
          : `placeholder {{ ${inner} }} is not a field name: write {{ field }} with a field of the model`,
      };
    }
    if (match.index > last) parts.push({ text: source.slice(last, match.index) });
    parts.push({ field: inner });
    last = match.index + match[0].length;
  }
  const rest = source.slice(last);
  if (
    rest.includes('{{') ||
    rest.includes('}}') ||
    parts.some((part) => 'text' in part && /\{\{|\}\}/.test(part.text))
  )
    return { ok: false, problem: 'an unbalanced {{ or }}: write each placeholder as {{ field }}' };
  if (rest.length > 0) parts.push({ text: rest });
  return { ok: true, parts };
}

/** The field names a text's placeholders name (none when it does not parse). */
export function mailFields(source: string): string[] {
  const parsed = parseMailText(source);
  return parsed.ok ? parsed.parts.flatMap((part) => ('field' in part ? [part.field] : [])) : [];
}

/** Field types a placeholder may show: plain values and a many2one (its display name). */
export const PLACEHOLDER_TYPES: ReadonlySet<string> = new Set([
  'char',
  'text',
  'integer',
  'float',
  'monetary',
  'selection',
  'date',
  'datetime',
  'many2one',
]);
