import type { TestValue } from '../module-spec-schema.js';
import type { FieldSpec } from '../module-spec.js';
import { scalarValueProblem } from './scalar-value-problem.js';
import {
  choices,
  externalIdModule,
  X2MANY_TYPES,
  type SpecModelIndex,
  type SpecPath,
} from './spec-model-index.js';

/** Where values are written: a test's create, a test's expect, a demo record, a data record (ModuleSpec 1.1). */
export type ValuesMode = 'test' | 'expect' | 'demo' | 'data';

export interface ValuesContext {
  index: SpecModelIndex;
  add: (path: SpecPath, message: string) => void;
  /** Whether `ref` (an XML id as written) may be used here; a message when it may not. */
  refProblem: (ref: string) => string | undefined;
  /** A test that expects an error: values that make its create fail are what it tests. */
  expectsError?: boolean;
}

type Mapping = { [key: string]: TestValue };

function isMapping(value: TestValue): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `{ref: "module.xml_id"}`: a mapping with the single key `ref` and a text value. */
function refOf(value: TestValue): string | undefined {
  if (!isMapping(value)) return undefined;
  const keys = Object.keys(value);
  const ref = value['ref'];
  return keys.length === 1 && typeof ref === 'string' ? ref : undefined;
}

/** Checks `values` against the fields of `modelName` (as far as the spec knows them). */
export function checkRecordValues(
  ctx: ValuesContext,
  modelName: string,
  values: Record<string, TestValue>,
  at: SpecPath,
  mode: ValuesMode,
  skip?: string,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (name === skip) continue;
    const here = [...at, name];
    const lookup = ctx.index.lookup(modelName, name);
    if (lookup.found === 'no') {
      const settable = ctx.index.fieldNames(
        modelName,
        (field) => mode === 'expect' || (field.compute === undefined && field.related === undefined),
      );
      ctx.add(here, `${modelName} has no field ${name}: ${choices('fields', settable, name)}`);
    } else if (lookup.found === 'magic') {
      if (mode === 'expect') checkExpected(ctx, lookup.field, value, here);
      else ctx.add(here, `${name} is set by Odoo itself and cannot be given a value`);
    } else if (lookup.found === 'spec') {
      const field = lookup.field;
      if (mode === 'expect') checkExpected(ctx, field, value, here);
      else if (field.compute !== undefined || field.related !== undefined) {
        ctx.add(
          here,
          `${name} is ${field.compute !== undefined ? 'computed' : 'related'}: its value cannot be set, only expected`,
        );
      } else checkGiven(ctx, field, value, here, mode);
    }
  }
}

function checkGiven(
  ctx: ValuesContext,
  field: FieldSpec,
  value: TestValue,
  at: SpecPath,
  mode: ValuesMode,
): void {
  if (value === null) {
    // null is written as False: the NOT NULL column of a required field refuses it (a boolean stores false).
    if (field.required === true && field.type !== 'boolean' && ctx.expectsError !== true) {
      const fails =
        mode === 'test'
          ? 'the create fails, so give a value, leave the field out (Forge fills it) or add expect_error: true'
          : 'the install would fail, so give a value';
      ctx.add(at, `${at[at.length - 1] ?? 'the field'} is required: null leaves it empty and ${fails}`);
    }
    return;
  }
  if (field.type === 'many2one') {
    const ref = refOf(value);
    if (ref !== undefined) return checkRef(ctx, ref, [...at, 'ref']);
    const create = isMapping(value) && Object.keys(value).length === 1 ? value['create'] : undefined;
    if (mode === 'demo' || mode === 'data')
      return ctx.add(
        at,
        `expected {ref: module.xml_id} for a many2one field in ${mode === 'data' ? 'a data record' : 'demo data'}, got ${describe(value)}`,
      );
    if (create === undefined || !isMapping(create))
      return ctx.add(
        at,
        `expected {create: {field: value, …}} or {ref: module.xml_id} for a many2one field, got ${describe(value)}`,
      );
    if (field.comodel !== undefined) checkRecordValues(ctx, field.comodel, create, [...at, 'create'], mode);
    return;
  }
  if (X2MANY_TYPES.has(field.type)) {
    if (mode === 'demo' || mode === 'data')
      return ctx.add(
        at,
        `${mode === 'data' ? 'a data record' : 'demo data'} cannot fill a ${field.type} field: give the other side's records a many2one instead`,
      );
    if (!Array.isArray(value))
      return ctx.add(
        at,
        `expected a list of records ({field: value, …} or {ref: module.xml_id}) for a ${field.type} field, got ${describe(value)}`,
      );
    value.forEach((item, i) => {
      const ref = refOf(item);
      if (ref !== undefined) checkRef(ctx, ref, [...at, i, 'ref']);
      else if (!isMapping(item))
        ctx.add(
          [...at, i],
          `expected a record {field: value, …} or {ref: module.xml_id}, got ${describe(item)}`,
        );
      else if (field.comodel !== undefined)
        checkRecordValues(
          ctx,
          field.comodel,
          item,
          [...at, i],
          mode,
          field.type === 'one2many' ? field.inverse : undefined,
        );
    });
    return;
  }
  if (typeof value === 'object')
    return ctx.add(at, `expected a single value for a ${field.type} field, got ${describe(value)}`);
  const problem = scalarValueProblem(field, value, 'value');
  if (problem !== undefined) ctx.add(at, problem);
}

function checkExpected(ctx: ValuesContext, field: FieldSpec, value: TestValue, at: SpecPath): void {
  // null expects an empty value; true/false expect a set or empty value, whatever the type.
  if (value === null || (typeof value === 'boolean' && field.type !== 'selection')) return;
  if (X2MANY_TYPES.has(field.type)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      ctx.add(at, `expected the number of records of the ${field.type} field, got ${describe(value)}`);
    return;
  }
  if (field.type === 'many2one') {
    const ref = refOf(value);
    if (ref !== undefined) checkRef(ctx, ref, [...at, 'ref']);
    else if (typeof value !== 'string')
      ctx.add(
        at,
        `expected {ref: module.xml_id} or the record's display name for a many2one field, got ${describe(value)}`,
      );
    return;
  }
  if (typeof value === 'object')
    return ctx.add(at, `expected a single value for a ${field.type} field, got ${describe(value)}`);
  const problem = scalarValueProblem(field, value, 'value');
  if (problem !== undefined) ctx.add(at, problem);
}

function checkRef(ctx: ValuesContext, ref: string, at: SpecPath): void {
  const problem = ctx.refProblem(ref);
  if (problem !== undefined) ctx.add(at, problem);
}

/** The module of an XML id must be one the addon depends on. */
export function externalRefProblem(index: SpecModelIndex, ref: string): string | undefined {
  const module = externalIdModule(ref);
  if (module === undefined)
    return `expected module.xml_id, such as base.main_company, got ${JSON.stringify(ref)}`;
  if (!index.knownModules.has(module))
    return `${ref} belongs to module ${module}: add ${module} to module.depends`;
  return undefined;
}

function describe(value: TestValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
