import { COMPANY_FIELD_NAME, companyModelNames, isCompanyChecked } from '../spec/company-fields.js';
import type { ModelSpec, ModuleSpec } from '../spec/module-spec.js';
import type { AddonPlan, PlannedField, PlannedModel } from './addon-plan.js';
import { companyRuleDomain } from './series-profile.js';
import { el, type XmlElement } from './xml-element.js';

/**
 * ModuleSpec 1.1 multi-company (`company: true` on a model): the plan's marks, the Python of
 * the model, and its record rule. The views are in render-company-views.ts, the generated
 * tests in render-company-test.ts.
 */

/** The default of company_id: the company the user works in when the record is created. */
export const COMPANY_DEFAULT = 'lambda self: self.env.company';

/** The group that sees the company of records (Odoo gives it to users of several companies). */
export const MULTI_COMPANY_GROUP = 'base.group_multi_company';

/**
 * Marks a planned model of the spec (already with its company_id, see withCompanyFields): the
 * model is company-bound, its company_id gets the current company as default, and its
 * relations to company-bound models get check_company. Other models are returned as they are.
 */
export function planCompanyFields(spec: ModuleSpec, model: ModelSpec, planned: PlannedModel): PlannedModel {
  if (model.company !== true) return planned;
  const companyModels = companyModelNames(spec);
  const fields = planned.fields.map((field): PlannedField => {
    if (field.name === COMPANY_FIELD_NAME) return { ...field, company: true };
    if (isCompanyChecked(field.spec, companyModels)) return { ...field, checkCompany: true };
    return field;
  });
  return { ...planned, company: true, fields };
}

/** The company_id of a company-bound model, when it has one. */
export function companyField(model: PlannedModel): PlannedField | undefined {
  return model.fields.find((field) => field.company === true);
}

/** The relations of a company-bound model that check_company checks. */
export function companyCheckedFields(model: PlannedModel): PlannedField[] {
  return model.fields.filter((field) => field.checkCompany === true);
}

/** The company-bound models of the addon. */
export function companyModels(plan: AddonPlan): PlannedModel[] {
  return plan.models.filter((model) => model.company === true);
}

/** The XML id of a company-bound model's record rule. */
export function companyRuleXmlId(model: PlannedModel): string {
  return `${model.table}_rule_company`;
}

/**
 * The record rules of security/security.xml: one global rule (no group) per company-bound
 * model, so that every user sees only the records of their allowed companies.
 */
export function companyRuleRecords(plan: AddonPlan): XmlElement[] {
  return companyModels(plan).map((model) =>
    el('record', { id: companyRuleXmlId(model), model: 'ir.rule' }, [
      el('field', { name: 'name' }, [`${model.description}: multi-company`]),
      el('field', { name: 'model_id', ref: `model_${model.table}` }),
      el('field', { name: 'domain_force' }, [companyRuleDomain(plan.spec.odoo)]),
    ]),
  );
}
