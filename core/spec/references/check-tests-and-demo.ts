import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModuleSpec, SpecTest } from '../module-spec.js';
import { isStageField, stageModelNames } from '../stage-fields.js';
import { checkRecordValues, externalRefProblem, type ValuesContext } from './check-record-values.js';
import { dataRecordIds } from './check-data-records.js';
import { choices, type SpecModelIndex, type SpecPath } from './spec-model-index.js';
import { isCompanyDefaulted } from '../company-fields.js';

type Add = (path: SpecPath, message: string) => void;

/** Tests: model, values, button and expectations. Demo: model, values, required fields. */
export function checkTestsAndDemo(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  checkTests(spec, index, add);
  checkDemo(spec, index, add);
  return errors;
}

function checkTests(spec: ModuleSpec, index: SpecModelIndex, add: Add): void {
  const own = spec.module.name;
  // Data records (ModuleSpec 1.1 `data`) are loaded without demo data: tests may use them.
  const data = new Set(dataRecordIds(spec));
  const ctx: ValuesContext = {
    index,
    add,
    refProblem: (ref) =>
      ref.startsWith(`${own}.`)
        ? data.has(ref.slice(own.length + 1))
          ? undefined
          : `tests run without demo data, so ${ref} does not exist then: create the record with {create: {…}}`
        : externalRefProblem(index, ref),
  };
  const names = new Map<string, number>();
  (spec.tests ?? []).forEach((test, t) => {
    const at: SpecPath = ['tests', t];
    const key = test.name.trim().toLowerCase();
    const first = names.get(key);
    if (first !== undefined)
      add(
        [...at, 'name'],
        `test name "${test.name}" is already used by tests[${first}]: give each test its own name`,
      );
    else names.set(key, t);
    if (test.expect_error === true && test.expect !== undefined) {
      add(
        [...at, 'expect'],
        'a test that expects an error has nothing to compare afterwards: remove expect or expect_error',
      );
    }
    const modelName = test.create.model;
    if (!index.model(modelName)) {
      add(
        [...at, 'create', 'model'],
        `${modelName} is not a model of this spec: ${choices('models', [...index.models.keys()], modelName)}`,
      );
      return;
    }
    checkRecordValues(
      { ...ctx, expectsError: test.expect_error === true },
      modelName,
      test.create.values ?? {},
      [...at, 'create', 'values'],
      'test',
    );
    if (test.call !== undefined) checkCall(spec, index, test, at, add);
    if (test.expect !== undefined)
      checkRecordValues(ctx, modelName, test.expect, [...at, 'expect'], 'expect');
  });
}

/** `call` names a button of the model, and the record starts in a state the test expects. */
function checkCall(spec: ModuleSpec, index: SpecModelIndex, test: SpecTest, at: SpecPath, add: Add): void {
  const modelSpec = (spec.models ?? []).find((model) => model.name === test.create.model);
  const buttons = modelSpec?.workflow?.buttons ?? [];
  const button = buttons.find((candidate) => candidate.name === test.call);
  if (!modelSpec || !button) {
    const names = buttons.map((candidate) => candidate.name);
    add(
      [...at, 'call'],
      `${test.call} is not a workflow button of ${test.create.model}: ${choices('buttons', names, test.call)}`,
    );
    return;
  }
  const stateField = modelSpec.workflow?.field ?? '';
  // A workflow field that is not a selection with options is reported on the workflow itself.
  if (Object.keys(modelSpec.fields[stateField]?.options ?? {}).length === 0) return;
  const given = test.create.values?.[stateField];
  const fieldDefault = index.model(modelSpec.name)?.fields[stateField]?.default;
  const start =
    given !== undefined && given !== null && typeof given !== 'object'
      ? String(given)
      : given === undefined && fieldDefault !== undefined
        ? String(fieldDefault)
        : undefined;
  // A start state that is not an option is reported where it is written.
  if (start !== undefined && modelSpec.fields[stateField]?.options?.[start] === undefined) return;
  const allowed = start !== undefined && button.from.includes(start);
  const startText = start === undefined ? `has no ${stateField}` : `starts in state ${start}`;
  if (test.expect_error === true && allowed) {
    add(
      [...at, 'expect_error'],
      `the record starts in state ${start}, from which ${button.name} works, so no error would come: set ${stateField} in create.values to a state outside ${button.from.join(', ')}`,
    );
  } else if (test.expect_error !== true && !allowed) {
    add(
      [...at, 'call'],
      `the record ${startText}, but ${button.name} only works from ${button.from.join(', ')}: set ${stateField} in create.values, or add expect_error: true`,
    );
  }
}

function checkDemo(spec: ModuleSpec, index: SpecModelIndex, add: Add): void {
  const demo = spec.demo ?? {};
  // Ids the generator gives demo records: <model table>_demo_<n>, in the order written.
  const ids: string[] = Object.entries(demo).flatMap(([model, records]) =>
    records.map((_, i) => `${model.replace(/\./g, '_')}_demo_${i + 1}`),
  );
  const own = spec.module.name;
  const data = new Set(dataRecordIds(spec));
  let position = 0;
  for (const [modelName, records] of Object.entries(demo)) {
    const model = index.model(modelName);
    if (!model)
      add(
        ['demo', modelName],
        `${modelName} is not a model of this spec: ${choices('models', [...index.models.keys()], modelName)}`,
      );
    records.forEach((values, r) => {
      const here = position;
      position += 1;
      if (!model) return;
      const at: SpecPath = ['demo', modelName, r];
      const ctx: ValuesContext = {
        index,
        add,
        refProblem: (ref) => {
          const local = ref.startsWith(`${own}.`)
            ? ref.slice(own.length + 1)
            : ref.includes('.')
              ? undefined
              : ref;
          if (local === undefined) return externalRefProblem(index, ref);
          if (data.has(local)) return undefined;
          const target = ids.indexOf(local);
          if (target < 0)
            return `${ref} is not a demo record of this spec: ${choices('demo records', ids, local)}`;
          if (target >= here)
            return `${ref} is defined after this record: list the demo records it needs first`;
          return undefined;
        },
      };
      checkRecordValues(ctx, modelName, values, at, 'demo');
      if (!model.complete) return;
      for (const [name, field] of Object.entries(model.fields)) {
        const needed =
          field.required === true &&
          field.default === undefined &&
          field.sequence === undefined &&
          !isStageField(field, stageModelNames(spec)) &&
          !isCompanyDefaulted(spec, modelName, name) &&
          field.compute === undefined &&
          field.related === undefined;
        if (needed && values[name] === undefined)
          add(at, `missing ${name}: the field is required and has no default`);
      }
    });
  }
}
