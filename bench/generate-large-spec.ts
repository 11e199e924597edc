// Validates and generates a large spec: 50 models of 20 fields each (every field type, a chain of
// many2one/one2many between the models, many2many, computes, related fields, SQL constraints,
// a workflow on every fifth model), and prints, side by side, the time to validate the YAML
// (parseSpec) and to generate the addon (generate): median, min and max wall time and the median
// CPU time over the iterations, after a warm-up. Target: validate + generate under 1 s.
// Usage: node --import tsx bench/generate-large-spec.ts [--iterations N] [--warmup N] [--series 16.0|17.0|18.0]
import { stringify } from 'yaml';
import { generate } from '../core/generator/generate.js';
import type { ModelSpec, ModuleSpec, OdooSeries, SpecTest } from '../core/spec/module-spec.js';
import { parseSpec } from '../core/spec/parse-spec.js';

const MODELS = 50;
const TARGET_MS = 1000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const iterations = Number(option('iterations', '10'));
const warmup = Number(option('warmup', '3'));
const series = option('series', '18.0') as OdooSeries;

const modelName = (i: number): string => `bench.model_${String(i).padStart(2, '0')}`;

/** Model i: 20 fields; it points to model i-1 (many2one) and holds the lines of model i+1. */
function benchModel(i: number): ModelSpec {
  const first = i === 0;
  const last = i === MODELS - 1;
  const thread = i % 3 === 0;
  const fields: ModelSpec['fields'] = {
    name: { type: 'char', required: true, tracking: thread ? true : undefined },
    code: { type: 'char', index: true, copy: false },
    description: { type: 'text', translate: true },
    notes: { type: 'html' },
    quantity: { type: 'integer', default: 1 },
    weight: { type: 'float', digits: [16, 3] },
    currency_id: { type: 'many2one', comodel: 'res.currency', default: 'company_currency' },
    amount: { type: 'monetary', currency: 'currency_id' },
    active: { type: 'boolean', default: true },
    date_start: { type: 'date', default: 'today', required: true },
    date_end: { type: 'date' },
    opened_on: { type: 'datetime', default: 'now' },
    state: {
      type: 'selection',
      options: { draft: 'Draft', confirmed: 'Confirmed', done: 'Done' },
      default: 'draft',
      tracking: thread ? true : undefined,
    },
    partner_id: { type: 'many2one', comodel: 'res.partner', ondelete: 'restrict' },
    user_id: { type: 'many2one', comodel: 'res.users', default: 'current_user' },
    ...(first
      ? { picture: { type: 'image', max_width: 256, max_height: 256 } }
      : { parent_id: { type: 'many2one', comodel: modelName(i - 1), ondelete: 'cascade' } }),
    ...(last
      ? { attachment: { type: 'binary' } }
      : { child_ids: { type: 'one2many', comodel: modelName(i + 1), inverse: 'parent_id' } }),
    tag_ids: { type: 'many2many', comodel: modelName((i + 7) % MODELS), string: 'Tags' },
    ...(last
      ? { priority: { type: 'selection', options: { '0': 'Low', '1': 'Normal', '2': 'High' }, default: '1' } }
      : { child_count: { type: 'integer', compute: { count: 'child_ids' } } }),
    ...(first
      ? { partner_email: { type: 'char', related: 'partner_id.email' } }
      : last
        ? { parent_name: { type: 'char', related: 'parent_id.name' } }
        : { total_weight: { type: 'float', compute: { sum: 'child_ids', of: 'weight' } } }),
  };
  const model: ModelSpec = {
    name: modelName(i),
    title: `Bench model ${i}`,
    mixins: thread ? ['mail.thread', 'mail.activity.mixin'] : undefined,
    order: 'date_start desc, id',
    fields,
    constraints: [
      { unique: ['code'], message: 'The code must be unique.' },
      { check: 'quantity >= 0', message: 'The quantity cannot be negative.' },
      { check: 'date_end IS NULL OR date_end >= date_start', message: 'The end cannot be before the start.' },
    ],
    views: {
      search: {
        filters: { mine: "[('user_id', '=', uid)]", confirmed: "[('state', '=', 'confirmed')]" },
        group_by: ['state', 'partner_id'],
      },
      kanban: i % 2 === 0 ? true : undefined,
    },
  };
  if (i % 5 === 0) {
    model.workflow = {
      field: 'state',
      buttons: [
        { name: 'action_confirm', label: 'Confirm', from: ['draft'], to: 'confirmed' },
        { name: 'action_done', label: 'Mark as done', from: ['confirmed'], to: 'done' },
        { name: 'action_reset', label: 'Reset to draft', from: ['confirmed', 'done'], to: 'draft' },
      ],
    };
  }
  return model;
}

function benchSpec(): ModuleSpec {
  const models = Array.from({ length: MODELS }, (_, i) => benchModel(i));
  const tests: SpecTest[] = models
    .filter((_, i) => i % 5 === 0)
    .flatMap((model): SpecTest[] => [
      {
        name: `a new ${model.title} is a draft`,
        create: { model: model.name, values: { name: 'New' } },
        expect: { state: 'draft' },
      },
      {
        name: `${model.title} can be confirmed`,
        create: { model: model.name, values: { name: 'Go', state: 'draft' } },
        call: 'action_confirm',
        expect: { state: 'confirmed' },
      },
    ]);
  return {
    spec_version: 1,
    odoo: series,
    module: {
      name: 'bench_large',
      title: 'Bench: a large module',
      summary: 'Fifty models of twenty fields',
      version: '1.0.0',
      license: 'LGPL-3',
      depends: ['mail'],
      application: true,
    },
    models,
    menus: { root: 'Bench', items: models.map((model) => ({ model: model.name, label: model.title ?? model.name })) },
    security: {
      groups: { user: { name: 'User' }, manager: { name: 'Manager', implies: ['user'] } },
      access: Object.fromEntries(models.map((model) => [model.name, { user: 'cru', manager: 'crud' }])),
      rules: [{ model: modelName(0), groups: ['user'], domain: "[('create_uid', '=', user.id)]" }],
    },
    demo: { [modelName(0)]: [{ name: 'First', code: 'A1', quantity: 3 }] },
    tests,
  };
}

/** Drops undefined keys (YAML would write them as null). */
const yamlText = stringify(JSON.parse(JSON.stringify(benchSpec())));

interface Run {
  validateMs: number;
  generateMs: number;
  /** CPU time of this process (user + system): less sensitive than wall time to a busy machine. */
  validateCpuMs: number;
  generateCpuMs: number;
  files: number;
  bytes: number;
}

/** CPU milliseconds between two process.cpuUsage() readings. */
const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number =>
  (to.user - from.user + to.system - from.system) / 1000;

function measure(): Run {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const parsed = parseSpec(yamlText);
  const validated = performance.now();
  const cpu1 = process.cpuUsage();
  if (!parsed.ok) {
    console.error(parsed.errors.slice(0, 10));
    throw new Error(`the bench spec is invalid (${parsed.errors.length} errors)`);
  }
  const files = generate(parsed.spec);
  const done = performance.now();
  const cpu2 = process.cpuUsage();
  let bytes = 0;
  for (const contents of files.values()) bytes += Buffer.byteLength(contents);
  return {
    validateMs: validated - started,
    generateMs: done - validated,
    validateCpuMs: cpuMs(cpu0, cpu1),
    generateCpuMs: cpuMs(cpu1, cpu2),
    files: files.size,
    bytes,
  };
}

function stats(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

const format = (value: number): string => value.toFixed(1).padStart(8);

for (let i = 0; i < warmup; i += 1) measure();
const runs = Array.from({ length: iterations }, () => measure());
const validate = stats(runs.map((run) => run.validateMs));
const generation = stats(runs.map((run) => run.generateMs));
const total = stats(runs.map((run) => run.validateMs + run.generateMs));
const sample = runs[0];

console.log(
  `spec: ${MODELS} models x 20 fields, Odoo ${series}, ${(yamlText.length / 1024).toFixed(0)} KiB of YAML`,
);
console.log(`addon: ${sample?.files ?? 0} files, ${((sample?.bytes ?? 0) / 1024).toFixed(0)} KiB`);
console.log(`iterations: ${iterations} (after ${warmup} warm-up)`);
const cpu = {
  validate: stats(runs.map((run) => run.validateCpuMs)).median,
  generate: stats(runs.map((run) => run.generateCpuMs)).median,
  total: stats(runs.map((run) => run.validateCpuMs + run.generateCpuMs)).median,
};
console.log('                       median      min      max   cpu median   (ms)');
console.log(
  `validate (parseSpec) ${format(validate.median)} ${format(validate.min)} ${format(validate.max)} ${format(cpu.validate)}`,
);
console.log(
  `generate             ${format(generation.median)} ${format(generation.min)} ${format(generation.max)} ${format(cpu.generate)}`,
);
console.log(
  `total                ${format(total.median)} ${format(total.min)} ${format(total.max)} ${format(cpu.total)}`,
);
console.log(
  `target: validate + generate < ${TARGET_MS} ms: ${total.median < TARGET_MS ? 'met' : 'NOT met'} (median)`,
);
if (total.median >= TARGET_MS) process.exitCode = 1;
