import { z } from 'zod';

/**
 * ModuleSpec 1.1 `mail_templates` of a model: a mail.template whose subject and body hold
 * `{{ field }}` placeholders (fields of the record), sent to the partner or the address of a
 * field, on workflow transitions (`send_on`) and/or by a "Send by email" header button.
 * Self-contained (zod only): module-spec-schema.ts imports it.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
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

export const mailTemplateSchema = z
  .strictObject(
    {
      name: identifier('a template name'),
      label: text('a label such as "Request closed"').optional(),
      subject: text('a subject such as "Request {{ name }} closed"'),
      body: text('a body such as "Dear {{ partner_id }}, your request {{ name }} is closed."'),
      to: identifier('the field of the recipient (a many2one to res.partner or a char email field)'),
      send_on: z
        .array(identifier('a workflow button name'), { error: 'expected a list of workflow button names' })
        .min(1, 'list at least one button')
        .optional(),
      button: z
        .union([z.literal(true), text('a button label such as "Send by email"')], {
          error: 'expected true or a button label such as "Send by email"',
        })
        .optional(),
    },
    { error: 'expected {name, subject, body, to, send_on: [button], button: "Send by email"}' },
  )
  .describe(
    'A mail template: subject and body with {{ field }} placeholders, sent to the partner (many2one to res.partner) or the email (char) of the field `to`, after the workflow buttons of `send_on` and/or by a header button.',
  );

export const mailTemplatesSchema = z
  .array(mailTemplateSchema, { error: 'expected a list of mail templates' })
  .min(1, 'list at least one template')
  .describe('ModuleSpec 1.1: mail templates of this model (needs mail.thread in mixins).');
