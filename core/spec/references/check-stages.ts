import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModuleSpec } from '../module-spec.js';
import { isStageField, STAGE_FIELDS, stageModelNames } from '../stage-fields.js';
import type { SpecPath } from './spec-model-index.js';

/**
 * `stages` (ModuleSpec 1.1), on the spec as written: the stage fields a stage model declares
 * itself keep their types, each stage is listed once, some many2one refers to the stage model,
 * and a stage field is one the user sets (not computed or related) starting in the first stage.
 */
export function checkStages(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  const stageModels = stageModelNames(spec);
  const referred = new Set<string>();
  const fieldsOf = [
    ...(spec.models ?? []).map((model, i) => ({ fields: model.fields, at: ['models', i] as SpecPath })),
    ...(spec.extend ?? []).map((extension, i) => ({ fields: extension.fields, at: ['extend', i] as SpecPath })),
  ];
  for (const { fields, at } of fieldsOf) {
    for (const [name, field] of Object.entries(fields)) {
      if (!isStageField(field, stageModels)) continue;
      referred.add(field.comodel ?? '');
      for (const key of ['compute', 'related', 'default'] as const) {
        if (field[key] !== undefined)
          add(
            [...at, 'fields', name, key],
            `${name} is the stage of its record (a many2one to the stage model ${field.comodel ?? ''}): the user moves it and a new record starts in the first stage, remove ${key}`,
          );
      }
    }
  }
  (spec.models ?? []).forEach((model, i) => {
    if (model.stages === undefined) return;
    for (const [name, expected] of Object.entries(STAGE_FIELDS)) {
      const declared = model.fields[name];
      if (declared !== undefined && declared.type !== expected.type)
        add(
          ['models', i, 'fields', name, 'type'],
          `a stage model's ${name} is a ${expected.type} field (stages adds it): write type: ${expected.type} or leave ${name} out`,
        );
    }
    const seen = new Set<string>();
    model.stages.forEach((stage, s) => {
      const label = typeof stage === 'string' ? stage : stage.name;
      if (seen.has(label))
        add(['models', i, 'stages', s], `stage ${JSON.stringify(label)} is listed twice in ${model.name}'s stages: list each stage once`);
      seen.add(label);
    });
    if (!referred.has(model.name))
      add(
        ['models', i, 'stages'],
        `no field refers to the stage model ${model.name}: add stage_id: {type: many2one, comodel: ${model.name}} to the model it stages`,
      );
  });
  return errors;
}
