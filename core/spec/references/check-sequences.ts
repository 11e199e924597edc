import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModuleSpec } from '../module-spec.js';
import type { SpecPath } from './spec-model-index.js';

/** The date parts Odoo's ir.sequence interpolates in a prefix or suffix (`%(year)s`). */
export const SEQUENCE_DATE_PARTS = [
  'year',
  'month',
  'day',
  'y',
  'doy',
  'woy',
  'weekday',
  'h24',
  'h12',
  'min',
  'sec',
] as const;

const KNOWN_PARTS: ReadonlySet<string> = new Set(
  SEQUENCE_DATE_PARTS.flatMap((part) => [part, `range_${part}`, `current_${part}`]),
);

/**
 * `sequence` on a field (ModuleSpec 1.1): a field of `models`, one per model, neither given a
 * default nor computed, with a prefix and suffix Odoo can interpolate (`%(year)s`, `%%`).
 * That it is a char field is checked with the other type-bound keys.
 */
export function checkSequences(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    let first: string | undefined;
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.sequence === undefined) continue;
      const at: SpecPath = ['models', i, 'fields', name];
      if (first !== undefined)
        add(
          [...at, 'sequence'],
          `${model.name} already numbers ${first} with a sequence: a model has one numbered field`,
        );
      first ??= name;
      for (const key of ['default', 'compute', 'related'] as const) {
        if (field[key] !== undefined)
          add(
            [...at, key],
            `a numbered field shows "New" until it gets its number on create: remove ${key}`,
          );
      }
      for (const key of ['prefix', 'suffix'] as const) {
        const problem = interpolationProblem(field.sequence[key]);
        if (problem !== undefined) add([...at, 'sequence', key], problem);
      }
    }
  });
  (spec.extend ?? []).forEach((extension, i) => {
    for (const [name, field] of Object.entries(extension.fields)) {
      if (field.sequence !== undefined)
        add(
          ['extend', i, 'fields', name, 'sequence'],
          `a sequence numbers the records of a model of this spec (models), not of ${extension.model}: remove sequence`,
        );
    }
  });
  return errors;
}

/** Why Odoo could not interpolate `text` (`text % parts`), or undefined when it can. */
function interpolationProblem(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  for (const match of text.matchAll(/%(\(([^)]*)\)s|%|.?)/g)) {
    const [whole, form, part] = match;
    if (form === '%') continue;
    if (part !== undefined && KNOWN_PARTS.has(part)) continue;
    if (part !== undefined)
      return `unknown date part ${whole} in ${JSON.stringify(text)}: expected one of ${SEQUENCE_DATE_PARTS.map((p) => `%(${p})s`).join(', ')}`;
    return `${JSON.stringify(text)} has a % that is not a date part: write %(year)s for a date part, %% for a percent sign`;
  }
  return undefined;
}
