import { addScheduledJobs, addSpec11Keys, addStageModel } from './random-spec-v11.js';
import { addMailTemplates } from './random-spec-mail.js';
import { addWizards } from './random-spec-wizards.js';
import { addSettings } from './random-spec-settings.js';
import { addMoreViews, addSmartButtons } from './random-spec-views.js';
import { addDataRecords } from './random-spec-data.js';
import { addCompany, addCompanyRelations } from './random-spec-company.js';
import fc from 'fast-check';
import { fieldLabel, MAGIC_FIELD_LABELS } from '../../../core/odoo/field-label.js';
import { KNOWN_MIXINS, PYTHON_KEYWORDS, RESERVED_FIELD_NAMES } from '../../../core/odoo/mixins.js';
import { ODOO_LICENSES, ODOO_SERIES } from '../../../core/spec/module-spec-schema.js';
import type { FieldSpec, ModuleSpec } from '../../../core/spec/module-spec.js';
import { ORM_MEMBER_NAMES } from '../../../core/spec/references/orm-method-names.js';
import {
  Draw,
  dropUndefined,
  EXTERNAL_COMODELS,
  isPlain,
  MODEL_WORDS,
  MODULE_WORDS,
  NAMES,
  NUMERIC,
  SCALAR_TYPES,
  SELECTION_KEYS,
  TEXTS,
  type ModelDraft,
} from './random-draw.js';
import { addConstraints, addRecNameAndOrder, addViews, addWorkflow } from './random-spec-rules.js';
import {
  addDemo,
  addExtension,
  addMenus,
  addSecurity,
  addTests,
  type SpecContext,
} from './random-spec-records.js';

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

class SpecBuilder implements SpecContext {
  readonly models: ModelDraft[] = [];
  spec!: ModuleSpec;

  constructor(readonly d: Draw) {}

  build(): ModuleSpec {
    const d = this.d;
    const moduleName = `${d.pick(MODULE_WORDS)}_${d.int(1, 999)}`;
    const prefix = d.pick(['forge', 'acme', 'forge_demo']);
    const words = d.subset(MODEL_WORDS, 1, 5);
    const titles = new Set<string>();
    for (const word of words) {
      const mixins = d.pick([
        [],
        [],
        ['mail.thread'],
        ['mail.thread', 'mail.activity.mixin'],
        ['mail.activity.mixin'],
      ]);
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
      this.models.push({
        // A model without title gets its description from the name (library.book → Library Book).
        spec: {
          name,
          title: d.chance(20) ? undefined : title,
          mixins: mixins.length > 0 ? [...mixins] : undefined,
          fields: {},
        },
        word,
        table: name.replace(/\./g, '_'),
        names,
        labels,
        mailThread: mixins.includes('mail.thread'),
      });
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
    addCompany(this);
    for (const model of this.models) this.addScalarFields(model);
    for (const model of this.models) this.addRelations(model);
    addCompanyRelations(this);
    for (const model of this.models) this.addComputedAndRelated(model);
    for (const model of this.models) {
      addConstraints(d, model);
      addSpec11Keys(this, model);
      addWorkflow(d, model);
      addScheduledJobs(this, model);
      addMailTemplates(this, model);
      addWizards(this, model);
      addViews(d, model);
      addMoreViews(this, model);
      addRecNameAndOrder(d, model);
    }
    if (d.chance(25)) addStageModel(this);
    this.spec.models = this.models.map((model) => model.spec);
    if (d.chance(30)) addExtension(this);
    if (d.chance(50)) addMenus(this);
    if (d.chance(25)) addSettings(this);
    if (d.chance(50)) addSecurity(this);
    addSmartButtons(this);
    if (d.chance(30)) addDataRecords(this);
    if (d.chance(40)) addDemo(this);
    if (d.chance(60)) addTests(this);
    return dropUndefined(this.spec);
  }

  // Fields ------------------------------------------------------------------------------------

  /** A free name from `stem` (+ `suffix`), neither reserved nor already used on the model. */
  private freeName(model: ModelDraft, given: string, suffix = ''): string {
    // x_ names are Odoo's for fields made in its interface (Studio): a stem `x` or `x_…` would
    // never give a free name, however it is numbered.
    const stem = /^x(_|$)/.test(given) ? `f${given}` : given;
    for (let n = 1; n < 1000; n += 1) {
      const name = n === 1 ? `${stem}${suffix}` : `${stem}_${n}${suffix}`;
      const taken =
        model.names.has(name) ||
        RESERVED_FIELD_NAMES.has(name) ||
        PYTHON_KEYWORDS.has(name) ||
        ORM_MEMBER_NAMES.has(name);
      if (!taken && /^[a-z][a-z0-9_]*$/.test(name) && !name.startsWith('x_')) return name;
    }
    throw new Error(`the random spec builder found no free field name for ${given}${suffix}`);
  }

  /** Adds a field under a free name, giving it a unique label (sometimes an odd one). */
  addField(model: ModelDraft, stem: string, field: FieldSpec, suffix = ''): string {
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
    if (d.chance(60))
      this.addField(model, 'name', {
        type: 'char',
        required: d.chance(60) ? true : undefined,
        translate: d.chance(20) ? true : undefined,
      });
    const count = d.int(1, 7);
    for (let i = 0; i < count; i += 1) {
      const type = d.chance(15) ? 'many2one' : d.pick(SCALAR_TYPES);
      if (type === 'many2one') {
        const comodel = d.pick(EXTERNAL_COMODELS);
        this.addField(
          model,
          comodel === 'res.currency' ? 'other_currency' : comodel === 'res.users' ? 'user' : 'partner',
          this.many2one(comodel, d.chance(25), model.mailThread),
          '_id',
        );
        continue;
      }
      const field = this.scalarField(model, type);
      if (type === 'monetary') {
        // Another currency field of the model sometimes, else currency_id.
        const others = Object.entries(model.spec.fields).filter(
          ([name, other]) =>
            name !== 'currency_id' &&
            other.type === 'many2one' &&
            other.comodel === 'res.currency' &&
            isPlain(other),
        );
        if (others.length > 0 && d.chance(50)) field.currency = d.pick(others)[0];
        else this.ensureCurrency(model);
      }
      this.addField(model, this.stem(type), field);
    }
  }

  private ensureCurrency(model: ModelDraft): void {
    if (model.spec.fields['currency_id']) return;
    this.addField(
      model,
      'currency',
      {
        type: 'many2one',
        comodel: 'res.currency',
        default: this.d.chance(60) ? 'company_currency' : undefined,
      },
      '_id',
    );
  }

  private many2one(comodel: string, required: boolean, tracking: boolean): FieldSpec {
    const d = this.d;
    const field: FieldSpec = { type: 'many2one', comodel, required: required ? true : undefined };
    if (d.chance(50))
      field.ondelete = required
        ? d.pick(['restrict', 'cascade'] as const)
        : d.pick(['set null', 'restrict', 'cascade'] as const);
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
      field.options = Object.fromEntries(
        keys.map((key) => [
          key,
          d.chance(20) ? `${d.pick(TEXTS)} ${key}` : key.replace(/_/g, ' ').toUpperCase() || key,
        ]),
      );
    }
    if (d.chance(25) && type !== 'binary' && type !== 'image') field.required = true;
    if (d.chance(15)) field.readonly = true;
    if (d.chance(15) && type !== 'binary' && type !== 'image') field.index = true;
    if (d.chance(20)) field.help = d.pick([...TEXTS, 'Two\nlines']);
    if (d.chance(15)) field.copy = d.chance(50);
    if ((type === 'char' || type === 'text' || type === 'html') && d.chance(20)) field.translate = true;
    if (model.mailThread && d.chance(30) && type !== 'binary' && type !== 'image' && type !== 'html')
      field.tracking = true;
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
  value(field: FieldSpec, asDefault = false): string | number | boolean | undefined {
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
        this.addField(
          model,
          target.word,
          this.many2one(target.spec.name, target !== model && d.chance(20), model.mailThread),
          '_id',
        );
      } else if (kind === 'one2many') {
        const required = target !== model && d.chance(40);
        const inverse = this.addField(
          target,
          model.word === target.word ? 'parent' : model.word,
          {
            ...this.many2one(model.spec.name, required, target.mailThread),
            ...(required ? { ondelete: 'cascade' as const } : {}),
          },
          '_id',
        );
        this.addField(
          model,
          target.word,
          { type: 'one2many', comodel: target.spec.name, inverse, copy: d.chance(20) ? true : undefined },
          '_ids',
        );
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
        this.addField(model, `${name.replace(/_ids$/, '')}_count`, {
          type: 'integer',
          compute: { count: name },
          store: d.chance(30) ? false : undefined,
        });
      }
      if (field.type === 'one2many' && d.chance(60)) {
        const lines = this.models.find((other) => other.spec.name === field.comodel);
        const numeric = Object.entries(lines?.spec.fields ?? {}).filter(([, other]) =>
          NUMERIC.has(other.type),
        );
        if (numeric.length > 0) {
          const [of] = d.pick(numeric);
          this.addField(model, `total_${of}`, {
            type: d.pick(['float', 'integer'] as const),
            compute: { sum: name, of },
            store: d.chance(30) ? false : undefined,
          });
        }
      }
      if (field.type === 'many2one' && isPlain(field) && d.chance(50)) {
        const target = this.models.find((other) => other.spec.name === field.comodel);
        const stem = name.replace(/_id$/, '');
        if (!target) {
          if (field.comodel === 'res.partner')
            this.addField(model, `${stem}_email`, { type: 'char', related: `${name}.email` });
          continue;
        }
        const candidates = Object.entries(target.spec.fields).filter(([, other]) =>
          ['char', 'integer', 'float', 'boolean', 'date', 'selection', 'many2one'].includes(other.type),
        );
        if (candidates.length === 0) continue;
        const [targetName, targetField] = d.pick(candidates);
        const related: FieldSpec = {
          type: targetField.type,
          related: `${name}.${targetName}`,
          store: d.chance(40) ? true : undefined,
        };
        if (targetField.options) related.options = { ...targetField.options };
        if (targetField.comodel) related.comodel = targetField.comodel;
        this.addField(
          model,
          `${stem}_${targetName.replace(/_id$/, '')}`,
          related,
          targetField.type === 'many2one' ? '_id' : '',
        );
      }
    }
  }
}
