import { parseMailText } from '../spec/mail-placeholders.js';
import type { MailTemplateSpec } from '../spec/references/check-mail.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import {
  mailButtonMethod,
  mailSendMethod,
  mailTemplates,
  mailTemplateXmlId,
  placeholderExpression,
  recipientIsPartner,
} from './render-mail-templates.js';

/** The address the generated tests send to (the test transaction never sends mail). */
const TEST_ADDRESS = 'forge.recipient@example.com';

/**
 * The subject the template renders for `record`, as a Python expression: the spec's text with
 * each placeholder's value (nothing for an unset value, as Odoo's inline templates render it).
 */
export function expectedSubject(model: PlannedModel, template: MailTemplateSpec, record: string): string {
  const parsed = parseMailText(template.subject);
  const parts = parsed.ok ? parsed.parts : [{ text: template.subject }];
  const pieces = parts.map((part) => {
    if ('text' in part) return pyStr(part.text);
    const value = placeholderExpression(model, part.field, record);
    return `(str(${value}) if ${value} else "")`;
  });
  return pieces.length === 1 ? (pieces[0] ?? '""') : pieces.join(' + ');
}

/** Assertion lines: `record` has one message of the template (by its rendered subject). */
export function mailPostedLines(model: PlannedModel, template: MailTemplateSpec, record: string): string[] {
  return [
    `subject = ${expectedSubject(model, template, record)}`,
    `message = ${record}.message_ids.filtered(lambda message: message.subject == subject)`,
    'self.assertEqual(len(message), 1)',
  ];
}

/**
 * The generated tests of each template: the mail.template is loaded for the model; sent on a
 * record whose recipient is set (after each `send_on` button, and from the composer the header
 * button opens), the record has the message with the rendered subject, addressed to the
 * recipient (in a test Odoo's mail server sends nothing).
 */
export function mailTemplateTests(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  return mailTemplates(plan, model).flatMap((template) => {
    const ref = pyStr(`${plan.module}.${mailTemplateXmlId(model, template)}`);
    const partner = recipientIsPartner(model, template);
    const setup = partner
      ? [
          `    partner = self.env["res.partner"].create({"name": "Forge Recipient", "email": ${pyStr(TEST_ADDRESS)}})`,
          `    record = self._create_record(${template.to}=partner.id)`,
        ]
      : [`    record = self._create_record(${template.to}=${pyStr(TEST_ADDRESS)})`];
    const queued = [
      // Notification mails are sent at once in a test (to nowhere) and deleted: the recipient is asserted.
      `    self.assertIn(${pyStr(TEST_ADDRESS)}, message.partner_ids.mapped("email"))`,
    ];
    const tests: string[][] = [
      [
        `def ${name(`mail ${template.name} is sent`)}(self):`,
        `    template = self.env.ref(${ref})`,
        `    self.assertEqual(template.model_id.model, ${pyStr(model.name)})`,
        ...setup,
        `    record.${mailSendMethod(template)}()`,
        ...mailPostedLines(model, template, 'record').map((line) => `    ${line}`),
        ...queued,
      ],
    ];
    const workflow = model.workflow;
    for (const button of workflow?.buttons.filter((candidate) =>
      (template.send_on ?? []).includes(candidate.name),
    ) ?? []) {
      tests.push([
        `def ${name(`mail ${template.name} on ${button.name}`)}(self):`,
        ...setup,
        `    record.write({${pyStr(workflow?.field ?? 'state')}: ${pyStr(button.from[0] ?? '')}})`,
        `    record.${button.name}()`,
        ...mailPostedLines(model, template, 'record').map((line) => `    ${line}`),
      ]);
    }
    if (template.button !== undefined)
      tests.push([
        `def ${name(`mail ${template.name} by button`)}(self):`,
        ...setup,
        `    action = record.${mailButtonMethod(template)}()`,
        '    self.assertEqual(action["res_model"], "mail.compose.message")',
        '    composer = Form(self.env["mail.compose.message"].with_context(action["context"]))',
        '    composer.save().action_send_mail()',
        ...mailPostedLines(model, template, 'record').map((line) => `    ${line}`),
        ...queued,
      ]);
    return tests;
  });
}
