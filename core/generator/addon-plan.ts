import { fieldLabel } from '../odoo/field-label.js';
import { KNOWN_MIXINS } from '../odoo/mixins.js';
import type { ConstraintSpec, ExtensionSpec, FieldSpec, ModelSpec, ModuleSpec, WorkflowSpec } from '../spec/module-spec.js';
import { modelTitle } from '../spec/model-title.js';
import { isStageField, stageModelNames, withStageFields } from '../spec/stage-fields.js';
import { planCompanyFields } from './render-company.js';
import { withCompanyFields } from '../spec/company-fields.js';
import { planStages, type PlannedStage } from './plan-stages.js';
import { modelTable, pyClassName } from './python-literal.js';
import { seriesProfile, type SeriesProfile } from './series-profile.js';

/**
 * The spec resolved into what the renderers need: labels, tables, class names, constraint
 * names, group ids, file names. Computed once, so every renderer agrees on every name.
 */
export interface PlannedField {
  name: string;
  spec: FieldSpec;
  label: string;
  /** Has a database column (not x2many, not a non-stored compute/related). */
  stored: boolean;
  /** A many2one to a stage model of the addon (ModuleSpec 1.1 stages): group_expand, first stage by default. */
  stage?: true;
  /** ModuleSpec 1.1 multi-company: the company_id of a company-bound model (its default, its group). */
  company?: true;
  /** ModuleSpec 1.1 multi-company: a relation to a company-bound model, written with check_company. */
  checkCompany?: true;
}


export interface PlannedConstraint {
  name: string;
  kind: 'unique' | 'check';
  sql: string;
  message: string;
  spec: ConstraintSpec;
}

/** A char field numbered by an ir.sequence on create (ModuleSpec 1.1). */
export interface PlannedSequence {
  field: string;
  /** The sequence's code, `next_by_code` looks it up: the model's name. */
  code: string;
  xmlId: string;
  name: string;
  prefix: string | undefined;
  suffix: string | undefined;
  padding: number;
  /** The model has a company_id: the sequence of the record's company wins. */
  perCompany: boolean;
}

/** A constraint checked in Python (`@api.constrains`, ModuleSpec 1.1): a condition or no overlap. */
export interface PlannedPythonConstraint {
  method: string;
  message: string;
  spec: ConstraintSpec;
}

export interface PlannedModel {
  kind: 'model' | 'extension';
  name: string;
  table: string;
  className: string;
  description: string;
  mixins: string[];
  fields: PlannedField[];
  constraints: PlannedConstraint[];
  workflow: WorkflowSpec | undefined;
  recName: string | undefined;
  order: string | undefined;
  chatter: boolean;
  activities: boolean;
  views: ModelSpec['views'];
  extensionView: ExtensionSpec['view'];
  sequence?: PlannedSequence;
  pythonConstraints?: PlannedPythonConstraint[];
  /** A stage model: its default stages. */
  stages?: PlannedStage[];
  /** ModuleSpec 1.1 multi-company: records belong to a company (company_id, rule, check_company). */
  company?: true;
  /** Python file under models/, without extension. */
  fileStem: string;
}

export interface PlannedGroup {
  key: string;
  xmlId: string;
  name: string;
  implies: string[];
  /** Not implied by another group of the addon: the admin user gets it. */
  top: boolean;
}

export interface AddonPlan {
  spec: ModuleSpec;
  profile: SeriesProfile;
  module: string;
  version: string;
  depends: string[];
  models: PlannedModel[];
  extensions: PlannedModel[];
  groups: PlannedGroup[];
  categoryXmlId: string;
  menus: { root: string; items: { model: string; label: string }[] };
}

export function planAddon(written: ModuleSpec): AddonPlan {
  const spec = withCompanyFields(withStageFields(written));
  const module = spec.module.name;
  const stageModels = stageModelNames(spec);
  const models = (spec.models ?? []).map((model) => planCompanyFields(spec, model, planModel(model, stageModels)));
  const extensions = (spec.extend ?? []).map((extension) => planExtension(extension, module, stageModels));
  return {
    spec,
    profile: seriesProfile(spec.odoo),
    module,
    version: `${spec.odoo}.${spec.module.version ?? '1.0.0'}`,
    depends: planDepends(spec),
    models,
    extensions,
    groups: planGroups(spec),
    categoryXmlId: `module_category_${module}`,
    menus: {
      root: spec.menus?.root ?? spec.module.title,
      items: spec.menus?.items ?? models.map((model) => ({ model: model.name, label: model.description })),
    },
  };
}

/** `mail` when a mixin needs it, and `base` only when nothing else is listed. */
function planDepends(spec: ModuleSpec): string[] {
  const depends = new Set(spec.module.depends ?? []);
  for (const model of spec.models ?? []) {
    for (const mixin of model.mixins ?? []) {
      const info = KNOWN_MIXINS[mixin];
      if (info && info.module !== 'base') depends.add(info.module);
    }
  }
  // ModuleSpec 1.1 settings: the Settings app and res.config.settings' company_id come from base_setup.
  if ((spec.settings ?? []).length > 0) depends.add('base_setup');
  if (depends.size > 1) depends.delete('base');
  if (depends.size === 0) depends.add('base');
  return [...depends];
}

function planFields(fields: Record<string, FieldSpec>, stageModels: ReadonlySet<string>): PlannedField[] {
  return Object.entries(fields).map(([name, field]) => ({
    name,
    spec: field,
    label: field.string ?? fieldLabel(name),
    stored: isStored(field),
    ...(isStageField(field, stageModels) ? { stage: true as const } : {}),
  }));
}

function isStored(field: FieldSpec): boolean {
  if (field.type === 'one2many' || field.type === 'many2many') return false;
  if (field.related !== undefined) return field.store === true;
  if (field.compute !== undefined) return field.store !== false;
  return true;
}

function planModel(model: ModelSpec, stageModels: ReadonlySet<string>): PlannedModel {
  const mixins = model.mixins ?? [];
  const table = modelTable(model.name);
  const fields = planFields(model.fields, stageModels);
  return {
    kind: 'model',
    name: model.name,
    table,
    className: safeClassName(model.name),
    description: modelTitle(model),
    mixins,
    fields,
    constraints: planConstraints((model.constraints ?? []).filter(isSqlConstraint), ''),
    ...planPythonConstraints(model),
    workflow: model.workflow,
    recName: model.rec_name ?? (model.fields['name'] ? undefined : firstCharField(fields)),
    order: model.order,
    // The chatter shows messages and followers: only mail.thread has them (an activity mixin
    // alone has no chatter fields to show).
    chatter: mixins.includes('mail.thread'),
    activities: mixins.includes('mail.activity.mixin'),
    views: model.views,
    extensionView: undefined,
    ...planSequence(model, table),
    ...planStages(model, table),
    fileStem: table,
  };
}

function isSqlConstraint(constraint: ConstraintSpec): boolean {
  return constraint.condition === undefined && constraint.no_overlap === undefined;
}

/** `_check_<name>` methods, named from the constraint or its fields, each name once. */
function planPythonConstraints(model: ModelSpec): { pythonConstraints?: PlannedPythonConstraint[] } {
  const python = (model.constraints ?? []).filter((constraint) => !isSqlConstraint(constraint));
  if (python.length === 0) return {};
  const used = new Set([...Object.keys(model.fields), ...(model.workflow?.buttons ?? []).map((button) => button.name)]);
  return {
    pythonConstraints: python.map((constraint) => {
      const overlap = constraint.no_overlap;
      const words = overlap
        ? `no_overlap_${overlap.same}`
        : [...new Set((constraint.condition ?? '').match(/[a-z_][a-z0-9_]*/g) ?? [])]
            .filter((word) => !['and', 'or', 'not', 'if', 'else'].includes(word))
            .slice(0, 3)
            .join('_');
      const base = `_check_${constraint.name ?? (words || 'condition')}`.slice(0, 60);
      let method = base;
      for (let n = 2; used.has(method); n += 1) method = `${base}_${n}`;
      used.add(method);
      return { method, message: constraint.message, spec: constraint };
    }),
  };
}

/** Padding when the spec gives none: LOAN/2026/0001. */
export const DEFAULT_SEQUENCE_PADDING = 4;

function planSequence(model: ModelSpec, table: string): { sequence?: PlannedSequence } {
  const entry = Object.entries(model.fields).find(([, field]) => field.sequence !== undefined);
  if (!entry) return {};
  const [field, spec] = entry;
  const company = model.fields['company_id'];
  return {
    sequence: {
      field,
      code: model.name,
      xmlId: `seq_${table}`,
      name: modelTitle(model),
      prefix: spec.sequence?.prefix,
      suffix: spec.sequence?.suffix,
      padding: spec.sequence?.padding ?? DEFAULT_SEQUENCE_PADDING,
      perCompany: company?.type === 'many2one' && company.comodel === 'res.company',
    },
  };
}

/** Names the generated files import: a model class must not hide one (`user.error` → UserError). */
const IMPORTED_NAMES = new Set(['UserError', 'ValidationError', 'Command', 'TransactionCase', 'IntegrityError', 'Model']);

function safeClassName(modelName: string): string {
  const name = pyClassName(modelName);
  return IMPORTED_NAMES.has(name) ? `${name}Model` : name;
}

function firstCharField(fields: PlannedField[]): string | undefined {
  return fields.find((field) => field.spec.type === 'char' && field.stored)?.name;
}

function planExtension(extension: ExtensionSpec, module: string, stageModels: ReadonlySet<string>): PlannedModel {
  const table = modelTable(extension.model);
  return {
    kind: 'extension',
    name: extension.model,
    table,
    className: safeClassName(extension.model),
    description: extension.model,
    mixins: [],
    fields: planFields(extension.fields, stageModels),
    // On an inherited model, constraint names are merged across modules: prefix ours.
    constraints: planConstraints(extension.constraints ?? [], `${module}_`),
    workflow: undefined,
    recName: undefined,
    order: undefined,
    chatter: false,
    activities: false,
    views: undefined,
    extensionView: extension.view,
    fileStem: table,
  };
}

const SQL_WORDS = new Set(['and', 'or', 'not', 'null', 'is', 'in', 'like', 'ilike', 'between', 'true', 'false']);

function planConstraints(constraints: ConstraintSpec[], prefix: string): PlannedConstraint[] {
  const used = new Set<string>();
  return constraints.map((constraint, index) => {
    const base = constraint.name ?? derivedConstraintName(constraint, index);
    let name = `${prefix}${base}`.slice(0, 48);
    for (let n = 2; used.has(name); n += 1) name = `${prefix}${base}`.slice(0, 45) + `_${n}`;
    used.add(name);
    const unique = constraint.unique;
    return unique
      ? { name, kind: 'unique', sql: `UNIQUE(${unique.join(', ')})`, message: constraint.message, spec: constraint }
      : { name, kind: 'check', sql: `CHECK(${constraint.check ?? 'true'})`, message: constraint.message, spec: constraint };
  });
}

function derivedConstraintName(constraint: ConstraintSpec, index: number): string {
  if (constraint.unique) return `${constraint.unique.join('_')}_unique`;
  const words = (constraint.check ?? '')
    .replace(/'[^']*'/g, ' ')
    .toLowerCase()
    .match(/[a-z_][a-z0-9_]*/g);
  const columns = [...new Set((words ?? []).filter((word) => !SQL_WORDS.has(word)))];
  return columns.length > 0 ? `${columns.slice(0, 3).join('_')}_check` : `check_${index + 1}`;
}

function planGroups(spec: ModuleSpec): PlannedGroup[] {
  const groups = spec.security?.groups ?? {};
  const implied = new Set(Object.values(groups).flatMap((group) => group.implies ?? []));
  return Object.entries(groups).map(([key, group]) => ({
    key,
    xmlId: `group_${key}`,
    name: group.name,
    implies: (group.implies ?? []).map((ref) => (ref.includes('.') ? ref : `group_${ref}`)),
    top: !implied.has(key),
  }));
}

/** The XML id to use for a group named in the spec: a key of ours, or an external id as is. */
export function groupRef(key: string): string {
  return key.includes('.') ? key : `group_${key}`;
}

export function findModel(plan: AddonPlan, name: string): PlannedModel | undefined {
  return plan.models.find((model) => model.name === name) ?? plan.extensions.find((model) => model.name === name);
}

export function findField(model: PlannedModel | undefined, name: string): PlannedField | undefined {
  return model?.fields.find((field) => field.name === name);
}
