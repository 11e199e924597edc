import { fieldLabel } from '../../odoo/field-label.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';

/** One entry of a model's `views.smart_buttons` (ModuleSpec 1.1). */
export type SmartButtonSpec = NonNullable<NonNullable<ModelSpec['views']>['smart_buttons']>[number];

/** What a smart button counts and opens, and the names the generator gives it. */
export interface SmartButtonTarget {
  /** The counted records' model. */
  comodel: string;
  /** Their many2one pointing at the record. */
  inverse: string;
  /** `booking` → count field `booking_count`, method `action_view_booking`. */
  stem: string;
  countField: string;
  countLabel: string;
  method: string;
  /** The text under the count. */
  label: string;
  icon: string;
  /** The model already has the count (`<stem>_count: {compute: {count: <the one2many>}}`): it is shown, not added. */
  reused: boolean;
}

/**
 * The counted model and its many2one for a smart button of `model`, or undefined when the
 * button does not say them (one2many without comodel/inverse, model without field): the checks
 * report those.
 */
export function smartButtonTarget(
  spec: ModuleSpec,
  model: ModelSpec,
  button: SmartButtonSpec,
): SmartButtonTarget | undefined {
  let comodel: string | undefined;
  let inverse: string | undefined;
  let stem: string;
  let defaultLabel: string | undefined;
  if (button.one2many !== undefined) {
    const field = model.fields[button.one2many];
    comodel = field?.comodel;
    inverse = field?.inverse;
    stem = button.one2many.replace(/_ids$/, '');
    defaultLabel = field?.string ?? fieldLabel(button.one2many);
  } else {
    comodel = button.model;
    inverse = button.field;
    stem = (button.model ?? '').split('.').pop() ?? 'record';
    const target = (spec.models ?? []).find((candidate) => candidate.name === button.model);
    defaultLabel = target?.title;
  }
  if (comodel === undefined || inverse === undefined) return undefined;
  stem = button.name ?? stem;
  const label = button.label ?? defaultLabel ?? fieldLabel(stem);
  const countField = `${stem}_count`;
  const existing = model.fields[countField];
  return {
    comodel,
    inverse,
    stem,
    countField,
    countLabel: `${label} Count`,
    method: `action_view_${stem}`,
    label,
    icon: button.icon ?? 'fa-list',
    reused:
      button.one2many !== undefined &&
      existing?.type === 'integer' &&
      existing.compute?.count === button.one2many,
  };
}
