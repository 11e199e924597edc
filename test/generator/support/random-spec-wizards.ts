import type { ModelSpec } from '../../../core/spec/module-spec.js';
import { WIZARD_FIELD_TYPES, type wizardFieldSchema } from '../../../core/spec/wizard-schema.js';
import type { z } from 'zod';
import { isPlain, TEXTS, type ModelDraft } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';

type WizardFieldSpec = z.infer<typeof wizardFieldSchema>;
const TYPES: ReadonlySet<string> = new Set(WIZARD_FIELD_TYPES);

/**
 * ModuleSpec 1.1 `wizards`: a wizard writing one or two plain fields of the model (the same
 * type, comodel and options), sometimes with a field it only shows, and/or moving the records
 * to a state a workflow button leads to; opened by a button, the list's Action menu or both.
 */
export function addWizards(ctx: SpecContext, model: ModelDraft): void {
  const d = ctx.d;
  if (!d.chance(30)) return;
  const writable = Object.entries(model.spec.fields).filter(
    ([, field]) =>
      isPlain(field) && field.sequence === undefined && TYPES.has(field.type) && field.readonly !== true,
  );
  const targets = [...new Set((model.spec.workflow?.buttons ?? []).map((button) => button.to))];
  const wizards: NonNullable<ModelSpec['wizards']> = [];
  if (writable.length > 0) {
    const written = d.subset(writable, 1, Math.min(2, writable.length));
    const fields: Record<string, WizardFieldSpec> = {};
    for (const [name, field] of written) {
      fields[name] = dropEmpty({
        type: field.type as WizardFieldSpec['type'],
        string: d.chance(40) ? d.pick(TEXTS) : undefined,
        required: d.chance(50) ? true : undefined,
        options: field.type === 'selection' ? field.options : undefined,
        comodel: field.type === 'many2one' ? field.comodel : undefined,
      });
    }
    if (d.chance(30) && !('wizard_note' in fields)) fields['wizard_note'] = { type: 'text' };
    const opened = d.pick([{}, { button: false }, { list_action: false }]);
    wizards.push({
      name: 'bulk_update',
      label: d.pick(TEXTS),
      fields,
      write: written.map(([name]) => name),
      move_to: targets.length > 0 && d.chance(40) ? d.pick(targets) : undefined,
      ...opened,
    });
  }
  if (targets.length > 0 && d.chance(50))
    wizards.push({ name: 'advance', label: d.pick(TEXTS), move_to: d.pick(targets) });
  if (wizards.length > 0) model.spec.wizards = wizards.map((wizard) => dropEmpty(wizard));
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
