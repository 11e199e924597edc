import { stringify } from 'csv-stringify/sync';
import { groupRef, type AddonPlan } from './addon-plan.js';
import { wizardAccessRows } from './render-wizard.js';
import { companyRuleRecords } from './render-company.js';
import { el, renderOdooXml, type XmlNode } from './xml-element.js';

/** `security/security.xml`: the module category, its groups, and the record rules. */
export function renderSecurityXml(plan: AddonPlan): string {
  const records: XmlNode[] = [];
  if (plan.groups.length > 0) {
    records.push(
      el('record', { id: plan.categoryXmlId, model: 'ir.module.category' }, [
        el('field', { name: 'name' }, [plan.spec.module.title]),
        el('field', { name: 'sequence' }, ['100']),
      ]),
    );
  }
  for (const group of plan.groups) {
    const implied = group.implies.length > 0 ? group.implies : ['base.group_user'];
    records.push(
      el('record', { id: group.xmlId, model: 'res.groups' }, [
        el('field', { name: 'name' }, [group.name]),
        el('field', { name: 'category_id', ref: plan.categoryXmlId }),
        el('field', { name: 'implied_ids', eval: `[${implied.map((ref) => `(4, ref('${ref}'))`).join(', ')}]` }),
        // The administrator gets the top groups, or they would not see the menus.
        group.top ? el('field', { name: 'users', eval: "[(4, ref('base.user_root')), (4, ref('base.user_admin'))]" }) : undefined,
      ]),
    );
  }
  (plan.spec.security?.rules ?? []).forEach((rule, index) => {
    const table = rule.model.replace(/\./g, '_');
    const model = plan.models.find((candidate) => candidate.name === rule.model);
    records.push(
      el('record', { id: `${table}_rule_${index + 1}`, model: 'ir.rule' }, [
        el('field', { name: 'name' }, [rule.name ?? `${model?.description ?? rule.model}: ${rule.groups.join(', ')}`]),
        el('field', { name: 'model_id', ref: `model_${table}` }),
        el('field', { name: 'groups', eval: `[${rule.groups.map((key) => `(4, ref('${groupRef(key)}'))`).join(', ')}]` }),
        el('field', { name: 'domain_force' }, [rule.domain]),
      ]),
    );
  });
  records.push(...companyRuleRecords(plan));
  return renderOdooXml(records);
}

/**
 * `security/ir.model.access.csv`. A model the spec gives no access rights gets full rights for
 * internal users (`base.group_user`): Odoo warns about a model without any access rule.
 */
export function renderAccessCsv(plan: AddonPlan): string {
  const rows: string[][] = [['id', 'name', 'model_id:id', 'group_id:id', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink']];
  const access = plan.spec.security?.access ?? {};
  for (const model of plan.models) {
    const entries = Object.entries(access[model.name] ?? { 'base.group_user': 'crud' });
    for (const [key, letters] of entries) {
      const group = groupRef(key);
      const suffix = key.includes('.') ? key.split('.').pop() ?? key : key;
      rows.push([
        `access_${model.table}_${suffix}`,
        `${model.name} ${suffix}`,
        `model_${model.table}`,
        group,
        letters.includes('r') ? '1' : '0',
        letters.includes('u') || letters.includes('w') ? '1' : '0',
        letters.includes('c') ? '1' : '0',
        letters.includes('d') ? '1' : '0',
      ]);
    }
  }
  rows.push(...wizardAccessRows(plan));
  return stringify(rows, { record_delimiter: 'unix' });
}
