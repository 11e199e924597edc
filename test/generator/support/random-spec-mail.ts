import type { ModelSpec } from '../../../core/spec/module-spec.js';
import { PLACEHOLDER_TYPES } from '../../../core/spec/mail-placeholders.js';
import { dropUndefined, isPlain, TEXTS, type ModelDraft } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';

/**
 * ModuleSpec 1.1 `mail_templates` in a random spec (see random-spec.ts), on a model with
 * mail.thread: one or two templates whose subject and body show random fields, to a partner
 * many2one or an email char field (added when the model has none), sent on workflow buttons, by a
 * header button and/or by a `send_mail` scheduled job. Valid by construction.
 */
export function addMailTemplates(ctx: SpecContext, model: ModelDraft): void {
  const d = ctx.d;
  if (!(model.spec.mixins ?? []).includes('mail.thread') || !d.chance(30)) return;
  const fields = Object.entries(model.spec.fields);
  const recipients = fields
    .filter(
      ([, field]) => (field.type === 'many2one' && field.comodel === 'res.partner') || field.type === 'char',
    )
    .filter(([, field]) => isPlain(field) && field.sequence === undefined)
    .map(([name]) => name);
  const to =
    recipients.length > 0 && d.chance(60)
      ? d.pick(recipients)
      : d.chance(50)
        ? ctx.addField(model, 'mail_partner', { type: 'many2one', comodel: 'res.partner' }, '_id')
        : ctx.addField(model, 'mail_email', { type: 'char' });
  const shown = Object.entries(model.spec.fields)
    .filter(
      ([, field]) => PLACEHOLDER_TYPES.has(field.type) && (isPlain(field) || field.related !== undefined),
    )
    .map(([name]) => name);
  const placeholder = () => (shown.length > 0 ? `{{ ${d.pick(shown)} }}` : '');
  const buttons = (model.spec.workflow?.buttons ?? []).map((button) => button.name);
  const templates: NonNullable<ModelSpec['mail_templates']> = [];
  for (const name of d.chance(30) ? ['notify', 'remind'] : ['notify']) {
    const sendOn = buttons.length > 0 && d.chance(60) ? d.subset(buttons, 1) : undefined;
    templates.push(
      dropUndefined({
        name,
        label: d.chance(50) ? d.pick(TEXTS) : undefined,
        subject: `${d.pick(TEXTS)} ${placeholder()}`.trim(),
        body: `${placeholder()} ${d.pick(TEXTS)}\n\n${d.pick(TEXTS)} ${placeholder()}`.trim(),
        to,
        send_on: sendOn,
        button: d.chance(40) ? true : d.chance(30) ? d.pick(TEXTS) : undefined,
      }),
    );
  }
  model.spec.mail_templates = templates;
  if (d.chance(40)) {
    const job = {
      name: 'mail_records',
      every: { number: d.int(1, 5), unit: 'days' as const },
      send_mail: d.pick(templates).name,
    };
    model.spec.scheduled = [...(model.spec.scheduled ?? []), job];
  }
}
