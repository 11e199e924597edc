import type { SpecReferenceError } from '../check-spec-references.js';
import { isCompanyDefaulted } from '../company-fields.js';
import { formatSpecPath } from '../format-spec-path.js';
import type { ModuleSpec } from '../module-spec.js';
// The stage ids are the generator's: one rule, in one place.
import { planStages } from '../../generator/plan-stages.js';
import { isStageField, stageModelNames } from '../stage-fields.js';
import { checkRecordValues, externalRefProblem, type ValuesContext } from './check-record-values.js';
import { brokenChecks } from './check-record-constraints.js';
import { choices, type SpecModelIndex, type SpecPath } from './spec-model-index.js';

/** Models whose records other keys of the spec write: a data record there would fight them. */
const WRITTEN_BY_OTHER_KEYS: Readonly<Record<string, string>> = {
  'ir.sequence': 'a numbered field gets its ir.sequence from `sequence` on the field',
  'ir.cron': 'scheduled actions come from `scheduled` on the model',
  'mail.template': 'mail templates come from `mail_templates` on the model',
};

/** The XML ids of the spec's data records (ModuleSpec 1.1 `data`), in the order written. */
export function dataRecordIds(spec: ModuleSpec): string[] {
  return Object.values(spec.data ?? {}).flatMap((records) => records.map((record) => record.id));
}

/**
 * The XML ids the generator gives the default stages (`<table>_<name>`) and
 * the sequences (`seq_<table>`): loaded before the data records, so those may refer to them.
 */
function generatedDataIds(spec: ModuleSpec): Map<string, string> {
  const ids = new Map<string, string>();
  for (const model of spec.models ?? []) {
    const table = model.name.replace(/\./g, '_');
    for (const stage of planStages(model, table).stages ?? [])
      ids.set(stage.xmlId, `a default stage of ${model.name}`);
    if (Object.values(model.fields).some((field) => field.sequence !== undefined))
      ids.set(`seq_${table}`, `the sequence of ${model.name}`);
  }
  return ids;
}

/**
 * Data records: each on a model of the spec (not a stage model, whose default records are its
 * `stages`), with an XML id of its own, values typed like demo values, every required field
 * without a default given (a company-bound model's company_id defaults to the current company,
 * as in demo records), no CHECK constraint broken; a `{ref: …}` names a data record written
 * earlier, a default stage, or an id of a dependency (never a demo record: data loads without demo).
 */
export function checkDataRecords(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string): void => {
    errors.push({ pathKeys, message });
  };
  const own = spec.module.name;
  const generated = generatedDataIds(spec);
  const ids = dataRecordIds(spec);
  const demoIds = new Set(
    Object.entries(spec.demo ?? {}).flatMap(([model, records]) =>
      records.map((_, i) => `${model.replace(/\./g, '_')}_demo_${i + 1}`),
    ),
  );
  const stageModels = stageModelNames(spec);
  const specModels = new Map((spec.models ?? []).map((model, m) => [model.name, { model, m }] as const));
  const seen = new Map<string, string>();
  let position = 0;
  for (const [modelName, records] of Object.entries(spec.data ?? {})) {
    const model = index.model(modelName);
    const stageModel = stageModels.has(modelName) ? specModels.get(modelName) : undefined;
    const other = WRITTEN_BY_OTHER_KEYS[modelName];
    if (stageModel)
      add(
        ['data', modelName],
        `${modelName} is a stage model: list its default stages in models[${stageModel.m}].stages (they are loaded as data records)`,
      );
    else if (other !== undefined) add(['data', modelName], `${modelName}: ${other}`);
    else if (!model)
      add(
        ['data', modelName],
        `${modelName} is not a model of this spec: ${choices('models', [...index.models.keys()], modelName)}`,
      );
    records.forEach((record, r) => {
      const here = position;
      position += 1;
      const at: SpecPath = ['data', modelName, r];
      const first = seen.get(record.id);
      if (first !== undefined)
        add([...at, 'id'], `XML id ${record.id} is already used by ${first}: give each record its own id`);
      else if (generated.has(record.id))
        add(
          [...at, 'id'],
          `XML id ${record.id} is already used by ${generated.get(record.id) ?? ''}: choose another id`,
        );
      else if (demoIds.has(record.id))
        add([...at, 'id'], `XML id ${record.id} is the id of a demo record: choose another id`);
      else seen.set(record.id, formatSpecPath(at));
      if (!model || stageModel || other !== undefined) return;
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
          if (generated.has(local)) return undefined;
          if (demoIds.has(local))
            return `${ref} is a demo record: data records are loaded without demo data, so they cannot refer to it`;
          const target = ids.indexOf(local);
          if (target < 0)
            return `${ref} is not a data record of this spec: ${choices('data records', ids, local)}`;
          if (target >= here)
            return `${ref} is defined after this record: list the data records it needs first`;
          return undefined;
        },
      };
      checkRecordValues(ctx, modelName, record.values, [...at, 'values'], 'data');
      const modelSpec = specModels.get(modelName)?.model;
      if (!model.complete || !modelSpec) return;
      for (const [name, field] of Object.entries(model.fields)) {
        const needed =
          field.required === true &&
          field.default === undefined &&
          field.sequence === undefined &&
          !isStageField(field, stageModels) &&
          !isCompanyDefaulted(spec, modelName, name) &&
          field.compute === undefined &&
          field.related === undefined;
        if (needed && record.values[name] === undefined)
          add([...at, 'values'], `missing ${name}: the field is required and has no default`);
      }
      const broken = brokenChecks(modelSpec, record.values, 'null');
      if (broken.length > 0) add([...at, 'values'], `${broken.join('; ')}: the install would fail`);
    });
  }
  return errors;
}
