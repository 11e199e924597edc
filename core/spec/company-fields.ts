import type { FieldSpec, ModelSpec, ModuleSpec } from './module-spec.js';

/** The field a company-bound model (ModuleSpec 1.1 `company: true`) gets, after its own. */
export const COMPANY_FIELD_NAME = 'company_id';
export const COMPANY_FIELD: Readonly<FieldSpec> = {
  type: 'many2one',
  comodel: 'res.company',
  string: 'Company',
  required: true,
  index: true,
};

/**
 * Standard models whose records carry a company_id (False: shared): a relation to one of them
 * from a company-bound model is checked with check_company, as Odoo's own models do.
 */
export const STANDARD_COMPANY_MODELS: ReadonlySet<string> = new Set([
  'res.partner',
  'product.product',
  'product.template',
  'account.journal',
  'account.account',
  'account.analytic.account',
  'stock.warehouse',
  'stock.location',
  'project.project',
  'hr.employee',
  'hr.department',
]);

/** The names of the spec's company-bound models (models with `company: true`). */
export function companyModelNames(spec: ModuleSpec): Set<string> {
  return new Set((spec.models ?? []).filter((model) => model.company === true).map((model) => model.name));
}

/** Whether a relation of a company-bound model gets check_company: to a company-bound comodel. */
export function isCompanyChecked(field: FieldSpec, companyModels: ReadonlySet<string>): boolean {
  if (field.type !== 'many2one' && field.type !== 'many2many') return false;
  if (field.related !== undefined || field.compute !== undefined || field.comodel === undefined) return false;
  return companyModels.has(field.comodel) || STANDARD_COMPANY_MODELS.has(field.comodel);
}

/**
 * The spec as the checks and the generator see it: each company-bound model with company_id
 * (its own definition, when it declares one, over the default one). Models keep their places;
 * the spec is not changed. A spec without `company: true` is returned as it is.
 */
export function withCompanyFields(spec: ModuleSpec): ModuleSpec {
  if (!(spec.models ?? []).some((model) => model.company === true)) return spec;
  return { ...spec, models: (spec.models ?? []).map(expandModel) };
}

function expandModel(model: ModelSpec): ModelSpec {
  if (model.company !== true) return model;
  const declared = model.fields[COMPANY_FIELD_NAME];
  // Another field of that name is refused by checkCompanies; it is not merged into one.
  if (declared !== undefined && (declared.type !== 'many2one' || declared.comodel !== 'res.company'))
    return model;
  return { ...model, fields: { ...model.fields, [COMPANY_FIELD_NAME]: { ...COMPANY_FIELD, ...declared } } };
}

/** Whether a field is the company_id of a company-bound model: the current company by default. */
export function isCompanyDefaulted(spec: ModuleSpec, modelName: string, fieldName: string): boolean {
  return (
    fieldName === COMPANY_FIELD_NAME &&
    (spec.models ?? []).some((model) => model.name === modelName && model.company === true)
  );
}
