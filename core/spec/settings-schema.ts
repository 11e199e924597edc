import { z } from 'zod';

/**
 * ModuleSpec 1.1 `settings` of the module: fields of `res.config.settings` shown in the Settings
 * app under the module's own block, each kept as a system parameter (`config_parameter`) or on
 * the user's company (`company_field`, a field the addon adds to res.company).
 * Self-contained (zod only): module-spec-schema.ts imports it.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const PARAMETER_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
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

/** The field types a setting may have (what Odoo keeps as a system parameter, and shows in one line). */
export const SETTING_TYPES = ['boolean', 'char', 'integer', 'float', 'selection'] as const;

export const settingSchema = z
  .strictObject(
    {
      name: identifier('a field name such as helpdesk_deadline_days'),
      type: z.enum(SETTING_TYPES, { error: `expected one of ${SETTING_TYPES.join(', ')}` }),
      label: text('a label such as "Default deadline (days)"').optional(),
      help: text('a help text shown under the label').optional(),
      options: z
        .record(z.string(), text('an option label'), { error: 'expected a mapping key → label' })
        .optional(),
      default: z
        .union([z.string(), z.number(), z.boolean()], { error: 'expected a string, a number or true/false' })
        .optional(),
      config_parameter: z
        .union(
          [
            z.literal(true),
            z.string({ error: 'expected a parameter key' }).regex(PARAMETER_KEY, {
              error: 'expected a dotted parameter key such as helpdesk_lite.deadline_days',
            }),
          ],
          { error: 'expected true or a dotted parameter key such as helpdesk_lite.deadline_days' },
        )
        .optional(),
      company_field: z
        .union([z.literal(true), identifier('a field name of res.company')], {
          error: 'expected true or the name of the res.company field',
        })
        .optional(),
    },
    {
      error:
        'expected {name, type, label, help, default, config_parameter: true} or {name, type, label, company_field: true}',
    },
  )
  .describe(
    'A setting in the Settings app, in the module\'s block: a res.config.settings field kept as a system parameter (config_parameter: true for the key "<module>.<name>", or the key) or on the company (company_field: true for a res.company field of the same name, or its name); default is its value before anyone sets it.',
  );

export const settingsSchema = z
  .array(settingSchema, { error: 'expected a list of settings' })
  .min(1, 'list at least one setting')
  .describe(
    'ModuleSpec 1.1: settings of the module, shown in the Settings app (adds base_setup to depends).',
  );
