import type { FieldSpec, ModelSpec, ModuleSpec } from './module-spec.js';

/**
 * The fields every stage model has (ModuleSpec 1.1 `stages`), in this order, before the
 * model's own. A model may declare one of them itself (a help text, another label), with the
 * same type: its definition is kept.
 */
export const STAGE_FIELDS: Readonly<Record<'name' | 'sequence' | 'fold', FieldSpec>> = {
  name: { type: 'char', string: 'Stage Name', required: true, translate: true },
  sequence: { type: 'integer', default: 10 },
  fold: {
    type: 'boolean',
    string: 'Folded in Kanban',
    help: 'Shown as a folded column in the kanban view when it has no record to show.',
  },
};

/** The order of a stage model when the spec gives none: by sequence, then by creation. */
export const STAGE_ORDER = 'sequence, id';

/** The names of the spec's stage models (models with `stages`). */
export function stageModelNames(spec: ModuleSpec): Set<string> {
  return new Set((spec.models ?? []).filter((model) => model.stages !== undefined).map((model) => model.name));
}

/** Whether a field is the stage of its record: a many2one to one of the spec's stage models. */
export function isStageField(field: FieldSpec, stageModels: ReadonlySet<string>): boolean {
  return field.type === 'many2one' && field.comodel !== undefined && stageModels.has(field.comodel);
}

/**
 * The spec as the checks and the generator see it: each stage model with the stage fields and
 * its order, each model with a stage field shown as a kanban unless it says `kanban: false`.
 * Models keep their places (error paths stay those of the text); the spec is not changed.
 * A spec without `stages` is returned as it is.
 */
export function withStageFields(spec: ModuleSpec): ModuleSpec {
  const stageModels = stageModelNames(spec);
  if (stageModels.size === 0) return spec;
  return { ...spec, models: (spec.models ?? []).map((model) => expandModel(model, stageModels)) };
}

function expandModel(model: ModelSpec, stageModels: ReadonlySet<string>): ModelSpec {
  let expanded = model;
  if (model.stages !== undefined) {
    expanded = {
      ...expanded,
      order: model.order ?? STAGE_ORDER,
      fields: { ...STAGE_FIELDS, ...model.fields },
    };
  }
  const staged = Object.values(model.fields).some((field) => isStageField(field, stageModels));
  if (staged && model.views?.kanban === undefined) {
    expanded = { ...expanded, views: { ...model.views, kanban: true } };
  }
  return expanded;
}
