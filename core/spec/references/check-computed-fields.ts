import type { SpecReferenceError } from '../check-spec-references.js';
import type { FieldSpec } from '../module-spec.js';
import { checkExpressionCompute } from './check-expression-compute.js';
import {
  choices,
  NUMERIC_TYPES,
  RELATIONAL_TYPES,
  X2MANY_TYPES,
  type IndexedModel,
  type SpecModelIndex,
  type SpecPath,
} from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** `related` paths followed through the models the spec knows, and `compute` {count|sum}. */
export function checkComputedFields(index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  for (const model of index.models.values()) {
    for (const [name, field] of Object.entries(model.fields)) {
      const at = model.fieldPaths.get(name) ?? [...model.path, 'fields', name];
      if (field.related !== undefined)
        checkRelated(index, model, field, field.related, [...at, 'related'], add);
      if (field.compute?.expression !== undefined)
        checkExpressionCompute(index.spec, model.name, name, field, [...at, 'compute'], add);
      else if (field.compute !== undefined)
        checkCompute(index, model, field, field.compute, [...at, 'compute'], add);
    }
  }
  return errors;
}

function checkRelated(
  index: SpecModelIndex,
  model: IndexedModel,
  field: FieldSpec,
  related: string,
  at: SpecPath,
  add: Add,
): void {
  const segments = related.split('.');
  let current = model.name;
  for (const [position, segment] of segments.entries()) {
    const last = position === segments.length - 1;
    const lookup = index.lookup(current, segment);
    if (lookup.found === 'maybe' || lookup.found === 'mixin') return;
    if (lookup.found === 'no') {
      const relational =
        position === 0
          ? index.fieldNames(current, (f) => RELATIONAL_TYPES.has(f.type))
          : index.fieldNames(current);
      add(
        at,
        `${current} has no field ${segment}: ${choices(position === 0 ? 'relational fields' : 'fields', relational, segment)}`,
      );
      return;
    }
    const target = lookup.field;
    if (!last) {
      if (!RELATIONAL_TYPES.has(target.type)) {
        add(
          at,
          `${current}.${segment} is a ${target.type} field: every part of a related path but the last must be a many2one or x2many field`,
        );
        return;
      }
      // A relation without comodel is reported on the field itself.
      if (target.comodel === undefined) return;
      current = target.comodel;
      continue;
    }
    if (target.type !== field.type) {
      add(at, `${related} ends at a ${target.type} field (${current}.${segment}): set type: ${target.type}`);
    } else if (RELATIONAL_TYPES.has(field.type) && target.comodel !== field.comodel) {
      add(
        at,
        `${related} points to ${target.comodel ?? 'another model'}: set comodel: ${target.comodel ?? '?'}`,
      );
    } else if (
      field.type === 'selection' &&
      field.options !== undefined &&
      !sameKeys(field.options, target.options)
    ) {
      add(
        at,
        `${related} has the options ${Object.keys(target.options ?? {}).join(', ')}: give this field the same options`,
      );
    }
  }
}

function sameKeys(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const left = Object.keys(a ?? {}).sort();
  const right = Object.keys(b ?? {}).sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}

function checkCompute(
  index: SpecModelIndex,
  model: IndexedModel,
  field: FieldSpec,
  compute: NonNullable<FieldSpec['compute']>,
  at: SpecPath,
  add: Add,
): void {
  const { count, sum, of } = compute;
  if ((count === undefined) === (sum === undefined)) {
    add(
      at,
      'expected exactly one of {count: <x2many field>}, {sum: <x2many field>, of: <numeric field>} or {expression: "<expression>"}',
    );
    return;
  }
  if (count !== undefined && of !== undefined)
    add([...at, 'of'], 'of only goes with sum: {sum: <x2many field>, of: <numeric field>}');
  if (sum !== undefined && of === undefined)
    add(at, `a sum needs of: the numeric field of ${sum}'s records to add up`);
  const x2many = (count ?? sum) as string;
  const key = count !== undefined ? 'count' : 'sum';
  if (count !== undefined && field.type !== 'integer')
    add(at, `a count is a whole number: set type: integer (not ${field.type})`);
  if (sum !== undefined && !NUMERIC_TYPES.has(field.type))
    add(at, `a sum field must be integer, float or monetary, not ${field.type}`);
  const lines = model.fields[x2many];
  if (!lines || !X2MANY_TYPES.has(lines.type)) {
    const candidates = index.fieldNames(model.name, (f) => X2MANY_TYPES.has(f.type));
    const what = lines ? `${x2many} is a ${lines.type} field` : `${model.name} has no field ${x2many}`;
    if (lines || model.complete)
      add([...at, key], `${what}: ${choices('one2many/many2many fields', candidates, x2many)}`);
    return;
  }
  if (sum === undefined || of === undefined || lines.comodel === undefined) return;
  const lookup = index.lookup(lines.comodel, of);
  if (lookup.found === 'no') {
    add(
      [...at, 'of'],
      `${lines.comodel} has no field ${of}: ${choices(
        'numeric fields',
        index.fieldNames(lines.comodel, (f) => NUMERIC_TYPES.has(f.type)),
        of,
      )}`,
    );
  } else if ((lookup.found === 'spec' || lookup.found === 'magic') && !NUMERIC_TYPES.has(lookup.field.type)) {
    add(
      [...at, 'of'],
      `${lines.comodel}.${of} is a ${lookup.field.type} field: a sum adds up integer, float or monetary fields`,
    );
  }
}
