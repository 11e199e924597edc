import type { SpecReferenceError } from '../check-spec-references.js';
import { parseMailText, PLACEHOLDER_TYPES } from '../mail-placeholders.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import { choices, type SpecPath } from './spec-model-index.js';

export type MailTemplateSpec = NonNullable<ModelSpec['mail_templates']>[number];

type Add = (pathKeys: SpecPath, message: string) => void;

/**
 * `mail_templates` (ModuleSpec 1.1): the model posts messages (mail.thread in its mixins); each
 * template named once per model; its subject and body placeholders name fields of the model a
 * mail can show; `to` is a many2one to res.partner or a char field (an address); `send_on` names
 * workflow buttons. A scheduled job's `send_mail` names a template of its model.
 */
export function checkMailTemplates(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    const templates = model.mail_templates ?? [];
    if (templates.length > 0 && !(model.mixins ?? []).includes('mail.thread'))
      add(
        ['models', i, 'mail_templates'],
        `mail templates post on the record's chatter: add mail.thread to ${model.name}'s mixins`,
      );
    const seen = new Set<string>();
    templates.forEach((template, j) => {
      const at: SpecPath = ['models', i, 'mail_templates', j];
      if (seen.has(template.name))
        add(
          [...at, 'name'],
          `${model.name} already has a mail template ${template.name}: name each template once`,
        );
      seen.add(template.name);
      checkText(model, template.subject, [...at, 'subject'], add);
      checkText(model, template.body, [...at, 'body'], add);
      checkRecipient(model, template.to, [...at, 'to'], add);
      const buttons = (model.workflow?.buttons ?? []).map((button) => button.name);
      (template.send_on ?? []).forEach((name, k) => {
        if (model.workflow === undefined)
          add([...at, 'send_on', k], `${model.name} has no workflow: send_on names workflow buttons`);
        else if (!buttons.includes(name))
          add([...at, 'send_on', k], `no workflow button ${name}: ${choices('buttons', buttons, name)}`);
      });
    });
    const names = templates.map((template) => template.name);
    (model.scheduled ?? []).forEach((job, j) => {
      if (job.send_mail !== undefined && !names.includes(job.send_mail))
        add(
          ['models', i, 'scheduled', j, 'send_mail'],
          `${model.name} has no mail template ${job.send_mail}: ${choices('mail templates', names, job.send_mail)}`,
        );
    });
  });
  return errors;
}

function checkText(model: ModelSpec, source: string, at: SpecPath, add: Add): void {
  const parsed = parseMailText(source);
  if (!parsed.ok) {
    add(at, parsed.problem);
    return;
  }
  for (const part of parsed.parts) {
    if (!('field' in part)) continue;
    const field = model.fields[part.field];
    if (field === undefined)
      add(
        at,
        `placeholder {{ ${part.field} }}: ${model.name} has no field ${part.field}: ${choices('fields', Object.keys(model.fields), part.field)}`,
      );
    else if (!PLACEHOLDER_TYPES.has(field.type))
      add(
        at,
        `placeholder {{ ${part.field} }}: a mail shows plain values and many2ones, ${part.field} is a ${field.type} field`,
      );
  }
}

function checkRecipient(model: ModelSpec, name: string, at: SpecPath, add: Add): void {
  const field = model.fields[name];
  const fit = Object.entries(model.fields)
    .filter(
      ([, candidate]) =>
        (candidate.type === 'many2one' && candidate.comodel === 'res.partner') || candidate.type === 'char',
    )
    .filter(([, candidate]) => !notByHand(candidate))
    .map(([key]) => key);
  if (field === undefined)
    add(at, `${model.name} has no field ${name}: ${choices('recipient fields', fit, name)}`);
  else if (notByHand(field))
    add(at, `${name} is not set by hand (${notByHand(field)}): the recipient is a field the user fills`);
  else if (!(field.type === 'char' || (field.type === 'many2one' && field.comodel === 'res.partner')))
    add(
      at,
      `${name} is not a many2one to res.partner nor a char (email) field: ${choices('recipient fields', fit, name)}`,
    );
}

function notByHand(field: ModelSpec['fields'][string]): string | undefined {
  if (field.compute !== undefined) return 'computed';
  if (field.related !== undefined) return 'related';
  return field.sequence !== undefined ? 'numbered' : undefined;
}
