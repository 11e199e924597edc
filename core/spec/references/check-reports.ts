import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import type { SpecPath } from './spec-model-index.js';

/** One entry of a model's `reports` (ModuleSpec 1.1). */
export type ReportSpec = NonNullable<ModelSpec['reports']>[number];

/** Fields every model has: a report may print them without declaring them. */
const BUILT_IN_FIELDS: ReadonlySet<string> = new Set(['id', 'display_name', 'create_date', 'write_date']);

/** Fields a stage model gets from `stages:` (ModuleSpec 1.1). */
const STAGE_FIELDS = ['name', 'sequence', 'fold'];

/** The fields a report of `model` may print: its own, the built-in ones and its stage fields. */
function printableFields(model: ModelSpec): Set<string> {
  return new Set([...Object.keys(model.fields), ...BUILT_IN_FIELDS, ...(model.stages ? STAGE_FIELDS : [])]);
}

/**
 * `reports` of a model (ModuleSpec 1.1): every printed field is a field of the model; every key
 * of `lines` is a one2many of the model, and when its comodel is a model of this addon, every
 * column is a field of that comodel. Two reports of a model need different titles (their XML ids
 * are made from the title).
 */
export function checkReports(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  const models = new Map((spec.models ?? []).map((model) => [model.name, model]));
  (spec.models ?? []).forEach((model, i) => {
    const known = printableFields(model);
    const titles = new Map<string, number>();
    (model.reports ?? []).forEach((report, r) => {
      const at: SpecPath = ['models', i, 'reports', r];
      const slug = reportSlug(report.title);
      const earlier = titles.get(slug);
      if (earlier !== undefined)
        add(
          [...at, 'title'],
          `report ${earlier + 1} of ${model.name} has the same title: give this report another title`,
        );
      else titles.set(slug, r);
      report.fields.forEach((field, f) => {
        if (!known.has(field))
          add(
            [...at, 'fields', f],
            `${model.name} has no field ${field}: print one of ${[...Object.keys(model.fields)].join(', ')}`,
          );
      });
      for (const [lineField, columns] of Object.entries(report.lines ?? {})) {
        const lineAt: SpecPath = [...at, 'lines', lineField];
        const field = model.fields[lineField];
        if (field === undefined) {
          add(
            lineAt,
            `${model.name} has no field ${lineField}: a table of lines needs a one2many field of the model`,
          );
          continue;
        }
        if (field.type !== 'one2many') {
          add(lineAt, `${lineField} is a ${field.type} field: a table of lines needs a one2many field`);
          continue;
        }
        const comodel = field.comodel === undefined ? undefined : models.get(field.comodel);
        if (comodel === undefined) continue; // a model of another addon: its fields are not known here
        const columnsKnown = printableFields(comodel);
        columns.forEach((column, c) => {
          if (!columnsKnown.has(column))
            add(
              [...lineAt, c],
              `${comodel.name} (the lines of ${lineField}) has no field ${column}: use one of ${Object.keys(comodel.fields).join(', ')}`,
            );
        });
      }
    });
  });
  return errors;
}

/** The part of a report's XML ids made from its title: "Book card" → book_card. */
export function reportSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'report' : slug.slice(0, 40);
}
