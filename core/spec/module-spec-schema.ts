import { z } from 'zod';
import { ODOO_LICENSES } from '../odoo/licenses.js';
import { wizardsSchema } from './wizard-schema.js';
import { mailTemplatesSchema } from './mail-template-schema.js';
import { settingsSchema } from './settings-schema.js';
import { moreViewsShape } from './views-more-schema.js';
import { companySchema } from './company-schema.js';
import { dataRecordsSchema } from './data-records-schema.js';

/**
 * ModuleSpec v1: the structure. This schema checks shapes and formats; the cross-references
 * (inverse fields, workflow states, menu models, …) are checked by `checkSpecReferences`.
 * Unknown keys are refused everywhere (strict objects), so a typo never passes silently.
 */

export const ODOO_SERIES = ['16.0', '17.0', '18.0'] as const;

export { ODOO_LICENSES };

export const FIELD_TYPES = [
  'char',
  'text',
  'html',
  'integer',
  'float',
  'monetary',
  'boolean',
  'date',
  'datetime',
  'selection',
  'binary',
  'image',
  'many2one',
  'one2many',
  'many2many',
] as const;

export const DEFAULT_TOKENS = ['today', 'now', 'current_user', 'company_currency'] as const;

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;
const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const XML_ID = /^([a-z][a-z0-9_]*\.)?[a-z_][a-zA-Z0-9_.]*$/;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (what: string) =>
  z
    .string({ error: `expected ${what} (a string)` })
    .min(1, `${what} must not be empty`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${what} must not contain control characters`);
const flag = z.boolean({ error: 'expected true or false' });
const moduleName = z.string({ error: 'expected a module name' }).regex(MODULE_NAME, {
  error: 'expected a technical name: lowercase letters, digits and _, starting with a letter',
});
const modelName = z.string({ error: 'expected a model name' }).regex(MODEL_NAME, {
  error: 'expected a dotted model name such as library.book',
});
const identifier = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(IDENTIFIER, {
    error: `expected ${what}: lowercase letters, digits and _, starting with a letter`,
  });
const fieldName = identifier('a field name');
const fieldList = z.array(fieldName, { error: 'expected a list of field names' });

export const literalValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, a number or true/false',
});

export const computeSchema = z.strictObject(
  {
    count: fieldName.optional(),
    sum: fieldName.optional(),
    of: fieldName.optional(),
    expression: text('an expression such as "quantity * price_unit"')
      .describe(
        "ModuleSpec 1.1: a value computed from the record's fields: numbers, 'texts', True/False, field paths (room_id.capacity), + - * /, date - date (days), == != < <= > >=, and/or/not, parentheses, `a if condition else b`.",
      )
      .optional(),
  },
  {
    error:
      'expected {count: <x2many field>}, {sum: <x2many field>, of: <field>} or {expression: "<expression>"}',
  },
);

/** ModuleSpec 1.1: a char field numbered by an `ir.sequence` (`LOAN/%(year)s/0001`). */
export const sequenceSchema = z.strictObject(
  {
    prefix: text('a prefix such as "LOAN/%(year)s/"').optional(),
    suffix: text('a suffix').optional(),
    padding: z
      .number({ error: 'expected a whole number of digits' })
      .int({ error: 'expected a whole number of digits' })
      .min(1, 'expected at least 1 digit')
      .max(12, 'expected at most 12 digits')
      .optional(),
  },
  { error: 'expected {prefix: "LOAN/%(year)s/", padding: 4}' },
).describe(
  'Numbers the records (on a char field): prefix/suffix may hold %(year)s, %(month)s, %(day)s, %(y)s; padding is the number of digits (default 4). The field shows "New" until the record is saved.',
);

export const fieldSchema = z.strictObject(
  {
    type: z.enum(FIELD_TYPES, { error: `expected one of ${FIELD_TYPES.join(', ')}` }),
    string: text('a label').optional(),
    required: flag.optional(),
    readonly: flag.optional(),
    index: flag.optional(),
    help: text('a help text').optional(),
    tracking: flag.optional(),
    translate: flag.optional(),
    copy: flag.optional(),
    store: flag.optional(),
    default: literalValueSchema.optional(),
    options: z
      .record(z.string(), text('an option label'), { error: 'expected a mapping key → label' })
      .optional(),
    comodel: modelName.optional(),
    inverse: fieldName.optional(),
    ondelete: z
      .enum(['set null', 'restrict', 'cascade'], { error: "expected 'set null', 'restrict' or 'cascade'" })
      .optional(),
    currency: fieldName.optional(),
    digits: z
      .tuple([z.number().int().positive(), z.number().int().nonnegative()], {
        error: 'expected [precision, scale], two whole numbers',
      })
      .optional(),
    max_width: z.number().int().positive({ error: 'expected a positive whole number of pixels' }).optional(),
    max_height: z.number().int().positive({ error: 'expected a positive whole number of pixels' }).optional(),
    related: z
      .string({ error: 'expected a dotted field path' })
      .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
        error: 'expected a dotted field path such as partner_id.email',
      })
      .optional(),
    compute: computeSchema.optional(),
    sequence: sequenceSchema.optional(),
    renamed_from: fieldName
      .describe(
        'Upgrade safety: the name this field had in the previous version; the generator writes a pre-migrate script that renames its column, so an update keeps the values.',
      )
      .optional(),
    mapped_from: z
      .record(z.string(), z.string({ error: 'expected the new key' }), {
        error: 'expected a mapping old key → new key, such as {draft: new}',
      })
      .describe(
        'Upgrade safety (selection fields): old keys removed from `options`, each mapped to the key of `options` its records get; the generator writes a pre-migrate script that rewrites them.',
      )
      .optional(),
  },
  { error: 'expected a field definition mapping with at least `type`' },
);

export const constraintSchema = z.strictObject(
  {
    unique: z.array(fieldName).min(1, 'list at least one field').optional(),
    check: text('an SQL boolean expression').optional(),
    condition: text('a condition such as "date_end >= date_start"')
      .describe(
        'ModuleSpec 1.1: a Python constraint: a condition over the fields (the expression language of compute.expression) that every record must meet; checked when the dates and relations it reads are set.',
      )
      .optional(),
    no_overlap: z
      .strictObject(
        { same: fieldName, start: fieldName, end: fieldName },
        { error: 'expected {same: <field>, start: <date field>, end: <date field>}' },
      )
      .describe(
        'ModuleSpec 1.1: two records with the same value of `same` (a room) may not have overlapping ranges [start, end): a range may start where another ends.',
      )
      .optional(),
    message: text('a message shown to the user'),
    name: identifier('a constraint name').optional(),
  },
  {
    error:
      'expected {unique: [fields], message}, {check: "<SQL>", message}, {condition: "<expression>", message} or {no_overlap: {same, start, end}, message}',
  },
);

export const workflowButtonSchema = z.strictObject({
  name: identifier('a method name'),
  label: text('a button label'),
  from: z.array(z.string(), { error: 'expected a list of states' }).min(1, 'list at least one state'),
  to: z.string({ error: 'expected a state' }),
});

export const workflowSchema = z.strictObject({
  field: fieldName,
  buttons: z.array(workflowButtonSchema).min(1, 'list at least one button'),
});

export const searchViewSchema = z.strictObject({
  fields: fieldList.optional(),
  filters: z.record(identifier('a filter name'), text('a domain')).optional(),
  group_by: fieldList.optional(),
});

export const formViewSchema = z.strictObject(
  {
    groups: z.array(fieldList, { error: 'expected a list of field lists (one per column group)' }).optional(),
    pages: z
      .array(z.strictObject({ label: text('a page label'), fields: fieldList }), {
        error: 'expected a list of {label, fields}',
      })
      .optional(),
  },
  { error: 'expected {groups: [[fields], …], pages: [{label, fields}]}' },
);

export const viewsSchema = z.strictObject({
  list: fieldList.optional(),
  form: formViewSchema.optional(),
  search: searchViewSchema.optional(),
  kanban: flag.optional(),
  // ModuleSpec 1.1 more views: calendar, pivot, graph, activity, search panel, smart buttons.
  ...moreViewsShape,
});

export const CRON_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;

/** ModuleSpec 1.1: a scheduled action (ir.cron) running one declarative job on the records of a domain. */
export const scheduledJobSchema = z.strictObject(
  {
    name: identifier('a job name'),
    label: text('a label such as "Close overdue requests"').optional(),
    every: z.strictObject(
      {
        number: z
          .number({ error: 'expected a whole number' })
          .int({ error: 'expected a whole number' })
          .min(1, 'expected at least 1'),
        unit: z.enum(CRON_UNITS, { error: `expected one of ${CRON_UNITS.join(', ')}` }),
      },
      { error: 'expected {number: 1, unit: days}' },
    ),
    domain: text('a domain such as "[(\'deadline\', \'<\', today)]"').optional(),
    write: z
      .record(fieldName, literalValueSchema, { error: 'expected a mapping field → value' })
      .optional(),
    move_to: z.string({ error: 'expected a state of the workflow' }).optional(),
    send_mail: identifier('a mail template of the model').optional(),
    activity: z
      .strictObject(
        {
          summary: text('an activity summary'),
          note: text('an activity note').optional(),
          days: z
            .number({ error: 'expected a whole number of days' })
            .int({ error: 'expected a whole number of days' })
            .min(0, 'expected 0 or more days')
            .optional(),
          user_field: fieldName.optional(),
        },
        { error: 'expected {summary: "Follow up", days: 2, user_field: user_id}' },
      )
      .optional(),
  },
  { error: 'expected {name, every: {number, unit}, domain, and one of write, move_to, activity}' },
).describe(
  'A scheduled action: every `every`, on the records matching `domain` (which may use `today` and `now`), write values, move them to a workflow state, or schedule an activity.',
);

/** ModuleSpec 1.1: one default stage of a stage model, `New` or `{name: Done, fold: true}`. */
export const stageSchema = z.union(
  [
    text('a stage name'),
    z.strictObject(
      { name: text('a stage name'), fold: flag.optional() },
      { error: 'expected {name: "Done", fold: true}' },
    ),
  ],
  { error: 'expected a stage name or {name: "Done", fold: true}' },
);

/** ModuleSpec 1.1: a QWeb PDF report of one record, listed under Print. */
export const reportSchema = z
  .strictObject(
    {
      title: text('a title such as "Book card"'),
      fields: z.array(fieldName, { error: 'expected a list of field names' }).min(1, 'list at least one field'),
      lines: z
        .record(
          fieldName,
          z.array(fieldName, { error: 'expected a list of field names' }).min(1, 'list at least one column'),
          { error: 'expected a mapping one2many field → the columns of its table' },
        )
        .optional(),
    },
    { error: 'expected {title: "Book card", fields: [title, isbn], lines: {loan_ids: [partner_id, date_out]}}' },
  )
  .describe(
    'A PDF report of a record (in the Print menu): its title, the listed fields, and for each one2many in `lines` a table with those columns of its lines.',
  );

export const modelSchema = z.strictObject({
  name: modelName,
  title: text('a title (the model description)').optional(),
  mixins: z.array(modelName).optional(),
  rec_name: fieldName.optional(),
  order: text('an order such as "name" or "date desc, id"').optional(),
  fields: z.record(fieldName, fieldSchema, { error: 'expected a mapping field name → definition' }),
  constraints: z.array(constraintSchema).optional(),
  workflow: workflowSchema.optional(),
  views: viewsSchema.optional(),
  scheduled: z
    .array(scheduledJobSchema, { error: 'expected a list of scheduled jobs' })
    .min(1, 'list at least one job')
    .describe('ModuleSpec 1.1: scheduled actions (ir.cron) on the records of this model.')
    .optional(),
  stages: z
    .array(stageSchema, { error: 'expected a list of stages such as [New, In Progress, {name: Done, fold: true}]' })
    .min(1, 'list at least one stage')
    .describe(
      'ModuleSpec 1.1: makes this model a stage model (fields name, sequence, fold are added, ordered by sequence) with these default stages as data records; a many2one to it gets group_expand, so a kanban grouped by it shows every stage, and the first stage as its default.',
    )
    .optional(),
  wizards: wizardsSchema.optional(),
  mail_templates: mailTemplatesSchema.optional(),
  reports: z
    .array(reportSchema, { error: 'expected a list of reports' })
    .min(1, 'list at least one report')
    .describe('ModuleSpec 1.1: QWeb PDF reports of one record of this model (Print menu).')
    .optional(),
  company: companySchema.optional(),
  renamed_from: modelName
    .describe(
      'Upgrade safety: the name this model had in the previous version; the generator writes a pre-migrate script that renames its table and its ir_model, ir_model_fields, ir_model_data and attachment/chatter rows, so an update keeps the records.',
    )
    .optional(),
});

export const extensionSchema = z.strictObject({
  model: modelName,
  fields: z.record(fieldName, fieldSchema, { error: 'expected a mapping field name → definition' }),
  constraints: z.array(constraintSchema).optional(),
  view: z
    .strictObject({
      ref: z.string({ error: 'expected an XML id' }).regex(XML_ID, {
        error: 'expected the XML id of an existing form view, such as base.view_partner_form',
      }),
      after: fieldName,
    })
    .optional(),
});

export const menusSchema = z.strictObject({
  /** The label of the top menu; the module title when left out. */
  root: text('the label of the top menu').optional(),
  items: z.array(z.strictObject({ model: modelName, label: text('a menu label') })).min(1, 'list at least one item'),
});

export const ACCESS_LETTERS = /^(?!.*(.).*\1)[crudw]*$/;

export const securitySchema = z.strictObject({
  groups: z
    .record(identifier('a group key'), z.strictObject({ name: text('a group name'), implies: z.array(z.string()).optional() }))
    .optional(),
  access: z
    .record(
      modelName,
      z.record(
        z.string(),
        z.string({ error: 'expected letters among c r u w d' }).regex(ACCESS_LETTERS, {
          error: 'expected letters among c (create), r (read), u or w (write), d (delete), each once',
        }),
      ),
    )
    .optional(),
  rules: z
    .array(
      z.strictObject({
        model: modelName,
        groups: z.array(z.string()).min(1, 'list at least one group'),
        domain: text('a domain'),
        name: text('a rule name').optional(),
      }),
    )
    .optional(),
});

/** A value in a test's `values`: scalars, `{create: {...}}` for a many2one, a list for a one2many. */
export type TestValue = string | number | boolean | null | TestValue[] | { [key: string]: TestValue };
export const testValueSchema: z.ZodType<TestValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(testValueSchema), z.record(z.string(), testValueSchema)]),
);

export const specTestSchema = z.strictObject({
  name: text('a test name'),
  create: z.strictObject({ model: modelName, values: z.record(fieldName, testValueSchema).optional() }),
  call: identifier('a method name').optional(),
  expect: z.record(fieldName, testValueSchema).optional(),
  expect_error: flag.optional(),
});

/**
 * YAML reads an unquoted `odoo: 18.0` as the number 18 (and `18.10` as 18.1): the series is
 * refused unless it is a string, as the JSON Schema (which drives the LLM) says.
 */
function seriesError(issue: { input?: unknown }): string {
  const expected = 'expected one of "16.0", "17.0", "18.0" (quoted, as a string)';
  if (typeof issue.input !== 'number') return expected;
  const near = ODOO_SERIES.find((series) => Number(series) === issue.input) ?? '18.0';
  return `${expected}, got the number ${String(issue.input)}: YAML reads an unquoted series as a number, write odoo: "${near}"`;
}

export const moduleSpecSchema = z.strictObject({
  spec_version: z.literal(1, { error: 'expected 1 (the only spec version so far)' }),
  odoo: z.enum(ODOO_SERIES, { error: seriesError }),
  module: z.strictObject({
    name: moduleName,
    title: text('a title'),
    summary: text('a one-line summary').optional(),
    description: text('a description').optional(),
    category: text('a category such as Services/Library').optional(),
    version: z
      .string({ error: 'expected a version x.y.z (quoted)' })
      .regex(/^\d+\.\d+\.\d+$/, { error: 'expected a version x.y.z such as 1.0.0 (the series is added for you)' })
      .optional(),
    license: z.enum(ODOO_LICENSES, { error: `expected one of ${ODOO_LICENSES.join(', ')}` }).optional(),
    author: text('an author').optional(),
    website: z.url({ error: 'expected a URL such as https://example.com' }).optional(),
    depends: z.array(moduleName, { error: 'expected a list of module names' }).optional(),
    application: flag.optional(),
  }),
  models: z.array(modelSchema, { error: 'expected a list of models' }).optional(),
  extend: z.array(extensionSchema, { error: 'expected a list of model extensions' }).optional(),
  menus: menusSchema.optional(),
  settings: settingsSchema.optional(),
  security: securitySchema.optional(),
  data: dataRecordsSchema(testValueSchema).optional(),
  demo: z.record(modelName, z.array(z.record(fieldName, testValueSchema))).optional(),
  tests: z.array(specTestSchema).optional(),
});
