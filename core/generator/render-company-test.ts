import { groupRef, type AddonPlan, type PlannedField, type PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { companyCheckedFields, companyField } from './render-company.js';
import { createValues, pyRecordId } from './sample-values.js';

/**
 * The generated tests of a company-bound model (ModuleSpec 1.1 multi-company), on a second
 * company created in the test: a user of that company neither finds nor reads a record of the
 * main company, which a user of the main company finds; each check_company relation refuses a
 * record of the other company.
 */
export function companyTests(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  const field = companyField(model);
  if (!field) return [];
  const tests: string[][] = [];
  const rule = companyRuleTest(plan, model, field, name);
  if (rule) tests.push(rule);
  for (const relation of companyCheckedFields(model)) {
    const test = companyCheckTest(plan, model, relation, name);
    if (test) tests.push(test);
  }
  return tests;
}

/** The lines that create the second company of a test. */
function secondCompany(plan: AddonPlan): string[] {
  return [
    `    company_b = self.env["res.company"].create({"name": ${pyStr(`${plan.spec.module.title} Company B`)}})`,
  ];
}

/** A user of `company` (a Python expression) in the groups `refs`, as lines `<variable> = ...`. */
function userLines(variable: string, login: string, company: string, refs: string[]): string[] {
  return [
    `    ${variable} = self.env["res.users"].create(`,
    '        {',
    `            "name": ${pyStr(`Test user ${login}`)},`,
    `            "login": ${pyStr(login)},`,
    `            "company_id": ${company}.id,`,
    `            "company_ids": [Command.set(${company}.ids)],`,
    `            "groups_id": [Command.set([${refs.map((ref) => `self.env.ref(${pyStr(ref)}).id`).join(', ')}])],`,
    '        }',
    '    )',
  ];
}

/** The XML ids of the groups that may read the model (its access rows). */
function readingGroups(plan: AddonPlan, model: PlannedModel): string[] {
  const access = plan.spec.security?.access?.[model.name] ?? { 'base.group_user': 'crud' };
  return Object.entries(access)
    .filter(([, letters]) => letters.includes('r'))
    .map(([key]) => (key.includes('.') ? key : `${plan.module}.${groupRef(key)}`));
}

function companyRuleTest(
  plan: AddonPlan,
  model: PlannedModel,
  field: PlannedField,
  name: (base: string) => string,
): string[] | undefined {
  const groups = readingGroups(plan, model);
  if (groups.length === 0) return undefined;
  const refs = ['base.group_user', ...groups.filter((group) => group !== 'base.group_user')];
  // The spec's own rules on the model may hide records from a user of the main company too:
  // then only the refusal is asserted.
  const ruled = (plan.spec.security?.rules ?? []).some((rule) => rule.model === model.name);
  const login = (company: string) => `${plan.module}_${model.table}_${company}`.slice(0, 60);
  return [
    `def ${name(`company rule keeps companies apart`)}(self):`,
    `    """A user of another company neither finds nor reads a record of ${model.description}."""`,
    ...secondCompany(plan),
    ...userLines('user_b', login('company_b'), 'company_b', refs),
    '    record = self._create_record()',
    `    self.assertEqual(record.${field.name}, self.env.company)`,
    `    as_user_b = self.env[${pyStr(model.name)}].with_user(user_b)`,
    '    self.assertFalse(as_user_b.search([("id", "=", record.id)]))',
    '    with self.assertRaises(AccessError):',
    `        as_user_b.browse(record.id).read([${pyStr(field.name)}])`,
    ...(ruled
      ? []
      : [
          ...userLines('user_a', login('company_a'), 'self.env.company', refs),
          `    as_user_a = self.env[${pyStr(model.name)}].with_user(user_a)`,
          '    self.assertEqual(as_user_a.search([("id", "=", record.id)]), record)',
        ]),
  ];
}

/** Standard comodels whose record of company B a test creates from a name alone. */
const NAMED_STANDARD_MODELS = new Set(['res.partner', 'product.product', 'product.template']);

function companyCheckTest(
  plan: AddonPlan,
  model: PlannedModel,
  relation: PlannedField,
  name: (base: string) => string,
): string[] | undefined {
  const comodel = relation.spec.comodel ?? '';
  const own = plan.models.find((candidate) => candidate.name === comodel && candidate.company === true);
  let other: string;
  if (own) other = pyRecordId(plan, comodel);
  else if (NAMED_STANDARD_MODELS.has(comodel))
    other = `self.env[${pyStr(comodel)}].create({"name": ${pyStr('Of Company B')}, "company_id": company_b.id}).id`;
  else return undefined;
  const value = relation.spec.type === 'many2many' ? '[Command.set([other])]' : 'other';
  // The record's values are written out, not left to _create_record: its defaults would create
  // another record of the comodel with the same values (a unique constraint refuses that).
  const pairs = createValues(plan, model, {}).filter(([field]) => field !== relation.name);
  const vals = [...pairs, [relation.name, value] as [string, string]].map(
    ([field, expression]) => `        ${pyStr(field)}: ${expression},`,
  );
  return [
    `def ${name(`company check on ${relation.name}`)}(self):`,
    `    """check_company refuses a ${comodel} of another company in ${relation.name}."""`,
    ...secondCompany(plan),
    // The other record (and what it needs) is created in company_b, then the test is back in
    // the main company, where the record that links it is created.
    '    in_company_b = self.env(context=dict(self.env.context, allowed_company_ids=company_b.ids))',
    '    env_a, self.env = self.env, in_company_b',
    `    other = ${other}`,
    '    self.env = env_a',
    `    self.assertEqual(self.env[${pyStr(comodel)}].browse(other).company_id, company_b)`,
    '    vals = {',
    ...vals,
    '    }',
    '    with self.assertRaisesRegex(UserError, "Incompatible companies"):',
    `        self.env[${pyStr(model.name)}].create(vals)`,
  ];
}
