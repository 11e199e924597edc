import type { PlannedField, PlannedModel } from './addon-plan.js';
import { companyField, MULTI_COMPANY_GROUP } from './render-company.js';
import { el, type XmlElement } from './xml-element.js';

/**
 * ModuleSpec 1.1 multi-company in the views of a company-bound model: company_id is shown to
 * the users of several companies only (base.group_multi_company), after the model's own fields,
 * and the form always loads it (hidden) for the check_company domains of its relations.
 */

/** The attributes of a company_id node: the multi-company group. Nothing for another field. */
export function companyAttrs(field: PlannedField | undefined): Record<string, string> {
  return field?.company ? { groups: MULTI_COMPANY_GROUP } : {};
}

/** Whether a field is left out of the derived views (they add it themselves, at the end). */
export function isCompanyField(field: PlannedField): boolean {
  return field.company === true;
}

/** The company column a list adds when its columns do not name company_id. */
export function companyColumns(model: PlannedModel, shown: readonly string[]): XmlElement[] {
  const field = companyField(model);
  if (!field || shown.includes(field.name)) return [];
  return [el('field', { name: field.name, groups: MULTI_COMPANY_GROUP, optional: 'show' })];
}

/**
 * The form's hidden company_id: the domains of check_company relations read it, and a user
 * outside the multi-company group does not get the visible one.
 */
export function companyHiddenField(model: PlannedModel): XmlElement[] {
  const field = companyField(model);
  return field ? [el('field', { name: field.name, invisible: '1' })] : [];
}

/** The form's groups with company_id at the end of the last one, unless the spec placed it. */
export function withCompanyInForm(
  model: PlannedModel,
  groups: XmlElement[],
  placed: ReadonlySet<string>,
): XmlElement[] {
  const field = companyField(model);
  if (!field || placed.has(field.name)) return groups;
  const node = el('field', { name: field.name, groups: MULTI_COMPANY_GROUP });
  const last = groups.at(-1);
  if (!last) return [el('group', { name: 'group_company' }, [node])];
  return [...groups.slice(0, -1), { ...last, children: [...last.children, node] }];
}

/** The search view's company field and group-by, unless the spec's search lists them. */
export function companySearchNodes(model: PlannedModel, searched: readonly string[]): XmlElement[] {
  const field = companyField(model);
  if (!field || searched.includes(field.name)) return [];
  return [el('field', { name: field.name, groups: MULTI_COMPANY_GROUP })];
}

/** The search view's group-by company filter, unless the spec's group_by lists it. */
export function companyGroupBy(model: PlannedModel, grouped: readonly string[]): XmlElement[] {
  const field = companyField(model);
  if (!field || grouped.includes(field.name)) return [];
  return [
    el('filter', {
      name: `group_by_${field.name}`,
      string: field.label,
      context: `{'group_by': '${field.name}'}`,
      groups: MULTI_COMPANY_GROUP,
    }),
  ];
}
