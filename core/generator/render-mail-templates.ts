import { parseMailText, type MailPart } from '../spec/mail-placeholders.js';
import type { MailTemplateSpec } from '../spec/references/check-mail.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { specModel } from './render-scheduled.js';
import { el, renderOdooXml, type XmlElement, type XmlNode } from './xml-element.js';

/** The data file of the addon's mail templates (ModuleSpec 1.1 `mail_templates`). */
export const MAIL_DATA_FILE = 'data/mail_template_data.xml';

/** The label of the header button when `button: true`. */
export const SEND_BUTTON_LABEL = 'Send by email';

/** The spec's mail templates of `model`, none for an extension. */
export function mailTemplates(plan: AddonPlan, model: PlannedModel): MailTemplateSpec[] {
  return model.kind === 'model' ? (specModel(plan, model)?.mail_templates ?? []) : [];
}

export function mailTemplateXmlId(model: PlannedModel, template: MailTemplateSpec): string {
  return `mail_template_${model.table}_${template.name}`;
}

/** The method that posts the template on each record of a recordset. */
export function mailSendMethod(template: MailTemplateSpec): string {
  return `_mail_${template.name}_send`;
}

/** The header button's method: opens the mail composer with the template. */
export function mailButtonMethod(template: MailTemplateSpec): string {
  return `action_send_${template.name}`;
}

/** The recipient field is a many2one to a partner (else a char field holding an address). */
export function recipientIsPartner(model: PlannedModel, template: MailTemplateSpec): boolean {
  return model.fields.find((field) => field.name === template.to)?.spec.type === 'many2one';
}

function templateLabel(template: MailTemplateSpec): string {
  if (template.label !== undefined) return template.label;
  const words = template.name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function parts(source: string): MailPart[] {
  const parsed = parseMailText(source);
  return parsed.ok ? parsed.parts : [{ text: source }];
}

/** The expression a placeholder shows, on `record` (a many2one shows its display name). */
export function placeholderExpression(model: PlannedModel, field: string, record: string): string {
  const type = model.fields.find((candidate) => candidate.name === field)?.spec.type;
  return type === 'many2one' ? `${record}.${field}.display_name` : `${record}.${field}`;
}

/**
 * `data/mail_template_data.xml` (noupdate: an update keeps the wording an administrator edited):
 * one mail.template per spec template. The subject and recipients are inline templates
 * (`{{ object.field }}`, the syntax of 16.0, 17.0 and 18.0), the body is QWeb (`t-out`), one
 * paragraph per blank-line-separated block of the spec's body.
 */
export function renderMailTemplateData(plan: AddonPlan): string {
  const records = plan.models.flatMap((model) =>
    mailTemplates(plan, model).map((template) => {
      const inline = parts(template.subject)
        .map((part) =>
          'text' in part ? part.text : `{{ ${placeholderExpression(model, part.field, 'object')} }}`,
        )
        .join('');
      const partner = recipientIsPartner(model, template);
      return el('record', { id: mailTemplateXmlId(model, template), model: 'mail.template' }, [
        el('field', { name: 'name' }, [`${model.description}: ${templateLabel(template)}`]),
        el('field', { name: 'model_id', ref: `model_${model.table}` }),
        el('field', { name: 'subject' }, [inline]),
        partner
          ? el('field', { name: 'partner_to' }, [`{{ object.${template.to}.id }}`])
          : el('field', { name: 'email_to' }, [`{{ object.${template.to} }}`]),
        partner ? el('field', { name: 'lang' }, [`{{ object.${template.to}.lang }}`]) : undefined,
        el('field', { name: 'body_html', type: 'html' }, [
          el('div', {}, bodyParagraphs(model, template.body)),
        ]),
        el('field', { name: 'auto_delete', eval: 'True' }),
      ]);
    }),
  );
  return renderOdooXml(records, { noupdate: true });
}

function bodyParagraphs(model: PlannedModel, body: string): XmlElement[] {
  return body
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s*\n\s*/g, ' ').trim())
    .filter((block) => block.length > 0)
    .map((block) =>
      el(
        'p',
        {},
        parts(block).map((part): XmlNode =>
          'text' in part
            ? { text: part.text }
            : el('t', { 't-out': placeholderExpression(model, part.field, 'object') }),
        ),
      ),
    );
}

/**
 * The model's mail methods: `_mail_<template>_send()` posts the template on each record's
 * chatter to its recipients (16.0 `message_post_with_template`; 17.0 and 18.0
 * `message_post_with_source` as a comment, so the recipients get it by email), and for a
 * template with `button` the header button's `action_send_<template>()`, which opens the mail
 * composer on the record with the template (16.0 `default_res_id`, 17.0+ `default_res_ids`).
 */
export function renderMailMethods(plan: AddonPlan, model: PlannedModel): string[][] {
  const legacy = plan.profile.series === '16.0';
  return mailTemplates(plan, model).flatMap((template) => {
    const ref = `self.env.ref(${pyStr(`${plan.module}.${mailTemplateXmlId(model, template)}`)})`;
    const send = [
      `def ${mailSendMethod(template)}(self):`,
      `    """Posts the mail ${docText(templateLabel(template))} on each record, to its ${template.to}."""`,
      `    template = ${ref}`,
      '    for record in self:',
      legacy
        ? '        record.message_post_with_template(template.id)'
        : '        record.message_post_with_source(template, subtype_xmlid="mail.mt_comment")',
    ];
    if (template.button === undefined) return [send];
    return [
      send,
      [
        `def ${mailButtonMethod(template)}(self):`,
        `    """${docText(buttonLabel(template))}: the mail composer with the template ${docText(templateLabel(template))}."""`,
        '    self.ensure_one()',
        `    template = ${ref}`,
        '    return {',
        '        "type": "ir.actions.act_window",',
        '        "res_model": "mail.compose.message",',
        '        "view_mode": "form",',
        '        "views": [(False, "form")],',
        '        "target": "new",',
        '        "context": {',
        '            "default_model": self._name,',
        legacy ? '            "default_res_id": self.id,' : '            "default_res_ids": self.ids,',
        '            "default_template_id": template.id,',
        '            "default_composition_mode": "comment",',
        '            "force_email": True,',
        '        },',
        '    }',
      ],
    ];
  });
}

/** Lines a workflow button runs after its write: the templates sent on it. */
export function mailTransitionLines(plan: AddonPlan, model: PlannedModel, button: string): string[] {
  return mailTemplates(plan, model)
    .filter((template) => (template.send_on ?? []).includes(button))
    .map((template) => `    self.${mailSendMethod(template)}()`);
}

export function buttonLabel(template: MailTemplateSpec): string {
  return template.button === true || template.button === undefined ? SEND_BUTTON_LABEL : template.button;
}

/** The form header's "Send by email" buttons. */
export function mailHeaderButtons(plan: AddonPlan, model: PlannedModel): XmlElement[] {
  return mailTemplates(plan, model)
    .filter((template) => template.button !== undefined)
    .map((template) =>
      el('button', { name: mailButtonMethod(template), type: 'object', string: buttonLabel(template) }),
    );
}

/** The form's header with the templates' buttons before its status bar (a header of its own if none). */
export function withMailButtons(
  plan: AddonPlan,
  model: PlannedModel,
  header: XmlElement | undefined,
): XmlElement | undefined {
  const buttons = mailHeaderButtons(plan, model);
  if (buttons.length === 0) return header;
  if (header === undefined) return el('header', {}, buttons);
  const at = header.children.findIndex((child) => 'name' in child && child.name === 'field');
  const children =
    at < 0
      ? [...header.children, ...buttons]
      : [...header.children.slice(0, at), ...buttons, ...header.children.slice(at)];
  return { ...header, children };
}

function docText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}
