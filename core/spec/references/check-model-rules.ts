import type { SpecReferenceError } from '../check-spec-references.js';
import type { ConstraintSpec, ModuleSpec, WorkflowSpec } from '../module-spec.js';
import { checkPasses, compileSqlCheck, type SqlValue } from '../../sql/sql-check-eval.js';
import { sqlIdentifiers } from './sql-identifiers.js';
import {
  choices,
  isStoredField,
  type IndexedModel,
  type SpecModelIndex,
  type SpecPath,
} from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** Magic columns every table has. */
const MAGIC_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'create_uid',
  'create_date',
  'write_uid',
  'write_date',
]);
const ORDER_TERM = /^([a-z][a-z0-9_]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?$/i;

/** rec_name, order, SQL constraints and the workflow of each model; extensions' constraints. */
export function checkModelRules(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((modelSpec, i) => {
    const model = index.model(modelSpec.name);
    if (!model || model.path[1] !== i) return;
    const at: SpecPath = ['models', i];
    if (modelSpec.rec_name !== undefined && !model.fields[modelSpec.rec_name]) {
      add(
        [...at, 'rec_name'],
        `${model.name} has no field ${modelSpec.rec_name}: ${choices('fields', index.fieldNames(model.name), modelSpec.rec_name)}`,
      );
    }
    if (modelSpec.order !== undefined) checkOrder(model, modelSpec.order, [...at, 'order'], add);
    checkConstraints(model, modelSpec.constraints ?? [], [...at, 'constraints'], add);
    if (modelSpec.workflow) checkWorkflow(index, model, modelSpec.workflow, [...at, 'workflow'], add);
  });
  (spec.extend ?? []).forEach((extension, i) => {
    const model = index.model(extension.model);
    if (model && !model.complete)
      checkConstraints(model, extension.constraints ?? [], ['extend', i, 'constraints'], add);
  });
  return errors;
}

/** The stored columns of a model, for messages. */
function storedColumns(model: IndexedModel): string[] {
  return Object.entries(model.fields)
    .filter(([, field]) => isStoredField(field))
    .map(([name]) => name);
}

function checkOrder(model: IndexedModel, order: string, at: SpecPath, add: Add): void {
  for (const term of order.split(',').map((part) => part.trim())) {
    const match = ORDER_TERM.exec(term);
    if (!match) {
      add(
        at,
        `"${term}" is not an order term: expected field [asc|desc] [nulls first|last], terms separated by commas`,
      );
      continue;
    }
    const name = match[1] as string;
    const field = model.fields[name];
    if (field ? !isStoredField(field) : !['id', 'create_date', 'write_date'].includes(name)) {
      const why = field ? `${name} is not stored in the database` : `${model.name} has no field ${name}`;
      add(
        at,
        `${why}: ${choices('stored fields', [...storedColumns(model), 'id', 'create_date', 'write_date'], name)}`,
      );
    }
  }
}

function checkConstraints(model: IndexedModel, constraints: ConstraintSpec[], at: SpecPath, add: Add): void {
  const names = new Map<string, number>();
  constraints.forEach((constraint, c) => {
    const here: SpecPath = [...at, c];
    const kinds = [constraint.unique, constraint.check, constraint.condition, constraint.no_overlap];
    if (kinds.filter((kind) => kind !== undefined).length !== 1) {
      add(
        here,
        'expected exactly one of unique: [fields], check: "<SQL>", condition: "<expression>" or no_overlap: {same, start, end}',
      );
    }
    if (constraint.name !== undefined) {
      const first = names.get(constraint.name);
      if (first !== undefined)
        add(
          [...here, 'name'],
          `constraint name ${constraint.name} is already used by constraints[${first}]: names are unique per model`,
        );
      else names.set(constraint.name, c);
    }
    (constraint.unique ?? []).forEach((name, u) => {
      const problem = columnProblem(model, name);
      if (problem !== undefined)
        add([...here, 'unique', u], `${problem}: ${choices('stored fields', storedColumns(model), name)}`);
    });
    if (constraint.unique && new Set(constraint.unique).size !== constraint.unique.length)
      add([...here, 'unique'], 'each field may be listed once');
    if (constraint.check !== undefined) {
      const bad = sqlIdentifiers(constraint.check)
        .map((name) => columnProblem(model, name))
        .filter((problem): problem is string => problem !== undefined);
      if (bad.length > 0)
        add(
          [...here, 'check'],
          `${bad.join('; ')} (the columns of ${model.name}: ${[...storedColumns(model), 'id'].join(', ')})`,
        );
      // Since 16.0 a translated field's column is jsonb (one value per language): a CHECK written
      // for text (length(name) > 1) is not added by Odoo ("unable to add constraint") and never holds.
      const translated = sqlIdentifiers(constraint.check).filter((name) => model.fields[name]?.translate === true);
      if (translated.length > 0)
        add(
          [...here, 'check'],
          `${[...new Set(translated)].join(', ')} ${translated.length > 1 ? 'are' : 'is'} translated (a jsonb column since Odoo 16.0): a CHECK cannot test it; drop translate: true or use condition: "<expression>" instead`,
        );
      // A computed count is 0 when the record is created (its lines come after, or never): a CHECK
      // that 0 breaks refuses every new record.
      const counts = [...new Set(sqlIdentifiers(constraint.check))].filter((name) => model.fields[name]?.compute?.count !== undefined);
      const compiled = counts.length > 0 ? compileSqlCheck(constraint.check) : undefined;
      if (compiled) {
        const row: Record<string, SqlValue> = Object.fromEntries(compiled.columns.map((column) => [column, null]));
        for (const name of counts) row[name] = 0;
        if (!checkPasses(compiled.evaluate(row)))
          add(
            [...here, 'check'],
            `${counts.join(', ')} ${counts.length > 1 ? 'are counts' : 'is a count'} computed by Odoo, 0 on every new record, and 0 breaks this CHECK: every create() would fail; let the check accept 0 (e.g. ${counts[0]} >= 0) or use condition: "<expression>" instead`,
          );
      }
    }
  });
}

/** Why `name` is not a column of the model's table, or undefined when it is (or may be). */
function columnProblem(model: IndexedModel, name: string): string | undefined {
  const field = model.fields[name];
  if (field)
    return isStoredField(field)
      ? undefined
      : `${name} has no column in the table (${field.type}${field.compute || field.related ? ', not stored' : ''})`;
  if (MAGIC_COLUMNS.has(name) || !model.complete) return undefined;
  return `${model.name} has no field ${name}`;
}

function checkWorkflow(
  index: SpecModelIndex,
  model: IndexedModel,
  workflow: WorkflowSpec,
  at: SpecPath,
  add: Add,
): void {
  const field = model.fields[workflow.field];
  if (!field || field.type !== 'selection') {
    const selections = index.fieldNames(model.name, (f) => f.type === 'selection');
    const why = field
      ? `${workflow.field} is a ${field.type} field`
      : `${model.name} has no field ${workflow.field}`;
    add(
      [...at, 'field'],
      `${why}: the workflow field must be a selection, ${choices('selection fields', selections, workflow.field)}`,
    );
    return;
  }
  if (field.compute !== undefined || field.related !== undefined) {
    add(
      [...at, 'field'],
      `${workflow.field} is ${field.compute !== undefined ? 'computed' : 'related'}: buttons could not change it, use a plain selection field`,
    );
  }
  const states = Object.keys(field.options ?? {});
  if (states.length === 0) return;
  const list = `expected one of the states ${states.join(', ')}`;
  workflow.buttons.forEach((button, b) => {
    button.from.forEach((state, s) => {
      if (!states.includes(state)) add([...at, 'buttons', b, 'from', s], `unknown state ${state}: ${list}`);
    });
    if (!states.includes(button.to)) add([...at, 'buttons', b, 'to'], `unknown state ${button.to}: ${list}`);
  });
}
