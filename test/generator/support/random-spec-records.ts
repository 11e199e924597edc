import { checkPasses, compileSqlCheck, type SqlValue } from '../../../core/sql/sql-check-eval.js';
import type { TestValue } from '../../../core/spec/module-spec-schema.js';
import type { FieldSpec, ModuleSpec, SpecTest } from '../../../core/spec/module-spec.js';
import { domain } from './random-spec-rules.js';
import { dropUndefined, EXTERNAL_REFS, isPlain, TEXTS, type Draw, type ModelDraft } from './random-draw.js';

/** What the module-wide parts of a random spec need from the builder (see random-spec.ts). */
export interface SpecContext {
  d: Draw;
  models: ModelDraft[];
  spec: ModuleSpec;
  addField(model: ModelDraft, stem: string, field: FieldSpec, suffix?: string): string;
  value(field: FieldSpec, asDefault?: boolean): string | number | boolean | undefined;
}

export function addExtension(ctx: SpecContext): void {
  const d = ctx.d;
  const draft: ModelDraft = {
    spec: { name: 'res.partner', title: 'res.partner', fields: {} },
    word: 'partner',
    table: 'res_partner',
    names: new Set(),
    labels: new Set(),
    mailThread: false,
  };
  ctx.addField(draft, `${ctx.spec.module.name}_flag`, {
    type: 'boolean',
    string: `${ctx.spec.module.title} flag`,
  });
  if (d.chance(50)) ctx.addField(draft, 'forge_level', { type: 'integer' });
  if (d.chance(40)) {
    const target = d.pick(ctx.models);
    ctx.addField(draft, `forge_${target.word}`, { type: 'many2one', comodel: target.spec.name }, '_id');
  }
  const extension: NonNullable<ModuleSpec['extend']>[number] = {
    model: 'res.partner',
    fields: draft.spec.fields,
  };
  if (d.chance(60))
    extension.view = { ref: 'base.view_partner_form', after: d.pick(['vat', 'email', 'phone']) };
  if (draft.spec.fields['forge_level'] && d.chance(50))
    extension.constraints = [{ check: 'forge_level >= 0', message: 'The level cannot be negative.' }];
  ctx.spec.extend = [extension];
}

export function addMenus(ctx: SpecContext): void {
  const d = ctx.d;
  const models = [
    ...ctx.models.map((model) => model.spec.name),
    ...(ctx.spec.extend ?? []).map((extension) => extension.model),
  ];
  const labels = new Set<string>();
  const items = d.subset(models, 1).map((model) => {
    let label = d.chance(30) ? d.pick(TEXTS) : `${model} menu`;
    while (labels.has(label)) label = `${label}+`;
    labels.add(label);
    return { model, label };
  });
  ctx.spec.menus = { root: d.pick(TEXTS), items };
}

export function addSecurity(ctx: SpecContext): void {
  const d = ctx.d;
  const groups: NonNullable<NonNullable<ModuleSpec['security']>['groups']> = {};
  const keys = d.subset(['user', 'officer', 'manager'], 0);
  keys.forEach((key, i) => {
    const implies =
      i > 0 && d.chance(70) ? [keys[i - 1] as string] : d.chance(20) ? ['base.group_user'] : undefined;
    groups[key] = { name: d.chance(30) ? d.pick(TEXTS) : key.toUpperCase(), implies };
  });
  const groupRefs = [...keys, 'base.group_user', 'base.group_system'];
  const security: NonNullable<ModuleSpec['security']> = {};
  if (keys.length > 0) security.groups = groups;
  if (d.chance(70)) {
    security.access = Object.fromEntries(
      ctx.models.map((model) => [
        model.spec.name,
        Object.fromEntries(
          d.subset(groupRefs, 1, 3).map((ref) => [ref, d.subset(['c', 'r', 'u', 'd'], 0).join('')]),
        ),
      ]),
    );
  }
  if (d.chance(50)) {
    security.rules = d.subset(ctx.models, 1, 2).map((model) => ({
      model: model.spec.name,
      groups: d.subset(groupRefs, 1, 2),
      domain: d.pick([
        "[(1, '=', 1)]",
        "[('create_uid', '=', user.id)]",
        domain(model, d.pick(Object.keys(model.spec.fields))),
      ]),
      name: d.chance(40) ? d.pick(TEXTS) : undefined,
    }));
  }
  ctx.spec.security = security;
}

export function addDemo(ctx: SpecContext): void {
  const d = ctx.d;
  const demo: Record<string, Record<string, TestValue>[]> = {};
  const ids = new Map<string, string[]>();
  for (const model of ctx.models) {
    if (!d.chance(60)) continue;
    const records: Record<string, TestValue>[] = [];
    const count = d.int(1, 3);
    for (let r = 0; r < count; r += 1) {
      const values: Record<string, TestValue> = {};
      let complete = true;
      for (const [name, field] of Object.entries(model.spec.fields)) {
        if (!isPlain(field) || field.type === 'one2many' || field.type === 'many2many') continue;
        const needed = field.required === true && field.default === undefined;
        if (!needed && !d.chance(40)) continue;
        if (field.type === 'many2one') {
          const ref = EXTERNAL_REFS[field.comodel ?? ''] ?? (ids.get(field.comodel ?? '') ?? [])[0];
          if (ref !== undefined) values[name] = { ref };
          else if (needed) complete = false;
          continue;
        }
        const value = ctx.value(field);
        if (value !== undefined) values[name] = value;
        else if (needed) complete = false;
      }
      if (!complete) break;
      // A demo record that breaks a CHECK would fail the install: leave it out.
      if (brokenColumns(model, values, 'null').length === 0) records.push(values);
    }
    if (records.length === 0) continue;
    demo[model.spec.name] = records;
    ids.set(
      model.spec.name,
      records.map((_, i) => `${model.table}_demo_${i + 1}`),
    );
  }
  if (Object.keys(demo).length > 0) ctx.spec.demo = demo;
}

export function addTests(ctx: SpecContext): void {
  const d = ctx.d;
  const tests: SpecTest[] = [];
  const names = new Set<string>();
  for (const model of ctx.models) {
    const count = d.int(0, 3);
    for (let t = 0; t < count; t += 1) {
      let name = d.chance(40) ? `${d.pick(TEXTS)} ${model.word}` : `${model.word} test ${t + 1}`;
      while (names.has(name.trim().toLowerCase())) name = `${name} again`;
      names.add(name.trim().toLowerCase());
      const test = keepChecks(ctx.models, model, specTest(ctx, model, name));
      if (test) tests.push(test);
    }
  }
  const extension = ctx.spec.extend?.[0];
  if (extension && d.chance(50)) {
    const [field] = Object.keys(extension.fields);
    tests.push({
      name: 'the partner extension works',
      create: {
        model: extension.model,
        values: { name: 'Forge partner', ...(field ? { [field]: true } : {}) },
      },
      expect: field ? { [field]: true } : undefined,
    });
  }
  if (tests.length > 0) ctx.spec.tests = tests.map(dropUndefined);
}

export function specTest(ctx: SpecContext, model: ModelDraft, name: string): SpecTest {
  const d = ctx.d;
  const values: Record<string, TestValue> = {};
  const expect: Record<string, TestValue> = {};
  for (const [fieldName, field] of Object.entries(model.spec.fields)) {
    if (!isPlain(field) || !d.chance(35)) continue;
    if (field.type === 'many2one') {
      const own = ctx.models.find((other) => other.spec.name === field.comodel);
      if (own) values[fieldName] = { create: {} };
      else if (field.comodel === 'res.partner')
        values[fieldName] = d.chance(50)
          ? { create: { name: 'Test partner' } }
          : { ref: 'base.partner_admin' };
      else if (field.comodel)
        values[fieldName] = { ref: EXTERNAL_REFS[field.comodel] ?? 'base.main_company' };
    } else if (field.type === 'one2many') {
      const lines = ctx.models.find((other) => other.spec.name === field.comodel);
      const scalar = Object.entries(lines?.spec.fields ?? {}).find(
        ([other, spec]) =>
          other !== field.inverse &&
          isPlain(spec) &&
          ['char', 'integer', 'float', 'boolean'].includes(spec.type),
      );
      const items = Array.from({ length: d.int(0, 2) }, () =>
        scalar ? { [scalar[0]]: ctx.value(scalar[1]) ?? null } : {},
      );
      values[fieldName] = items;
      if (d.chance(50)) expect[fieldName] = items.length;
    } else if (field.type === 'many2many') {
      if (field.comodel === 'res.partner') values[fieldName] = [{ ref: 'base.partner_admin' }];
      else if (field.comodel === 'res.users') values[fieldName] = [{ ref: 'base.user_admin' }];
      else values[fieldName] = [{}];
    } else {
      const value = ctx.value(field);
      if (value === undefined) continue;
      values[fieldName] = value;
      if (d.chance(50)) expect[fieldName] = value;
    }
  }
  for (const [fieldName, field] of Object.entries(model.spec.fields)) {
    if (field.compute?.count && values[field.compute.count] === undefined && d.chance(30))
      expect[fieldName] = 0;
  }
  const workflow = model.spec.workflow;
  const test: SpecTest = { name, create: { model: model.spec.name, values } };
  if (workflow && d.chance(50)) {
    const button = d.pick(workflow.buttons);
    const states = Object.keys(model.spec.fields[workflow.field]?.options ?? {});
    const outside = states.filter((state) => !button.from.includes(state));
    test.call = button.name;
    if (outside.length > 0 && d.chance(40)) {
      values[workflow.field] = d.pick(outside);
      test.expect_error = true;
      return test;
    }
    values[workflow.field] = d.pick(button.from);
    expect[workflow.field] = button.to;
  } else if (d.chance(15)) {
    test.expect_error = true;
    return test;
  }
  if (Object.keys(expect).length > 0) test.expect = expect;
  return test;
}

const TOKENS = new Set(['today', 'now', 'current_user', 'company_currency']);

/**
 * The columns of the CHECK constraints that `values` break, evaluated as the validator does:
 * given values, then literal defaults; a column nobody sets is NULL in demo data (`null`) or
 * filled by Forge in tests (`open`: the check is not evaluated).
 */
export function brokenColumns(
  model: ModelDraft,
  values: Record<string, TestValue>,
  missing: 'null' | 'open',
): string[] {
  const row: Record<string, SqlValue> = {};
  const unknown = new Set<string>();
  for (const [name, field] of Object.entries(model.spec.fields)) {
    const given = values[name];
    if (given !== undefined) {
      if (given === null || typeof given !== 'object') row[name] = given;
      else unknown.add(name);
    } else if (field.default !== undefined && !TOKENS.has(String(field.default)))
      row[name] = field.type === 'selection' ? String(field.default) : field.default;
    else if (field.default !== undefined || missing === 'open' || !isPlain(field)) unknown.add(name);
    else row[name] = null;
  }
  return (model.spec.constraints ?? []).flatMap((constraint) => {
    const compiled = constraint.check === undefined ? undefined : compileSqlCheck(constraint.check);
    if (!compiled || compiled.columns.some((column) => unknown.has(column) || !(column in row))) return [];
    return checkPasses(compiled.evaluate(row)) ? [] : compiled.columns;
  });
}

/**
 * A test whose create must succeed keeps only values that pass the CHECK constraints: the
 * offending columns are left to Forge (it fills them with passing values). Undefined when
 * that is not possible (the workflow field, or a default, breaks the check). The records
 * created with it (one2many/many2many lines, many2one `{create: …}`) are checked against their
 * own model's CHECKs the same way (see keepNestedChecks).
 */
function keepChecks(models: readonly ModelDraft[], model: ModelDraft, test: SpecTest): SpecTest | undefined {
  if (test.expect_error === true) return test;
  const nested = keepNestedChecks(models, model, test.create.values ?? {}, test.expect ?? {});
  const values = nested.values;
  const broken = brokenColumns(model, values, 'open');
  const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !broken.includes(name)));
  const expect = Object.fromEntries(Object.entries(nested.expect).filter(([name]) => !broken.includes(name)));
  const fixed: SpecTest = {
    ...test,
    create: { ...test.create, values: kept },
    expect: Object.keys(expect).length > 0 ? expect : undefined,
  };
  if (broken.length === 0) return dropUndefined(fixed);
  if (model.spec.workflow && broken.includes(model.spec.workflow.field)) return undefined;
  return brokenColumns(model, kept, 'open').length === 0 ? dropUndefined(fixed) : undefined;
}

type Mapping = { [key: string]: TestValue };

function isMapping(value: TestValue | undefined): value is Mapping {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The nested records of a test's values that pass their own model's CHECKs (the validator's
 * rule, core/spec/references/check-record-constraints.ts): a line keeps the values that pass,
 * a line whose defaults break a check is dropped (and an expected line count follows), and a
 * many2one `{create: …}` that breaks one is left out (Forge creates a valid record when the
 * field is required).
 */
function keepNestedChecks(
  models: readonly ModelDraft[],
  model: ModelDraft,
  values: Record<string, TestValue>,
  expect: Record<string, TestValue>,
): { values: Record<string, TestValue>; expect: Record<string, TestValue> } {
  const keptValues: Record<string, TestValue> = {};
  const keptExpect = { ...expect };
  for (const [name, value] of Object.entries(values)) {
    const field = model.spec.fields[name];
    const comodel = models.find((other) => other.spec.name === field?.comodel);
    if (!field || !comodel) keptValues[name] = value;
    else if (field.type === 'many2one' && isMapping(value) && isMapping(value['create'])) {
      if (brokenColumns(comodel, value['create'], 'open').length === 0) keptValues[name] = value;
      else delete keptExpect[name];
    } else if (Array.isArray(value)) {
      const inverse = field.type === 'one2many' ? field.inverse : undefined;
      const lines = value.flatMap((item): TestValue[] => {
        if (!isMapping(item) || typeof item['ref'] === 'string') return [item];
        const own = Object.fromEntries(Object.entries(item).filter(([key]) => key !== inverse));
        const broken = brokenColumns(comodel, own, 'open');
        if (broken.length === 0) return [item];
        const line = Object.fromEntries(Object.entries(item).filter(([key]) => !broken.includes(key)));
        return brokenColumns(comodel, line, 'open').length === 0 ? [line] : [];
      });
      keptValues[name] = lines;
      if (typeof keptExpect[name] === 'number') keptExpect[name] = lines.length;
    } else keptValues[name] = value;
  }
  return { values: keptValues, expect: keptExpect };
}
