import fc from 'fast-check';
import { fieldLabel, MAGIC_FIELD_LABELS } from '../../../core/odoo/field-label.js';
import { KNOWN_MIXINS, PYTHON_KEYWORDS, RESERVED_FIELD_NAMES } from '../../../core/odoo/mixins.js';
import { ODOO_LICENSES, ODOO_SERIES, type TestValue } from '../../../core/spec/module-spec-schema.js';
import type { FieldSpec, FieldType, ModelSpec, ModuleSpec, SpecTest } from '../../../core/spec/module-spec.js';
import { ORM_MEMBER_NAMES } from '../../../core/spec/references/orm-method-names.js';

/**
 * Random VALID module specs for property tests, built with fast-check's `fc.gen()` so that a
 * seed gives the same specs. Every choice keeps the spec valid by construction (names that
 * are not reserved, labels unique per model, inverse many2one fields, currencies, stored
 * columns in constraints, …); the test still runs each spec through `parseSpec`, so a spec
 * this builder gets wrong is reported, never silently skipped.
 */
export function randomSpecArbitrary(): fc.Arbitrary<ModuleSpec> {
  return fc.gen().map((g) => new SpecBuilder(new Draw(g)).build());
}

type Gen = fc.GeneratorValue;

/** Small drawing helpers over fast-check's generator. */
class Draw {
  constructor(private readonly g: Gen) {}

  int(min: number, max: number): number {
    // One arbitrary for every range: the generator caches one per distinct argument list.
    return min + (this.g(fc.nat, 0x7fffffff) % (max - min + 1));
  }

  /** True with `percent` % probability. */
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
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
    const rest = Array.from({ length: this.int(0, 10) }, () => IDENTIFIER_CHARS.charAt(this.int(0, IDENTIFIER_CHARS.length - 1)));
    return `${IDENTIFIER_CHARS.charAt(this.int(0, 25))}${rest.join('')}`;
  }
}

const IDENTIFIER_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** Texts that stress escaping in Python, XML, CSV and RST (labels, help, messages, titles). */
const TEXTS = [
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

const MODEL_WORDS = ['item', 'line', 'tag', 'stage', 'ticket', 'order', 'task', 'batch', 'course', 'asset', 'visit', 'slot'];
const MODULE_WORDS = ['fleet', 'clinic', 'garden', 'archive', 'repair', 'studio', 'kitchen'];

const NAMES: Record<Exclude<FieldType, 'many2one' | 'one2many' | 'many2many'>, string[]> = {
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

const SCALAR_TYPES = Object.keys(NAMES) as (keyof typeof NAMES)[];
const EXTERNAL_COMODELS = ['res.partner', 'res.users', 'res.currency'];
const EXTERNAL_REFS: Record<string, string> = { 'res.partner': 'base.partner_admin', 'res.users': 'base.user_admin', 'res.currency': 'base.EUR' };
const SELECTION_KEYS = [
  ['draft', 'confirmed', 'done', 'cancel'],
  ['0', '1', '2', '3'],
  ['low', 'high'],
  ['new', 'in_progress', '1', 'closed'],
];
const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'float', 'monetary']);
const NOT_GROUPABLE: ReadonlySet<FieldType> = new Set(['one2many', 'many2many', 'binary', 'image', 'html', 'text']);

/** A model under construction: its spec plus the names and labels already taken. */
interface ModelDraft {
  spec: ModelSpec;
  word: string;
  table: string;
  names: Set<string>;
  labels: Set<string>;
  mailThread: boolean;
}

/** Whether a field has a column (the validator's rule: binary and image live in attachments). */
function hasColumn(field: FieldSpec): boolean {
  if (['one2many', 'many2many', 'binary', 'image'].includes(field.type)) return false;
  if (field.related !== undefined) return field.store === true;
  if (field.compute !== undefined) return field.store !== false;
  return true;
}

function isPlain(field: FieldSpec): boolean {
  return field.compute === undefined && field.related === undefined;
}

class SpecBuilder {
  private readonly models: ModelDraft[] = [];
  private spec!: ModuleSpec;

  constructor(private readonly d: Draw) {}

  build(): ModuleSpec {
    const d = this.d;
    const moduleName = `${d.pick(MODULE_WORDS)}_${d.int(1, 999)}`;
    const prefix = d.pick(['forge', 'acme', 'forge_demo']);
    const words = d.subset(MODEL_WORDS, 1, 5);
    const titles = new Set<string>();
    for (const word of words) {
      const mixins = d.pick([[], [], ['mail.thread'], ['mail.thread', 'mail.activity.mixin'], ['mail.activity.mixin']]);
      let title = d.chance(30) ? `${d.pick(TEXTS)} ${word}` : word.charAt(0).toUpperCase() + word.slice(1);
      while (titles.has(title)) title = `${title} ${titles.size}`;
      titles.add(title);
      const names = new Set<string>();
      const labels = new Set<string>(Object.values(MAGIC_FIELD_LABELS));
      for (const mixin of mixins) {
        for (const [name, label] of Object.entries(KNOWN_MIXINS[mixin]?.fields ?? {})) {
          names.add(name);
          labels.add(label);
        }
      }
      const name = d.chance(20) ? `${prefix}.${word}.entry` : `${prefix}.${word}`;
      this.models.push({ spec: { name, title, mixins: mixins.length > 0 ? [...mixins] : undefined, fields: {} }, word, table: name.replace(/\./g, '_'), names, labels, mailThread: mixins.includes('mail.thread') });
    }
    const mail = this.models.some((model) => (model.spec.mixins ?? []).length > 0);
    this.spec = {
      spec_version: 1,
      odoo: d.pick(ODOO_SERIES),
      module: {
        name: moduleName,
        title: d.chance(40) ? `${d.pick(TEXTS)} module` : moduleName.replace(/_/g, ' '),
        summary: d.chance(50) ? d.pick(TEXTS) : undefined,
        description: d.chance(30) ? `${d.pick(TEXTS)}\n\n${d.pick(TEXTS)}\n` : undefined,
        category: d.chance(50) ? 'Services/Forge' : undefined,
        version: d.chance(50) ? `${d.int(0, 3)}.${d.int(0, 9)}.${d.int(0, 20)}` : undefined,
        license: d.chance(60) ? d.pick(ODOO_LICENSES) : undefined,
        author: d.chance(50) ? d.pick(TEXTS) : undefined,
        website: d.chance(30) ? 'https://example.com/forge' : undefined,
        depends: mail || d.chance(20) ? ['mail'] : undefined,
        application: d.chance(50) ? d.chance(50) : undefined,
      },
    };
    for (const model of this.models) this.addScalarFields(model);
    for (const model of this.models) this.addRelations(model);
    for (const model of this.models) this.addComputedAndRelated(model);
    for (const model of this.models) {
      this.addConstraints(model);
      this.addWorkflow(model);
      this.addViews(model);
      this.addRecNameAndOrder(model);
    }
    this.spec.models = this.models.map((model) => model.spec);
    if (d.chance(30)) this.addExtension();
    if (d.chance(50)) this.addMenus();
    if (d.chance(50)) this.addSecurity();
    if (d.chance(40)) this.addDemo();
    if (d.chance(60)) this.addTests();
    return dropUndefined(this.spec);
  }

  // Fields ------------------------------------------------------------------------------------

  /** A free name from `stem` (+ `suffix`), neither reserved nor already used on the model. */
  private freeName(model: ModelDraft, stem: string, suffix = ''): string {
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? `${stem}${suffix}` : `${stem}_${n}${suffix}`;
      const taken = model.names.has(name) || RESERVED_FIELD_NAMES.has(name) || PYTHON_KEYWORDS.has(name) || ORM_MEMBER_NAMES.has(name);
      // x_ names are Odoo's for fields made in its interface (Studio).
      if (!taken && /^[a-z][a-z0-9_]*$/.test(name) && !name.startsWith('x_')) return name;
    }
  }

  /** Adds a field under a free name, giving it a unique label (sometimes an odd one). */
  private addField(model: ModelDraft, stem: string, field: FieldSpec, suffix = ''): string {
    const name = this.freeName(model, stem, suffix);
    if (field.string === undefined && this.d.chance(15)) field.string = this.d.pick(TEXTS);
    let label = field.string ?? fieldLabel(name);
    for (let n = 2; model.labels.has(label); n += 1) label = `${field.string ?? fieldLabel(name)} (${n})`;
    if (label !== (field.string ?? fieldLabel(name))) field.string = label;
    model.names.add(name);
    model.labels.add(label);
    model.spec.fields[name] = field;
    return name;
  }

  private stem(type: keyof typeof NAMES): string {
    const d = this.d;
    if (d.chance(25)) {
      const random = d.identifier();
      if (!/_ids?$/.test(random)) return random;
    }
    return d.pick(NAMES[type]);
  }

  private addScalarFields(model: ModelDraft): void {
    const d = this.d;
    if (d.chance(60)) this.addField(model, 'name', { type: 'char', required: d.chance(60) ? true : undefined, translate: d.chance(20) ? true : undefined });
    const count = d.int(1, 7);
    for (let i = 0; i < count; i += 1) {
      const type = d.chance(15) ? 'many2one' : d.pick(SCALAR_TYPES);
      if (type === 'many2one') {
        const comodel = d.pick(EXTERNAL_COMODELS);
        this.addField(model, comodel === 'res.currency' ? 'other_currency' : comodel === 'res.users' ? 'user' : 'partner', this.many2one(comodel, d.chance(25), model.mailThread), '_id');
        continue;
      }
      if (type === 'monetary') this.ensureCurrency(model);
      const field = this.scalarField(model, type);
      this.addField(model, this.stem(type), field);
    }
  }

  private ensureCurrency(model: ModelDraft): void {
    if (model.spec.fields['currency_id']) return;
    this.addField(model, 'currency', { type: 'many2one', comodel: 'res.currency', default: this.d.chance(60) ? 'company_currency' : undefined }, '_id');
  }

  private many2one(comodel: string, required: boolean, tracking: boolean): FieldSpec {
    const d = this.d;
    const field: FieldSpec = { type: 'many2one', comodel, required: required ? true : undefined };
    if (d.chance(50)) field.ondelete = required ? d.pick(['restrict', 'cascade'] as const) : d.pick(['set null', 'restrict', 'cascade'] as const);
    if (comodel === 'res.users' && d.chance(40)) field.default = 'current_user';
    if (comodel === 'res.currency' && d.chance(40)) field.default = 'company_currency';
    if (d.chance(20)) field.index = true;
    if (tracking && d.chance(30)) field.tracking = true;
    return field;
  }

  /** A plain (stored, settable) field of a scalar type with random optional attributes. */
  private scalarField(model: ModelDraft, type: keyof typeof NAMES): FieldSpec {
    const d = this.d;
    const field: FieldSpec = { type };
    if (type === 'selection') {
      const keys = d.subset(d.pick(SELECTION_KEYS), 1);
      field.options = Object.fromEntries(keys.map((key) => [key, d.chance(20) ? `${d.pick(TEXTS)} ${key}` : key.replace(/_/g, ' ').toUpperCase() || key]));
    }
    if (d.chance(25) && type !== 'binary' && type !== 'image') field.required = true;
    if (d.chance(15)) field.readonly = true;
    if (d.chance(15) && type !== 'binary' && type !== 'image') field.index = true;
    if (d.chance(20)) field.help = d.pick([...TEXTS, 'Two\nlines']);
    if (d.chance(15)) field.copy = d.chance(50);
    if ((type === 'char' || type === 'text' || type === 'html') && d.chance(20)) field.translate = true;
    if (model.mailThread && d.chance(30) && type !== 'binary' && type !== 'image' && type !== 'html') field.tracking = true;
    if ((type === 'float' || type === 'monetary') && d.chance(30)) field.digits = [d.int(1, 20), d.int(0, 6)];
    if (type === 'image' && d.chance(40)) {
      field.max_width = d.pick([128, 256, 1024]);
      field.max_height = d.pick([128, 256, 1024]);
    }
    if (d.chance(40)) {
      const value = this.value(field, true);
      if (value !== undefined) field.default = value;
    }
    return field;
  }

  /** A literal value that fits the field (a default when `asDefault`, which also allows tokens). */
  private value(field: FieldSpec, asDefault = false): string | number | boolean | undefined {
    const d = this.d;
    switch (field.type) {
      case 'char':
      case 'text':
        return d.pick(['New', '', '0', ...TEXTS]);
      case 'html':
        return d.pick(['<p>Hello</p>', '<p>a &amp; b</p>', 'plain']);
      case 'integer':
        return d.pick([0, 1, -5, 10, 2147483647]);
      case 'float':
      case 'monetary':
        return d.pick([0, 1.5, -2.25, 10, 1e-7]);
      case 'boolean':
        return d.chance(50);
      case 'date':
        return asDefault && d.chance(40) ? 'today' : d.pick(['2024-01-10', '2024-02-29', '1999-12-31']);
      case 'datetime':
        return asDefault && d.chance(40) ? 'now' : d.pick(['2024-01-10 10:00:00', '2024-02-29 23:59:59']);
      case 'selection': {
        const key = d.pick(Object.keys(field.options ?? {}));
        return d.chance(10) && /^\d+$/.test(key) ? Number(key) : key;
      }
      default:
        return undefined;
    }
  }

  private addRelations(model: ModelDraft): void {
    const d = this.d;
    const relations = d.int(0, 3);
    for (let i = 0; i < relations; i += 1) {
      const target = d.pick(this.models);
      const kind = d.pick(['many2one', 'one2many', 'many2many'] as const);
      if (kind === 'many2one') {
        this.addField(model, target.word, this.many2one(target.spec.name, target !== model && d.chance(20), model.mailThread), '_id');
      } else if (kind === 'one2many') {
        const required = target !== model && d.chance(40);
        const inverse = this.addField(target, model.word === target.word ? 'parent' : model.word, { ...this.many2one(model.spec.name, required, target.mailThread), ...(required ? { ondelete: 'cascade' as const } : {}) }, '_id');
        this.addField(model, target.word, { type: 'one2many', comodel: target.spec.name, inverse, copy: d.chance(20) ? true : undefined }, '_ids');
      } else {
        const comodel = d.chance(50) ? target.spec.name : d.pick(['res.partner', 'res.users']);
        this.addField(model, comodel.split('.').pop() ?? 'other', { type: 'many2many', comodel }, '_ids');
      }
    }
  }

  private addComputedAndRelated(model: ModelDraft): void {
    const d = this.d;
    const fields = Object.entries(model.spec.fields);
    for (const [name, field] of fields) {
      if ((field.type === 'one2many' || field.type === 'many2many') && d.chance(60)) {
        this.addField(model, `${name.replace(/_ids$/, '')}_count`, { type: 'integer', compute: { count: name }, store: d.chance(30) ? false : undefined });
      }
      if (field.type === 'one2many' && d.chance(60)) {
        const lines = this.models.find((other) => other.spec.name === field.comodel);
        const numeric = Object.entries(lines?.spec.fields ?? {}).filter(([, other]) => NUMERIC.has(other.type));
        if (numeric.length > 0) {
          const [of] = d.pick(numeric);
          this.addField(model, `total_${of}`, { type: d.pick(['float', 'integer'] as const), compute: { sum: name, of }, store: d.chance(30) ? false : undefined });
        }
      }
      if (field.type === 'many2one' && isPlain(field) && d.chance(50)) {
        const target = this.models.find((other) => other.spec.name === field.comodel);
        const stem = name.replace(/_id$/, '');
        if (!target) {
          if (field.comodel === 'res.partner') this.addField(model, `${stem}_email`, { type: 'char', related: `${name}.email` });
          continue;
        }
        const candidates = Object.entries(target.spec.fields).filter(([, other]) => ['char', 'integer', 'float', 'boolean', 'date', 'selection', 'many2one'].includes(other.type));
        if (candidates.length === 0) continue;
        const [targetName, targetField] = d.pick(candidates);
        const related: FieldSpec = { type: targetField.type, related: `${name}.${targetName}`, store: d.chance(40) ? true : undefined };
        if (targetField.options) related.options = { ...targetField.options };
        if (targetField.comodel) related.comodel = targetField.comodel;
        this.addField(model, `${stem}_${targetName.replace(/_id$/, '')}`, related, targetField.type === 'many2one' ? '_id' : '');
      }
    }
  }

  // Model rules -------------------------------------------------------------------------------

  private columns(model: ModelDraft, keep: (field: FieldSpec) => boolean = () => true): string[] {
    return Object.entries(model.spec.fields)
      .filter(([, field]) => hasColumn(field) && keep(field))
      .map(([name]) => name);
  }

  private addConstraints(model: ModelDraft): void {
    const d = this.d;
    const constraints: NonNullable<ModelSpec['constraints']> = [];
    const names = new Set<string>();
    const named = () => {
      if (!d.chance(30)) return undefined;
      const name = `${d.identifier()}_check`;
      if (names.has(name)) return undefined;
      names.add(name);
      return name;
    };
    const uniqueable = this.columns(model, (field) => ['char', 'integer', 'date', 'many2one', 'selection'].includes(field.type));
    if (uniqueable.length > 0 && d.chance(40)) constraints.push({ unique: d.subset(uniqueable, 1, 2), message: d.pick(TEXTS), name: named() });
    const checks = d.int(0, 2);
    for (let i = 0; i < checks; i += 1) {
      const check = this.checkExpression(model);
      if (check) constraints.push({ check, message: d.pick(TEXTS), name: named() });
    }
    if (constraints.length > 0) model.spec.constraints = constraints;
  }

  private checkExpression(model: ModelDraft): string | undefined {
    const d = this.d;
    const numbers = this.columns(model, (field) => NUMERIC.has(field.type));
    const texts = this.columns(model, (field) => field.type === 'char');
    const dates = this.columns(model, (field) => field.type === 'date' && isPlain(field));
    const selections = this.columns(model, (field) => field.type === 'selection' && isPlain(field));
    const options: string[] = [];
    for (const x of numbers) options.push(`${x} >= 0`, `${x} > 0 OR ${x} IS NULL`, `${x} BETWEEN 0 AND 1000`, `NOT (${x} < -10)`, `${x} * 2 <= 100000`);
    for (const x of texts) options.push(`length(${x}) > 1`, `${x} <> 'forbidden'`, `${x} ILIKE '%x%'`);
    if (dates.length >= 2) options.push(`${dates[1]} IS NULL OR ${dates[1]} >= ${dates[0]}`);
    for (const x of selections) {
      const keys = Object.keys(model.spec.fields[x]?.options ?? {});
      options.push(`${x} IN (${keys.map((key) => `'${key}'`).join(', ')})`, `${x} NOT IN ('${keys[0] ?? ''}x')`);
    }
    return options.length > 0 ? d.pick(options) : undefined;
  }

  private addWorkflow(model: ModelDraft): void {
    const d = this.d;
    const selections = Object.entries(model.spec.fields).filter(([, field]) => field.type === 'selection' && isPlain(field) && Object.keys(field.options ?? {}).length >= 2);
    if (selections.length === 0 || !d.chance(60)) return;
    const [field, spec] = d.pick(selections);
    const states = Object.keys(spec.options ?? {});
    const buttons = Array.from({ length: d.int(1, 3) }, (_, i) => ({
      name: `action_${d.pick(['go', 'confirm', 'reset', 'close'])}_${i + 1}`,
      label: d.chance(30) ? d.pick(TEXTS) : `Step ${i + 1}`,
      from: d.subset(states, 1, states.length - 1),
      to: d.pick(states),
    })).filter((button) => !model.names.has(button.name));
    if (buttons.length > 0) model.spec.workflow = { field, buttons };
  }

  private addViews(model: ModelDraft): void {
    const d = this.d;
    if (!d.chance(50)) return;
    const all = Object.keys(model.spec.fields);
    const views: NonNullable<ModelSpec['views']> = {};
    if (d.chance(60)) views.list = d.subset([...all, 'create_date'], 1, 6);
    if (d.chance(40)) {
      // Required fields without default must be on a custom form (or nobody could save a record).
      const required = all.filter((name) => {
        const field = model.spec.fields[name] as FieldSpec;
        return field.required === true && field.default === undefined && isPlain(field);
      });
      const chosen = d.subset(all, 1);
      const shuffled = all.filter((name) => chosen.includes(name) || required.includes(name));
      const cut = d.int(0, shuffled.length);
      const grouped = shuffled.slice(0, cut);
      const paged = shuffled.slice(cut);
      const groups = grouped.length > 0 ? [grouped.slice(0, Math.ceil(grouped.length / 2)), grouped.slice(Math.ceil(grouped.length / 2))].filter((group) => group.length > 0) : undefined;
      const pages = paged.length > 0 ? [{ label: d.pick(TEXTS), fields: paged }] : undefined;
      views.form = { groups, pages };
    }
    if (d.chance(60)) {
      const searchable = all.filter((name) => {
        const field = model.spec.fields[name] as FieldSpec;
        return !(field.compute !== undefined && field.store === false);
      });
      const groupable = this.columns(model, (field) => !NOT_GROUPABLE.has(field.type));
      const filters: Record<string, string> = {};
      for (const name of d.subset(all, 0, 3)) filters[`filter_${name}`] = this.domain(model, name);
      views.search = {
        fields: searchable.length > 0 ? d.subset(searchable, 1, 4) : undefined,
        filters: Object.keys(filters).length > 0 ? filters : undefined,
        group_by: groupable.length > 0 && d.chance(60) ? d.subset(groupable, 1, 3) : undefined,
      };
    }
    if (d.chance(50)) views.kanban = true;
    model.spec.views = views;
  }

  private domain(model: ModelDraft, name: string): string {
    const field = model.spec.fields[name] as FieldSpec;
    if (field.type === 'boolean') return `[('${name}', '=', True)]`;
    if (field.type === 'selection') return `[('${name}', '=', '${Object.keys(field.options ?? {})[0] ?? ''}')]`;
    if (field.type === 'many2one' && field.comodel === 'res.users') return `[('${name}', '=', uid)]`;
    if (field.type === 'date') return `[('${name}', '<', context_today().strftime('%Y-%m-%d'))]`;
    if (field.type === 'char') return `['|', ('${name}', 'ilike', "it's"), ('${name}', '=', False)]`;
    return `[('${name}', '!=', False)]`;
  }

  private addRecNameAndOrder(model: ModelDraft): void {
    const d = this.d;
    const chars = this.columns(model, (field) => field.type === 'char' && isPlain(field));
    if (chars.length > 0 && d.chance(30)) model.spec.rec_name = d.pick(chars);
    const ordered = this.columns(model);
    if (ordered.length > 0 && d.chance(30)) {
      model.spec.order = d
        .subset([...ordered, 'id'], 1, 2)
        .map((name) => `${name}${d.pick(['', ' asc', ' desc', ' desc nulls last'])}`)
        .join(', ');
    }
  }

  // Module-wide parts ---------------------------------------------------------------------------

  private addExtension(): void {
    const d = this.d;
    const draft: ModelDraft = { spec: { name: 'res.partner', title: 'res.partner', fields: {} }, word: 'partner', table: 'res_partner', names: new Set(), labels: new Set(), mailThread: false };
    this.addField(draft, `${this.spec.module.name}_flag`, { type: 'boolean', string: `${this.spec.module.title} flag` });
    if (d.chance(50)) this.addField(draft, 'forge_level', { type: 'integer' });
    if (d.chance(40)) {
      const target = d.pick(this.models);
      this.addField(draft, `forge_${target.word}`, { type: 'many2one', comodel: target.spec.name }, '_id');
    }
    const extension: NonNullable<ModuleSpec['extend']>[number] = { model: 'res.partner', fields: draft.spec.fields };
    if (d.chance(60)) extension.view = { ref: 'base.view_partner_form', after: d.pick(['vat', 'email', 'phone']) };
    if (draft.spec.fields['forge_level'] && d.chance(50)) extension.constraints = [{ check: 'forge_level >= 0', message: 'The level cannot be negative.' }];
    this.spec.extend = [extension];
  }

  private addMenus(): void {
    const d = this.d;
    const models = [...this.models.map((model) => model.spec.name), ...(this.spec.extend ?? []).map((extension) => extension.model)];
    const labels = new Set<string>();
    const items = d.subset(models, 1).map((model) => {
      let label = d.chance(30) ? d.pick(TEXTS) : `${model} menu`;
      while (labels.has(label)) label = `${label}+`;
      labels.add(label);
      return { model, label };
    });
    this.spec.menus = { root: d.pick(TEXTS), items };
  }

  private addSecurity(): void {
    const d = this.d;
    const groups: NonNullable<NonNullable<ModuleSpec['security']>['groups']> = {};
    const keys = d.subset(['user', 'officer', 'manager'], 0);
    keys.forEach((key, i) => {
      const implies = i > 0 && d.chance(70) ? [keys[i - 1] as string] : d.chance(20) ? ['base.group_user'] : undefined;
      groups[key] = { name: d.chance(30) ? d.pick(TEXTS) : key.toUpperCase(), implies };
    });
    const groupRefs = [...keys, 'base.group_user', 'base.group_system'];
    const security: NonNullable<ModuleSpec['security']> = {};
    if (keys.length > 0) security.groups = groups;
    if (d.chance(70)) {
      security.access = Object.fromEntries(
        this.models.map((model) => [
          model.spec.name,
          Object.fromEntries(d.subset(groupRefs, 1, 3).map((ref) => [ref, d.subset(['c', 'r', 'u', 'd'], 0).join('')])),
        ]),
      );
    }
    if (d.chance(50)) {
      security.rules = d.subset(this.models, 1, 2).map((model) => ({
        model: model.spec.name,
        groups: d.subset(groupRefs, 1, 2),
        domain: d.pick(["[(1, '=', 1)]", "[('create_uid', '=', user.id)]", this.domain(model, d.pick(Object.keys(model.spec.fields)))]),
        name: d.chance(40) ? d.pick(TEXTS) : undefined,
      }));
    }
    this.spec.security = security;
  }

  private addDemo(): void {
    const d = this.d;
    const demo: Record<string, Record<string, TestValue>[]> = {};
    const ids = new Map<string, string[]>();
    for (const model of this.models) {
      if (!d.chance(60)) continue;
      const records: Record<string, TestValue>[] = [];
      const count = d.int(1, 3);
      for (let r = 0; r < count; r += 1) {
        const values: Record<string, TestValue> = {};
        let complete = true;
        for (const [name, field] of Object.entries(model.spec.fields)) {
          if (!isPlain(field) || field.type === 'one2many' || field.type === 'many2many') continue;
          const needed = field.required === true && field.default === undefined;
          if (!needed && !d.chance(40)) continue;
          if (field.type === 'many2one') {
            const ref = EXTERNAL_REFS[field.comodel ?? ''] ?? (ids.get(field.comodel ?? '') ?? [])[0];
            if (ref !== undefined) values[name] = { ref };
            else if (needed) complete = false;
            continue;
          }
          const value = this.value(field);
          if (value !== undefined) values[name] = value;
          else if (needed) complete = false;
        }
        if (!complete) break;
        records.push(values);
      }
      if (records.length === 0) continue;
      demo[model.spec.name] = records;
      ids.set(model.spec.name, records.map((_, i) => `${model.table}_demo_${i + 1}`));
    }
    if (Object.keys(demo).length > 0) this.spec.demo = demo;
  }

  private addTests(): void {
    const d = this.d;
    const tests: SpecTest[] = [];
    const names = new Set<string>();
    for (const model of this.models) {
      const count = d.int(0, 3);
      for (let t = 0; t < count; t += 1) {
        let name = d.chance(40) ? `${d.pick(TEXTS)} ${model.word}` : `${model.word} test ${t + 1}`;
        while (names.has(name.trim().toLowerCase())) name = `${name} again`;
        names.add(name.trim().toLowerCase());
        tests.push(this.specTest(model, name));
      }
    }
    const extension = this.spec.extend?.[0];
    if (extension && d.chance(50)) {
      const [field] = Object.keys(extension.fields);
      tests.push({ name: 'the partner extension works', create: { model: extension.model, values: { name: 'Forge partner', ...(field ? { [field]: true } : {}) } }, expect: field ? { [field]: true } : undefined });
    }
    if (tests.length > 0) this.spec.tests = tests.map(dropUndefined);
  }

  private specTest(model: ModelDraft, name: string): SpecTest {
    const d = this.d;
    const values: Record<string, TestValue> = {};
    const expect: Record<string, TestValue> = {};
    for (const [fieldName, field] of Object.entries(model.spec.fields)) {
      if (!isPlain(field) || !d.chance(35)) continue;
      if (field.type === 'many2one') {
        const own = this.models.find((other) => other.spec.name === field.comodel);
        if (own) values[fieldName] = { create: {} };
        else if (field.comodel === 'res.partner') values[fieldName] = d.chance(50) ? { create: { name: 'Test partner' } } : { ref: 'base.partner_admin' };
        else if (field.comodel) values[fieldName] = { ref: EXTERNAL_REFS[field.comodel] ?? 'base.main_company' };
      } else if (field.type === 'one2many') {
        const lines = this.models.find((other) => other.spec.name === field.comodel);
        const scalar = Object.entries(lines?.spec.fields ?? {}).find(([other, spec]) => other !== field.inverse && isPlain(spec) && ['char', 'integer', 'float', 'boolean'].includes(spec.type));
        const items = Array.from({ length: d.int(0, 2) }, () => (scalar ? { [scalar[0]]: this.value(scalar[1]) ?? null } : {}));
        values[fieldName] = items;
        if (d.chance(50)) expect[fieldName] = items.length;
      } else if (field.type === 'many2many') {
        if (field.comodel === 'res.partner') values[fieldName] = [{ ref: 'base.partner_admin' }];
        else if (field.comodel === 'res.users') values[fieldName] = [{ ref: 'base.user_admin' }];
        else values[fieldName] = [{}];
      } else {
        const value = this.value(field);
        if (value === undefined) continue;
        values[fieldName] = value;
        if (d.chance(50)) expect[fieldName] = value;
      }
    }
    for (const [fieldName, field] of Object.entries(model.spec.fields)) {
      if (field.compute?.count && values[field.compute.count] === undefined && d.chance(30)) expect[fieldName] = 0;
    }
    const workflow = model.spec.workflow;
    const test: SpecTest = { name, create: { model: model.spec.name, values } };
    if (workflow && d.chance(50)) {
      const button = d.pick(workflow.buttons);
      const states = Object.keys(model.spec.fields[workflow.field]?.options ?? {});
      const outside = states.filter((state) => !button.from.includes(state));
      test.call = button.name;
      if (outside.length > 0 && d.chance(40)) {
        values[workflow.field] = d.pick(outside);
        test.expect_error = true;
        return test;
      }
      values[workflow.field] = d.pick(button.from);
      expect[workflow.field] = button.to;
    } else if (d.chance(15)) {
      test.expect_error = true;
      return test;
    }
    if (Object.keys(expect).length > 0) test.expect = expect;
    return test;
  }
}

/** A deep copy without `undefined` values (YAML would write them as null). */
function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
