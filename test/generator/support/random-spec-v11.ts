import { MAGIC_FIELD_LABELS } from '../../../core/odoo/field-label.js';
import type { FieldSpec, ModelSpec } from '../../../core/spec/module-spec.js';
import { STAGE_FIELDS } from '../../../core/spec/stage-fields.js';
import { isPlain, NUMERIC, TEXTS, type ModelDraft } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';
import { columns } from './random-spec-rules.js';

/**
 * The keys of ModuleSpec 1.1 in a random spec (see random-spec.ts): a numbered field
 * (`sequence`), fields computed by expressions, and Python constraints (`condition`,
 * `no_overlap`). Every choice keeps the spec valid by construction.
 */
export function addSpec11Keys(ctx: SpecContext, model: ModelDraft): void {
  const d = ctx.d;
  if (d.chance(20)) {
    const prefix = d.pick(['REF/%(year)s/', 'N-', '%(y)s%(month)s/', undefined]);
    const padding = d.chance(50) ? d.int(1, 8) : undefined;
    ctx.addField(model, 'reference', { type: 'char', sequence: dropEmpty({ prefix, padding }) });
  }
  const plain = (keep: (field: FieldSpec) => boolean) =>
    Object.entries(model.spec.fields)
      .filter(([, field]) => isPlain(field) && field.sequence === undefined && keep(field))
      .map(([name]) => name);
  const numbers = plain((field) => NUMERIC.has(field.type));
  const dates = plain((field) => field.type === 'date');
  const texts = plain((field) => field.type === 'char');
  if (numbers.length > 0 && d.chance(40)) {
    const [a, b] = [d.pick(numbers), d.pick(numbers)];
    const expression = d.pick([
      `${a} * ${b}`,
      `${a} + ${b} * 2`,
      `${a} / 2`,
      `-${a} if ${b} > 1 else ${a} - 1.5`,
    ]);
    ctx.addField(model, 'computed_amount', {
      type: 'float',
      compute: { expression },
      store: d.chance(30) ? false : undefined,
    });
  }
  if (dates.length >= 2 && d.chance(50)) {
    ctx.addField(model, 'days', { type: 'integer', compute: { expression: `${dates[1]} - ${dates[0]}` } });
  }
  if (texts.length > 0 && d.chance(30)) {
    const text = d.pick(texts);
    const suffix = d.pick([' / ', ' (copy)', ': %', ' — ']);
    ctx.addField(model, 'caption', { type: 'char', compute: { expression: `${text} + '${suffix}'` } });
  }
  addPythonConstraints(ctx, model, numbers, dates);
}

function addPythonConstraints(ctx: SpecContext, model: ModelDraft, numbers: string[], dates: string[]): void {
  const d = ctx.d;
  const constraints = model.spec.constraints ?? [];
  if (numbers.length > 0 && d.chance(30))
    constraints.push({
      condition: `${d.pick(numbers)} >= 0 or ${d.pick(numbers)} < -1000`,
      message: d.pick(TEXTS),
    });
  const same = columns(
    model,
    (field) => isPlain(field) && (field.type === 'many2one' || field.type === 'char'),
  );
  if (dates.length >= 2 && same.length > 0 && d.chance(40)) {
    constraints.push({
      no_overlap: { same: d.pick(same), start: dates[0] ?? '', end: dates[1] ?? '' },
      message: d.pick(TEXTS),
    });
    if (d.chance(50)) constraints.push({ condition: `${dates[1]} >= ${dates[0]}`, message: d.pick(TEXTS) });
  }
  if (constraints.length > 0) model.spec.constraints = constraints;
}

/**
 * ModuleSpec 1.1 `scheduled`: jobs that write a plain value, move records to a state a button
 * leads to, or schedule an activity (with mail.activity.mixin), on a domain over a stored field.
 */
export function addScheduledJobs(ctx: SpecContext, model: ModelDraft): void {
  const d = ctx.d;
  if (!d.chance(25)) return;
  const fields = Object.entries(model.spec.fields);
  const writable = fields.filter(
    ([, field]) => isPlain(field) && field.sequence === undefined && ['char', 'integer', 'boolean', 'selection', 'date'].includes(field.type),
  );
  const dates = fields.filter(([, field]) => field.type === 'date' && isPlain(field)).map(([name]) => name);
  const jobs: NonNullable<ModelSpec['scheduled']> = [];
  const every = () => ({ number: d.int(1, 12), unit: d.pick(['minutes', 'hours', 'days', 'weeks', 'months'] as const) });
  const domain = () =>
    dates.length > 0 && d.chance(50) ? `[('${d.pick(dates)}', '<', today)]` : d.chance(50) ? "[('create_date', '<', now)]" : undefined;
  const written = writable.length > 0 && d.chance(60) ? d.pick(writable) : undefined;
  const value = written ? ctx.value(written[1]) : undefined;
  if (written && value !== undefined) jobs.push({ name: 'update_values', every: every(), domain: domain(), write: { [written[0]]: value } });
  const targets = [...new Set((model.spec.workflow?.buttons ?? []).map((button) => button.to))];
  if (targets.length > 0 && d.chance(60))
    jobs.push({ name: 'advance', label: d.chance(50) ? d.pick(TEXTS) : undefined, every: every(), domain: domain(), move_to: d.pick(targets) });
  if ((model.spec.mixins ?? []).includes('mail.activity.mixin') && (model.spec.mixins ?? []).includes('mail.thread') && d.chance(60)) {
    const users = fields.filter(([, field]) => field.type === 'many2one' && field.comodel === 'res.users').map(([name]) => name);
    jobs.push({
      name: 'remind',
      every: every(),
      domain: domain(),
      activity: dropEmpty({
        summary: d.pick(TEXTS),
        note: d.chance(50) ? d.pick(TEXTS) : undefined,
        days: d.chance(50) ? d.int(0, 10) : undefined,
        user_field: users.length > 0 && d.chance(70) ? d.pick(users) : undefined,
      }),
    });
  }
  if (jobs.length > 0) model.spec.scheduled = jobs.map((job) => dropEmpty(job));
}

/** Stage names, some with characters an XML id cannot hold, some that slug alike. */
const STAGE_NAMES = ['New', 'In Progress', 'In-progress', 'Waiting', 'Done', 'Cancelled', 'À faire', '1st line'];

/**
 * ModuleSpec 1.1 `stages`: a stage model (the fields stages adds, `name` declared so demo and
 * tests know it is required) and a stage field on one of the models, sometimes two.
 */
export function addStageModel(ctx: SpecContext): void {
  const d = ctx.d;
  const staged = ctx.models.filter((model) => !model.spec.stages);
  if (staged.length === 0) return;
  const first = staged[0] as ModelDraft;
  const name = `${first.spec.name}.stage`;
  if (ctx.models.some((model) => model.spec.name === name)) return;
  const stageNames = d.subset(STAGE_NAMES, 1, 4);
  const spec: ModelSpec = {
    name,
    title: d.chance(50) ? `${first.word} stage` : undefined,
    stages: stageNames.map((stage) => (d.chance(30) ? { name: stage, fold: d.chance(50) } : stage)),
    fields: { name: { type: 'char', required: true } },
  };
  const labels = new Set<string>([...Object.values(MAGIC_FIELD_LABELS), 'Name', ...Object.values(STAGE_FIELDS).map((f) => f.string ?? '')]);
  labels.add('Sequence');
  const draft: ModelDraft = {
    spec: dropEmpty(spec),
    word: `${first.word}stage`,
    table: name.replace(/\./g, '_'),
    names: new Set(['name', 'sequence', 'fold']),
    labels,
    mailThread: false,
  };
  if (d.chance(30)) ctx.addField(draft, 'description', { type: 'text' });
  ctx.models.push(draft);
  for (const model of d.subset(staged, 1, 2)) {
    ctx.addField(model, 'stage', { type: 'many2one', comodel: name, required: d.chance(50) ? true : undefined }, '_id');
  }
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
