import { COMPANY_FIELD, COMPANY_FIELD_NAME, isCompanyChecked } from '../../../core/spec/company-fields.js';
import type { FieldSpec, ModuleSpec } from '../../../core/spec/module-spec.js';
import { TEXTS, type ModelDraft } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';

/**
 * ModuleSpec 1.1 multi-company (`company: true`) in a random spec (see random-spec.ts): some
 * models are company-bound, drawn before their fields so that company_id and its label are
 * taken; a company model sometimes declares company_id itself (a help, a label, ondelete), as
 * a user who wants to say more about it would. Valid by construction.
 */
export function addCompany(ctx: SpecContext): void {
  const d = ctx.d;
  if (!d.chance(35)) return;
  for (const model of d.subset(ctx.models, 1)) {
    model.spec.company = true;
    model.names.add(COMPANY_FIELD_NAME);
    if (!d.chance(25)) {
      model.labels.add(COMPANY_FIELD.string ?? 'Company');
      continue;
    }
    const declared: FieldSpec = { type: 'many2one', comodel: 'res.company' };
    if (d.chance(60)) declared.help = d.pick(TEXTS);
    if (d.chance(30)) declared.ondelete = 'restrict';
    if (d.chance(30)) declared.string = `${d.pick(TEXTS)} company`;
    while (declared.string !== undefined && model.labels.has(declared.string)) declared.string += '+';
    model.labels.add(declared.string ?? COMPANY_FIELD.string ?? 'Company');
    model.spec.fields[COMPANY_FIELD_NAME] = declared;
  }
}

/** The company-bound models of the spec drawn so far. */
function companyModels(ctx: SpecContext): ModelDraft[] {
  return ctx.models.filter((model) => model.spec.company === true);
}

/**
 * Relations between company-bound models (the ones that get check_company): a many2one from one
 * to another (or to itself), sometimes required; a one2many whose inverse is such a many2one;
 * a many2many between two of them. Drawn after the other relations, before computed fields.
 */
export function addCompanyRelations(ctx: SpecContext): void {
  const d = ctx.d;
  const bound = companyModels(ctx);
  if (bound.length === 0) return;
  const count = d.int(0, 3);
  for (let i = 0; i < count; i += 1) {
    const from = d.pick(bound);
    const to = d.pick(bound);
    const kind = d.pick(['many2one', 'one2many', 'many2many'] as const);
    if (kind === 'many2one') {
      const required = from !== to && d.chance(30);
      ctx.addField(
        from,
        `company_${to.word}`,
        { type: 'many2one', comodel: to.spec.name, required: required ? true : undefined },
        '_id',
      );
    } else if (kind === 'one2many') {
      const inverse = ctx.addField(
        to,
        from === to ? 'company_parent' : `company_${from.word}`,
        { type: 'many2one', comodel: from.spec.name, ondelete: 'cascade' },
        '_id',
      );
      ctx.addField(from, `company_${to.word}`, { type: 'one2many', comodel: to.spec.name, inverse }, '_ids');
    } else {
      ctx.addField(from, `company_${to.word}`, { type: 'many2many', comodel: to.spec.name }, '_ids');
    }
  }
}

/** What the random specs drew of multi-company, for the property test's coverage check. */
export interface CompanyDrawCounts {
  /** Specs with a company-bound model. */
  specs: number;
  models: number;
  /** Company-bound models that declare company_id themselves. */
  declared: number;
  /** Company-bound models with their own form.groups (the form check's case). */
  formGroups: number;
  /** Relations from a company-bound model to a company-bound model of the spec (check_company). */
  relations: number;
  /** All the relations that get check_company (to res.partner too). */
  checkCompany: number;
  /** Data records and sequences on company-bound models. */
  dataRecords: number;
  sequences: number;
}

export function companyDrawCounts(specs: readonly ModuleSpec[]): CompanyDrawCounts {
  const counts: CompanyDrawCounts = {
    specs: 0,
    models: 0,
    declared: 0,
    formGroups: 0,
    relations: 0,
    checkCompany: 0,
    dataRecords: 0,
    sequences: 0,
  };
  for (const spec of specs) {
    const bound = (spec.models ?? []).filter((model) => model.company === true);
    if (bound.length === 0) continue;
    const names = new Set(bound.map((model) => model.name));
    counts.specs += 1;
    for (const model of bound) {
      counts.models += 1;
      if (model.fields[COMPANY_FIELD_NAME] !== undefined) counts.declared += 1;
      if (model.views?.form?.groups !== undefined) counts.formGroups += 1;
      const fields = Object.values(model.fields);
      const checked = fields.filter((field) => isCompanyChecked(field, names));
      counts.relations += checked.filter((field) => names.has(field.comodel ?? '')).length;
      counts.checkCompany += checked.length;
      counts.sequences += fields.filter((field) => field.sequence !== undefined).length;
      counts.dataRecords += spec.data?.[model.name]?.length ?? 0;
    }
  }
  return counts;
}
