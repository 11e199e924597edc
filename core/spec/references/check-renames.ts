import type { SpecReferenceError } from '../check-spec-references.js';
import type { FieldSpec, ModuleSpec } from '../module-spec.js';
import { isStoredField, type SpecPath } from './spec-model-index.js';

/**
 * Upgrade safety keys (docs/upgrade-safety.md): `renamed_from` names the field's previous name,
 * which must not be a field of the model any more, on a stored field with a column, at most one
 * field per old name; `mapped_from` on a selection maps old keys, which must be gone from
 * `options`, to keys of `options`.
 */
export function checkRenames(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  const places: { fields: Record<string, FieldSpec>; path: SpecPath; model: string }[] = [
    ...(spec.models ?? []).map((model, i) => ({
      fields: model.fields,
      path: ['models', i] as SpecPath,
      model: model.name,
    })),
    ...(spec.extend ?? []).map((extension, i) => ({
      fields: extension.fields,
      path: ['extend', i] as SpecPath,
      model: extension.model,
    })),
  ];
  const names = new Set((spec.models ?? []).map((model) => model.name));
  const renamedModels = new Map<string, string>();
  (spec.models ?? []).forEach((model, i) => {
    const old = model.renamed_from;
    if (old === undefined) return;
    const at: SpecPath = ['models', i, 'renamed_from'];
    if (old === model.name)
      add(at, `renamed_from names the model itself (${old}): give the old name, or remove it`);
    else if (names.has(old))
      add(
        at,
        `the spec still has a model ${old}: a model renamed from ${old} needs ${old} gone, or remove renamed_from`,
      );
    else if (renamedModels.has(old))
      add(at, `${renamedModels.get(old) ?? ''} is already renamed from ${old}: one model per old name`);
    renamedModels.set(old, model.name);
  });
  for (const { fields, path, model } of places) {
    const seen = new Map<string, string>();
    for (const [name, field] of Object.entries(fields)) {
      const at: SpecPath = [...path, 'fields', name];
      const old = field.renamed_from;
      if (old !== undefined) {
        if (old === name)
          add(
            [...at, 'renamed_from'],
            `renamed_from names the field itself (${name}): give the old name, or remove it`,
          );
        else if (fields[old] !== undefined)
          add(
            [...at, 'renamed_from'],
            `${model} still has a field ${old}: a field renamed from ${old} needs ${old} gone, or remove renamed_from`,
          );
        else if (seen.has(old))
          add(
            [...at, 'renamed_from'],
            `${seen.get(old) ?? ''} is already renamed from ${old}: one field per old name`,
          );
        else if (!isStoredField(field))
          add(
            [...at, 'renamed_from'],
            `renamed_from only applies to a field with a column (not ${field.type}, computed without store, or related): its values are not in a column to rename`,
          );
        seen.set(old, name);
      }
      const mapped = field.mapped_from;
      if (mapped === undefined) continue;
      if (field.type !== 'selection') {
        add(
          [...at, 'mapped_from'],
          `mapped_from only applies to selection fields, not to a ${field.type} field`,
        );
        continue;
      }
      const keys = Object.keys(field.options ?? {});
      for (const [from, to] of Object.entries(mapped)) {
        if (keys.includes(from))
          add(
            [...at, 'mapped_from', from],
            `"${from}" is still a key of options: map only keys that were removed`,
          );
        if (!keys.includes(to))
          add(
            [...at, 'mapped_from', from],
            `"${to}" is not a key of options: expected one of ${keys.join(', ')}`,
          );
      }
    }
  }
  return errors;
}
