import type { SpecReferenceError } from '../check-spec-references.js';
import { COMPANY_FIELD_NAME } from '../company-fields.js';
import type { ModuleSpec } from '../module-spec.js';
import type { SpecPath } from './spec-model-index.js';

/**
 * `company: true` (ModuleSpec 1.1 multi-company), on the spec as written: a company-bound
 * model that declares company_id itself declares the field the record rule and check_company
 * read: a many2one to res.company that the user sets (not computed or related).
 */
export function checkCompanies(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    if (model.company !== true) return;
    const declared = model.fields[COMPANY_FIELD_NAME];
    if (declared === undefined) return;
    const at: SpecPath = ['models', i, 'fields', COMPANY_FIELD_NAME];
    if (declared.type !== 'many2one') {
      add(
        [...at, 'type'],
        `${model.name} has company: true, which adds company_id as a many2one to res.company: write type: many2one or leave company_id out`,
      );
    } else if (declared.comodel !== 'res.company') {
      add(
        [...at, 'comodel'],
        `${model.name} has company: true: its company_id is a many2one to res.company, not ${declared.comodel ?? 'nothing'}: write comodel: res.company or leave company_id out`,
      );
    }
    for (const key of ['compute', 'related', 'default'] as const) {
      if (declared[key] !== undefined)
        add(
          [...at, key],
          `${model.name} has company: true: its company_id is set by the user and defaults to the current company, remove ${key}`,
        );
    }
  });
  return errors;
}
