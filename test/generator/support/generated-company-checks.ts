import { companyModelNames, isCompanyChecked } from '../../../core/spec/company-fields.js';
import { where, type GeneratedCase } from './generated-case.js';

/**
 * ModuleSpec 1.1 multi-company in a generated addon (see generated-files-are-well-formed.test.ts):
 * a company-bound model's Python has `_check_company_auto` and a required company_id defaulting to
 * the current company; exactly the relations to company-bound models carry check_company; its
 * global record rule is in security/security.xml; its form shows company_id once to
 * multi-company users; a generated test that uses Command imports it. Models without
 * `company: true` get none of it.
 */
export function companyPartsProblems(item: GeneratedCase): string[] {
  const failures: string[] = [];
  const bound = companyModelNames(item.spec);
  const security = item.files.get('security/security.xml') ?? '';
  for (const model of item.spec.models ?? []) {
    const table = model.name.replace(/\./g, '_');
    const path = `models/${table}.py`;
    const source = item.files.get(path) ?? '';
    const fail = (problem: string) => failures.push(`${where(item, path)}: ${problem}`);
    const company = model.company === true;
    if (source.includes('_check_company_auto = True') !== company)
      fail(`_check_company_auto is ${company ? 'missing' : 'set'} (company: ${String(company)})`);
    for (const [name, field] of Object.entries(model.fields)) {
      const declaration = fieldDeclaration(source, name);
      if (declaration === undefined) continue; // reported by the declarations check
      const checked = company && isCompanyChecked(field, bound);
      if (declaration.includes('check_company=True') !== checked)
        fail(
          `${name} (${field.type} to ${field.comodel ?? '-'}) ${checked ? 'lacks' : 'has'} check_company=True`,
        );
    }
    const rule = new RegExp(
      `<record id="${table}_rule_company" model="ir\\.rule">([\\s\\S]*?)</record>`,
    ).exec(security);
    if ((rule !== null) !== company)
      fail(`security/security.xml ${company ? 'lacks' : 'has'} the record rule ${table}_rule_company`);
    if (rule && /name="groups"/.test(rule[1] ?? ''))
      fail(`the record rule ${table}_rule_company is not global`);
    if (company) failures.push(...companyFieldProblems(item, table, source));
  }
  for (const [path, source] of item.files) {
    if (path.startsWith('tests/') && /\bCommand\./.test(source) && !/^from odoo\b.*\bCommand\b/m.test(source))
      failures.push(`${where(item, path)}: uses Command without importing it`);
  }
  return failures;
}

/** A company-bound model's company_id: declared with its default, shown once in the form. */
function companyFieldProblems(item: GeneratedCase, table: string, source: string): string[] {
  const failures: string[] = [];
  const declaration = fieldDeclaration(source, 'company_id') ?? '';
  for (const part of ['comodel_name="res.company"', 'required=True', 'default=lambda self: self.env.company'])
    if (!declaration.includes(part))
      failures.push(
        `${where(item, `models/${table}.py`)}: company_id is declared without ${part}: ${declaration}`,
      );
  const views = `views/${table}_views.xml`;
  const form = /<form\b[\s\S]*?<\/form>/.exec(item.files.get(views) ?? '')?.[0];
  const shown = form?.match(/<field name="company_id" groups="base\.group_multi_company"/g)?.length ?? 0;
  if (form !== undefined && shown !== 1)
    failures.push(`${where(item, views)}: the form shows company_id ${shown} times, expected once`);
  return failures;
}

/** The text of a field's declaration in a model's Python (one line, or up to its closing line). */
export function fieldDeclaration(source: string, name: string): string | undefined {
  const start = new RegExp(`^ {4}${name} = fields\\.\\w+\\(`, 'm').exec(source);
  if (!start) return undefined;
  const rest = source.slice(start.index);
  const firstLine = rest.split('\n')[0] ?? '';
  if (!firstLine.endsWith('(')) return firstLine;
  const end = rest.indexOf('\n    )');
  return end < 0 ? rest : rest.slice(0, end + 6);
}
