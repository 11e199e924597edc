import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import { checkModelExpression } from './check-expression-compute.js';
import { choices, isStoredField, X2MANY_TYPES, type SpecPath } from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/**
 * Python constraints (ModuleSpec 1.1): `condition` is a sound expression giving true or false;
 * `no_overlap` names a stored field to compare and two stored date (or datetime) fields of the
 * range. Both only on models of the spec.
 */
export function checkPythonConstraints(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    (model.constraints ?? []).forEach((constraint, c) => {
      const at: SpecPath = ['models', i, 'constraints', c];
      if (constraint.condition !== undefined) {
        const here = [...at, 'condition'];
        const typed = checkModelExpression(spec, model.name, constraint.condition, here, add);
        const result = typed?.types.get(typed.root)?.type;
        if (result !== undefined && result !== 'boolean')
          add(here, `a condition gives true or false, not a ${result}: compare it, e.g. ${constraint.condition} > 0`);
      }
      if (constraint.no_overlap !== undefined) checkNoOverlap(model, constraint.no_overlap, [...at, 'no_overlap'], add);
    });
  });
  (spec.extend ?? []).forEach((extension, i) => {
    (extension.constraints ?? []).forEach((constraint, c) => {
      for (const key of ['condition', 'no_overlap'] as const) {
        if (constraint[key] !== undefined)
          add(
            ['extend', i, 'constraints', c, key],
            `${key} constraints apply to the spec's models, not to ${extension.model}: use an SQL check here`,
          );
      }
    });
  });
  return errors;
}

function checkNoOverlap(
  model: ModelSpec,
  rule: { same: string; start: string; end: string },
  at: SpecPath,
  add: Add,
): void {
  const stored = Object.entries(model.fields)
    .filter(([, field]) => isStoredField(field))
    .map(([name]) => name);
  const same = model.fields[rule.same];
  if (same === undefined || !isStoredField(same) || X2MANY_TYPES.has(same.type))
    add(
      [...at, 'same'],
      `${rule.same} is not a stored field of ${model.name}: ${choices('stored fields', stored, rule.same)}`,
    );
  const dates = Object.entries(model.fields)
    .filter(([, field]) => (field.type === 'date' || field.type === 'datetime') && isStoredField(field))
    .map(([name]) => name);
  for (const key of ['start', 'end'] as const) {
    const field = model.fields[rule[key]];
    if (field === undefined || !dates.includes(rule[key]))
      add(
        [...at, key],
        `${rule[key]} is not a stored date or datetime field of ${model.name}: ${choices('date fields', dates, rule[key])}`,
      );
  }
  const [start, end] = [model.fields[rule.start], model.fields[rule.end]];
  if (rule.start === rule.end) add([...at, 'end'], 'a range needs two fields: start and end are the same');
  else if (start && end && dates.includes(rule.start) && dates.includes(rule.end) && start.type !== end.type)
    add([...at, 'end'], `start is a ${start.type} field and end a ${end.type} field: use two of one type`);
}
