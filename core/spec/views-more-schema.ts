import { z } from 'zod';

/**
 * ModuleSpec 1.1 "more views" of a model (keys of `views`): a calendar, a pivot table, a graph,
 * an activity view, a search panel beside the list and kanban, and smart buttons on the form
 * counting related records and opening them. Self-contained (zod only): module-spec-schema.ts
 * spreads `moreViewsShape` into its `views` object.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (what: string) =>
  z
    .string({ error: `expected ${what} (a string)` })
    .min(1, `${what} must not be empty`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${what} must not contain control characters`);
const fieldName = z.string({ error: 'expected a field name' }).regex(IDENTIFIER, {
  error: 'expected a field name: lowercase letters, digits and _, starting with a letter',
});
const fieldList = (what: string) =>
  z.array(fieldName, { error: `expected a list of field names (${what})` }).min(1, 'list at least one field');

export const CALENDAR_MODES = ['day', 'week', 'month', 'year'] as const;
export const GRAPH_TYPES = ['bar', 'line', 'pie'] as const;

export const calendarViewSchema = z
  .strictObject(
    {
      start: fieldName,
      stop: fieldName.optional(),
      color: fieldName.optional(),
      mode: z.enum(CALENDAR_MODES, { error: `expected one of ${CALENDAR_MODES.join(', ')}` }).optional(),
    },
    { error: 'expected {start: <date field>, stop: <date field>, color: <field>, mode: month}' },
  )
  .describe(
    'A calendar of the records: `start` (and `stop`) are stored date or datetime fields; `color` a many2one, selection or integer field that colours them; `mode` the first scale shown (default month).',
  );

export const pivotViewSchema = z
  .strictObject(
    {
      rows: fieldList('grouped in rows').optional(),
      columns: fieldList('grouped in columns').optional(),
      measures: fieldList('numbers summed').optional(),
    },
    { error: 'expected {rows: [<field>], columns: [<field>], measures: [<number field>]}' },
  )
  .describe(
    'A pivot table: `rows` and `columns` are stored fields it groups by (a date by month), `measures` stored integer or float fields it sums (the count is always there).',
  );

export const graphViewSchema = z
  .strictObject(
    {
      type: z.enum(GRAPH_TYPES, { error: `expected one of ${GRAPH_TYPES.join(', ')}` }).optional(),
      group_by: z
        .array(fieldName, { error: 'expected a list of field names (grouped by)' })
        .min(1, 'list at least one field')
        .max(2, 'a graph groups by at most 2 fields')
        .optional(),
      measure: fieldName.optional(),
    },
    { error: 'expected {type: bar, group_by: [<field>], measure: <number field>}' },
  )
  .describe(
    'A graph: `type` bar (default), line or pie; `group_by` one or two stored fields; `measure` a stored integer or float field (default: the count of records).',
  );

export const smartButtonSchema = z
  .strictObject(
    {
      one2many: fieldName.optional(),
      model: z
        .string({ error: 'expected a model name' })
        .regex(MODEL_NAME, { error: 'expected a dotted model name such as meeting.booking' })
        .optional(),
      field: fieldName.optional(),
      name: z
        .string({ error: 'expected a name' })
        .regex(IDENTIFIER, {
          error: 'expected a name: lowercase letters, digits and _, starting with a letter',
        })
        .optional(),
      label: text('a label such as "Bookings"').optional(),
      icon: z
        .string({ error: 'expected a Font Awesome icon' })
        .regex(/^fa-[a-z0-9-]+$/, { error: 'expected a Font Awesome icon such as fa-calendar' })
        .optional(),
    },
    {
      error:
        'expected {one2many: <one2many field>, label: "Bookings"} or {model: <model>, field: <its many2one to this model>, label: "Bookings"}',
    },
  )
  .describe(
    'A smart button on the form: it shows how many records of `one2many` (or of `model` whose many2one `field` points at this record) there are and opens them, filtered, with the record as their default. `name` (default: from the field or model) names the count field <name>_count and the method action_view_<name>.',
  );

export const moreViewsShape = {
  calendar: calendarViewSchema.optional(),
  pivot: pivotViewSchema.optional(),
  graph: graphViewSchema.optional(),
  activity: z
    .boolean({ error: 'expected true or false' })
    .describe('An activity view (the model needs mail.activity.mixin in mixins).')
    .optional(),
  search_panel: z
    .array(fieldName, { error: 'expected a list of field names' })
    .min(1, 'list at least one field')
    .describe(
      'A search panel beside the list and kanban: stored many2one or selection fields, each a list of values to filter by.',
    )
    .optional(),
  smart_buttons: z
    .array(smartButtonSchema, { error: 'expected a list of smart buttons' })
    .min(1, 'list at least one button')
    .describe('ModuleSpec 1.1: smart buttons on the form counting related records.')
    .optional(),
};
