import { z } from 'zod';

/**
 * ModuleSpec 1.1 `wizards` of a model: a transient model with its own fields and a form, opened
 * from a header button of the record's form and/or the Action menu of the list's selection; its
 * Confirm writes values onto the selected records and/or moves them through the workflow.
 * Self-contained (zod only): module-spec-schema.ts imports it.
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
const identifier = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(IDENTIFIER, {
    error: `expected ${what}: lowercase letters, digits and _, starting with a letter`,
  });
const flag = z.boolean({ error: 'expected true or false' });

/** The field types a wizard may ask for (values written onto records or shown to the user). */
export const WIZARD_FIELD_TYPES = [
  'char',
  'text',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'selection',
  'many2one',
] as const;

export const wizardFieldSchema = z.strictObject(
  {
    type: z.enum(WIZARD_FIELD_TYPES, { error: `expected one of ${WIZARD_FIELD_TYPES.join(', ')}` }),
    string: text('a label').optional(),
    required: flag.optional(),
    help: text('a help text').optional(),
    options: z
      .record(z.string(), text('an option label'), { error: 'expected a mapping key → label' })
      .optional(),
    comodel: z
      .string({ error: 'expected a model name' })
      .regex(MODEL_NAME, { error: 'expected a dotted model name such as res.partner' })
      .optional(),
  },
  { error: 'expected a field definition such as {type: date, string: New due date, required: true}' },
);

export const wizardSchema = z
  .strictObject(
    {
      name: identifier('a wizard name such as extend'),
      label: text('a label such as "Extend loans"'),
      fields: z
        .record(identifier('a field name'), wizardFieldSchema, {
          error: 'expected a mapping field name → definition',
        })
        .optional(),
      write: z
        .array(identifier('a field name'), { error: 'expected a list of wizard field names' })
        .min(1, 'list at least one field')
        .optional(),
      move_to: z.string({ error: 'expected a state of the workflow' }).optional(),
      button: flag.optional(),
      list_action: flag.optional(),
    },
    {
      error:
        'expected {name: extend, label: "Extend loans", fields: {date_due: {type: date}}, write: [date_due]} or {name, label, move_to: <state>}',
    },
  )
  .describe(
    'A wizard (transient model) on the selected records: its fields in a dialog; Confirm writes the wizard fields named in `write` onto the records fields of the same name and/or moves the records to the workflow state `move_to` (only from states a workflow button leads from). Opened by a header button of the form (`button`, default true) and from the Action menu of the list (`list_action`, default true).',
  );

export const wizardsSchema = z
  .array(wizardSchema, { error: 'expected a list of wizards' })
  .min(1, 'list at least one wizard')
  .describe('ModuleSpec 1.1: wizards acting on the selected records of this model.');
