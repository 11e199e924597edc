import type { SpecReferenceError } from '../check-spec-references.js';
import { COMPANY_FIELD_NAME } from '../company-fields.js';
import type { FieldSpec, ModelSpec, ModuleSpec } from '../module-spec.js';
import { isStageField, stageModelNames } from '../stage-fields.js';
import { domainLeafFields, domainShapeProblem } from './domain-text.js';
import {
  choices,
  externalIdModule,
  isStoredField,
  type IndexedModel,
  type SpecModelIndex,
  type SpecPath,
} from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

const NOT_GROUPABLE = new Set(['one2many', 'many2many', 'binary', 'image', 'html', 'text']);

/** Views name fields of their model; an extension's view ref is a real id; menus name models. */
export function checkViews(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((modelSpec, i) => {
    const model = index.model(modelSpec.name);
    if (!model || model.path[1] !== i || !modelSpec.views) return;
    checkModelViews(index, model, modelSpec.views, ['models', i, 'views'], add);
    checkFormHasRequired(modelSpec, ['models', i, 'views', 'form', 'groups'], add, stageModelNames(spec));
  });
  (spec.extend ?? []).forEach((extension, i) => {
    if (!extension.view) return;
    const module = externalIdModule(extension.view.ref);
    const at: SpecPath = ['extend', i, 'view', 'ref'];
    if (module === undefined)
      add(
        at,
        `expected module.xml_id (the module that defines the view, a dot, its id), such as base.view_partner_form`,
      );
    else if (!index.knownModules.has(module))
      add(at, `the view ${extension.view.ref} belongs to module ${module}: add ${module} to module.depends`);
    if (extension.fields[extension.view.after] !== undefined) {
      add(
        ['extend', i, 'view', 'after'],
        `${extension.view.after} is a field this extension adds, so the original view does not show it: name a field the view ${extension.view.ref} already has`,
      );
    }
  });
  const labels = new Map<string, number>();
  (spec.menus?.items ?? []).forEach((item, m) => {
    const at: SpecPath = ['menus', 'items', m];
    if (!index.model(item.model))
      add(
        [...at, 'model'],
        `${item.model} is not a model of this spec: ${choices('models', [...index.models.keys()], item.model)}`,
      );
    const first = labels.get(item.label);
    if (first !== undefined)
      add(
        [...at, 'label'],
        `menu label ${item.label} is already used by menus.items[${first}]: give each menu its own label`,
      );
    else labels.set(item.label, m);
  });
  return errors;
}

function checkModelViews(
  index: SpecModelIndex,
  model: IndexedModel,
  views: NonNullable<ModelSpec['views']>,
  at: SpecPath,
  add: Add,
): void {
  /** The field, or undefined after reporting that it does not exist. */
  const known = (name: string, path: SpecPath): FieldSpec | 'other' | undefined => {
    const lookup = index.lookup(model.name, name);
    if (lookup.found === 'spec' || lookup.found === 'magic') return lookup.field;
    if (lookup.found !== 'no') return 'other';
    add(path, `${model.name} has no field ${name}: ${choices('fields', index.fieldNames(model.name), name)}`);
    return undefined;
  };
  (views.list ?? []).forEach((name, f) => known(name, [...at, 'list', f]));
  (views.search?.fields ?? []).forEach((name, f) => {
    const field = known(name, [...at, 'search', 'fields', f]);
    if (field !== undefined && field !== 'other' && field.compute !== undefined && field.store === false) {
      add(
        [...at, 'search', 'fields', f],
        `${name} is computed and not stored, so it cannot be searched: store it or leave it out`,
      );
    }
  });
  (views.search?.group_by ?? []).forEach((name, f) => {
    const field = known(name, [...at, 'search', 'group_by', f]);
    if (field === undefined || field === 'other') return;
    if (
      NOT_GROUPABLE.has(field.type) ||
      (field.compute !== undefined && field.store === false) ||
      (field.related !== undefined && field.store !== true)
    ) {
      const why = NOT_GROUPABLE.has(field.type) ? `a ${field.type} field` : 'not stored';
      add(
        [...at, 'search', 'group_by', f],
        `${name} cannot be grouped by (${why}): group by a stored char, selection, many2one, date, boolean or number field`,
      );
    }
  });
  for (const [filter, domain] of Object.entries(views.search?.filters ?? {})) {
    checkDomain(index, model, domain, [...at, 'search', 'filters', filter], add);
  }
  const placed = new Map<string, string>();
  const place = (name: string, path: SpecPath, where: string) => {
    if (known(name, path) === undefined) return;
    const first = placed.get(name);
    if (first !== undefined)
      add(path, `${name} is already in the form (${first}): a field may appear once in a form`);
    else placed.set(name, where);
  };
  (views.form?.groups ?? []).forEach((group, g) =>
    group.forEach((name, f) => place(name, [...at, 'form', 'groups', g, f], `form.groups[${g}]`)),
  );
  (views.form?.pages ?? []).forEach((page, p) =>
    page.fields.forEach((name, f) =>
      place(name, [...at, 'form', 'pages', p, 'fields', f], `form.pages[${p}]`),
    ),
  );
}

/**
 * With custom form groups, a required field without default must be on the form, or nobody
 * can save a new record in the browser. Forge places the title field (rec_name, name or the
 * first char field), the workflow field and the company_id of a company-bound model (ModuleSpec
 * 1.1 multi-company: the current company by default, at the end of the last group) itself, and
 * html/one2many fields in pages when `pages` is not given.
 */
function checkFormHasRequired(model: ModelSpec, at: SpecPath, add: Add, stageModels: ReadonlySet<string>): void {
  const form = model.views?.form;
  if (form?.groups === undefined) return;
  const placed = new Set([...form.groups.flat(), ...(form.pages ?? []).flatMap((page) => page.fields)]);
  const entries = Object.entries(model.fields);
  const firstChar = entries.find(([, field]) => field.type === 'char' && isStoredField(field))?.[0];
  const title = model.rec_name ?? (model.fields['name'] ? 'name' : firstChar);
  if (title !== undefined && model.fields[title]?.type === 'char') placed.add(title);
  if (model.workflow) placed.add(model.workflow.field);
  if (model.company === true) placed.add(COMPANY_FIELD_NAME);
  const missing = entries
    .filter(
      ([name, field]) =>
        field.required === true &&
        field.default === undefined &&
        field.sequence === undefined &&
        !isStageField(field, stageModels) &&
        field.compute === undefined &&
        field.related === undefined &&
        !placed.has(name),
    )
    .filter(
      ([, field]) => !(form.pages === undefined && (field.type === 'one2many' || field.type === 'html')),
    )
    .map(([name]) => name);
  if (missing.length > 0) {
    add(
      at,
      `required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not on the form: nobody could save a new record; add ${missing.length > 1 ? 'them' : 'it'} to form.groups or form.pages`,
    );
  }
}

/** A domain looks like a list and its leaves name fields of the model. */
export function checkDomain(
  index: SpecModelIndex,
  model: IndexedModel,
  domain: string,
  at: SpecPath,
  add: Add,
): void {
  const shape = domainShapeProblem(domain);
  if (shape !== undefined) {
    add(at, shape);
    return;
  }
  for (const name of domainLeafFields(domain)) {
    if (index.lookup(model.name, name).found === 'no')
      add(
        at,
        `the domain names ${name}, which is not a field of ${model.name}: ${choices('fields', index.fieldNames(model.name), name)}`,
      );
  }
}
