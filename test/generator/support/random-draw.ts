import fc from 'fast-check';
import type { FieldSpec, FieldType, ModelSpec } from '../../../core/spec/module-spec.js';

/** Drawing helpers and vocabularies of the random spec builder (see random-spec.ts). */

type Gen = fc.GeneratorValue;

/** Small drawing helpers over fast-check's generator. */
export class Draw {
  constructor(private readonly g: Gen) {}

  int(min: number, max: number): number {
    // One arbitrary for every range: the generator caches one per distinct argument list.
    return min + (this.g(fc.nat, 0x7fffffff) % (max - min + 1));
  }

  /** True with `percent` % probability; shrinks to false (a smaller spec). */
  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A random subset of `items` (order kept), of size between min and max. */
  subset<T>(items: readonly T[], min = 0, max = items.length): T[] {
    const size = this.int(Math.min(min, items.length), Math.min(max, items.length));
    // Drawn index by index (not with fc.shuffledSubarray): the generator caches an arbitrary
    // per distinct argument list, and lists of field names are all distinct.
    const rest = items.map((_, index) => index);
    const chosen = new Set<number>();
    for (let i = 0; i < size; i += 1) chosen.add(rest.splice(this.int(0, rest.length - 1), 1)[0] as number);
    return items.filter((_, index) => chosen.has(index));
  }

  /** A random identifier matching ^[a-z][a-z0-9_]{0,10}$. */
  identifier(): string {
    const rest = Array.from({ length: this.int(0, 10) }, () =>
      IDENTIFIER_CHARS.charAt(this.int(0, IDENTIFIER_CHARS.length - 1)),
    );
    return `${IDENTIFIER_CHARS.charAt(this.int(0, 25))}${rest.join('')}`;
  }
}

const IDENTIFIER_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** Texts that stress escaping in Python, XML, CSV and RST (labels, help, messages, titles). */
export const TEXTS = [
  'Plain text',
  'Ampersand & Co',
  'Less <than> more',
  'Quote "double"',
  "Quote 'single'",
  'Back\\slash',
  'Ünïcödé – ✓ 名前',
  'Tab\there',
  'Brace {x} and [y]',
  "Mixed '\"' quotes",
  'Comma, separated; "csv"',
  'Trailing dash -',
  'Two -- dashes',
  '# hash',
];

export const MODEL_WORDS = [
  'item',
  'line',
  'tag',
  'stage',
  'ticket',
  'order',
  'task',
  'batch',
  'course',
  'asset',
  'visit',
  'slot',
];
export const MODULE_WORDS = ['fleet', 'clinic', 'garden', 'archive', 'repair', 'studio', 'kitchen'];

export const NAMES: Record<Exclude<FieldType, 'many2one' | 'one2many' | 'many2many'>, string[]> = {
  char: ['name', 'code', 'reference', 'title', 'email', 'phone'],
  text: ['description', 'note', 'comment'],
  html: ['body', 'content', 'notes'],
  integer: ['sequence', 'color', 'quantity', 'pages', 'level'],
  float: ['weight', 'hours', 'ratio', 'duration'],
  monetary: ['price', 'amount', 'cost'],
  boolean: ['active', 'done', 'is_public', 'blocked'],
  date: ['date', 'date_start', 'date_end', 'deadline'],
  datetime: ['opened_on', 'closed_at', 'scheduled'],
  selection: ['state', 'stage', 'priority', 'kind'],
  binary: ['attachment', 'file_data'],
  image: ['image', 'photo', 'logo'],
};

export const SCALAR_TYPES = Object.keys(NAMES) as (keyof typeof NAMES)[];
export const EXTERNAL_COMODELS = ['res.partner', 'res.users', 'res.currency'];
export const EXTERNAL_REFS: Record<string, string> = {
  'res.partner': 'base.partner_admin',
  'res.users': 'base.user_admin',
  'res.currency': 'base.EUR',
};
export const SELECTION_KEYS = [
  ['draft', 'confirmed', 'done', 'cancel'],
  ['0', '1', '2', '3'],
  ['low', 'high'],
  ['new', 'in_progress', '1', 'closed'],
];
export const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'float', 'monetary']);
export const NOT_GROUPABLE: ReadonlySet<FieldType> = new Set([
  'one2many',
  'many2many',
  'binary',
  'image',
  'html',
  'text',
]);

/** A model under construction: its spec plus the names and labels already taken. */
export interface ModelDraft {
  spec: ModelSpec;
  word: string;
  table: string;
  names: Set<string>;
  labels: Set<string>;
  mailThread: boolean;
}

/** Whether a field has a column (the validator's rule: binary and image live in attachments). */
export function hasColumn(field: FieldSpec): boolean {
  if (['one2many', 'many2many', 'binary', 'image'].includes(field.type)) return false;
  if (field.related !== undefined) return field.store === true;
  if (field.compute !== undefined) return field.store !== false;
  return true;
}

export function isPlain(field: FieldSpec): boolean {
  return field.compute === undefined && field.related === undefined;
}

/** A deep copy without `undefined` values (YAML would write them as null). */
export function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
