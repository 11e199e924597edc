import { fieldLabel, MAGIC_FIELD_LABELS } from '../../odoo/field-label.js';
import { KNOWN_MIXINS, PYTHON_KEYWORDS, RESERVED_FIELD_NAMES } from '../../odoo/mixins.js';
import { ModuleCatalog } from '../../odoo/standard-modules/module-catalog.js';
import type { SpecReferenceError } from '../check-spec-references.js';
import type { FieldSpec, ModuleSpec } from '../module-spec.js';
import { ORM_MEMBER_NAMES } from './orm-method-names.js';
import type { SpecPath } from './spec-model-index.js';

/**
 * Names: models defined once, extensions of existing models only, known mixins, field names
 * that are neither reserved nor Python keywords nor a mixin's, distinct field labels, button
 * methods that clash with nothing.
 */
export function checkNames(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  const modelNames = new Map<string, number>();
  const tables = new Map<string, string>();
  const catalog = ModuleCatalog.forSeries(spec.odoo);
  if (catalog?.module(spec.module.name) !== undefined)
    add(
      ['module', 'name'],
      `${spec.module.name} is a standard module of Odoo ${spec.odoo}: choose another technical name, such as ${spec.module.name}_custom`,
    );
  (spec.models ?? []).forEach((model, i) => {
    const owner = catalog?.ownersOfModel(model.name)[0];
    if (owner !== undefined)
      add(
        ['models', i, 'name'],
        `${model.name} is an Odoo model: use extend to add fields to it (it is defined by the module ${owner} of Odoo ${spec.odoo}), or name a new model differently`,
      );
    const first = modelNames.get(model.name);
    const table = model.name.replace(/\./g, '_');
    const sameTable = tables.get(table);
    if (first !== undefined)
      add(
        ['models', i, 'name'],
        `model ${model.name} is already defined by models[${first}]: define each model once`,
      );
    else if (sameTable !== undefined)
      add(
        ['models', i, 'name'],
        `model ${model.name} would share the table ${table} with ${sameTable}: rename one of them`,
      );
    else modelNames.set(model.name, i);
    if (sameTable === undefined) tables.set(table, model.name);
    if (table.length > PG_NAME_LIMIT)
      add(
        ['models', i, 'name'],
        `the table ${table} would be longer than the ${PG_NAME_LIMIT} characters PostgreSQL allows: shorten the model name`,
      );
    for (const [name, field] of Object.entries(model.fields)) {
      const relation = defaultRelationTable(model.name, field, model.fields);
      if (relation !== undefined && relation.length > PG_NAME_LIMIT) {
        add(
          ['models', i, 'fields', name],
          `the many2many table ${relation} that Odoo would name would be longer than the ${PG_NAME_LIMIT} characters PostgreSQL allows: shorten a model name`,
        );
      }
    }
    const mixinFields: Record<string, string> = {};
    (model.mixins ?? []).forEach((mixin, m) => {
      const info = KNOWN_MIXINS[mixin];
      if (!info)
        add(
          ['models', i, 'mixins', m],
          `unknown mixin ${mixin}: expected one of ${Object.keys(KNOWN_MIXINS).join(', ')}`,
        );
      else Object.assign(mixinFields, info.fields);
    });
    if (new Set(model.mixins ?? []).size !== (model.mixins ?? []).length)
      add(['models', i, 'mixins'], 'each mixin may be listed once');
    checkFieldNames(model.fields, ['models', i], mixinFields, add);
    checkLabels(model.fields, ['models', i], mixinFields, add);
    const fieldNames = new Set([...Object.keys(model.fields), ...Object.keys(mixinFields)]);
    const buttons = new Map<string, number>();
    (model.workflow?.buttons ?? []).forEach((button, b) => {
      const at: SpecPath = ['models', i, 'workflow', 'buttons', b, 'name'];
      const previous = buttons.get(button.name);
      if (previous !== undefined)
        add(
          at,
          `button method ${button.name} is already used by workflow.buttons[${previous}]: give each button its own name`,
        );
      else buttons.set(button.name, b);
      if (fieldNames.has(button.name))
        add(
          at,
          `button method ${button.name} has the name of a field of ${model.name}: methods and fields share one namespace, rename it (e.g. action_${button.name})`,
        );
      else if (PYTHON_KEYWORDS.has(button.name))
        add(at, `${button.name} is a Python keyword and cannot be a method name`);
      else if (ORM_MEMBER_NAMES.has(button.name) || RESERVED_FIELD_NAMES.has(button.name))
        add(
          at,
          `${button.name} would override the ORM's own ${button.name}(): choose another name, such as action_${button.name}`,
        );
    });
  });
  const extended = new Map<string, number>();
  (spec.extend ?? []).forEach((extension, i) => {
    const at: SpecPath = ['extend', i, 'model'];
    const definedAt = modelNames.get(extension.model);
    if (definedAt !== undefined)
      add(
        at,
        `model ${extension.model} is defined in models[${definedAt}]: add the fields there instead of extending it`,
      );
    const first = extended.get(extension.model);
    if (first !== undefined)
      add(
        at,
        `model ${extension.model} is already extended by extend[${first}]: put all its fields in one extension`,
      );
    else extended.set(extension.model, i);
    checkFieldNames(extension.fields, ['extend', i], {}, add);
    checkLabels(extension.fields, ['extend', i], {}, add);
  });
  const depends = spec.module.depends ?? [];
  depends.forEach((name, d) => {
    if (name === spec.module.name)
      add(['module', 'depends', d], `a module cannot depend on itself (${name})`);
    else if (depends.indexOf(name) !== d) add(['module', 'depends', d], `${name} is listed twice`);
  });
  Object.keys(spec.security?.groups ?? {}).forEach((key) => {
    if (PYTHON_KEYWORDS.has(key))
      add(['security', 'groups', key], `${key} is a Python keyword and cannot be a group key`);
  });
  return errors;
}

/** PostgreSQL truncates longer identifiers, which Odoo refuses (check_pg_name). */
const PG_NAME_LIMIT = 63;

/**
 * The relation table Odoo derives for a many2many (`<table1>_<table2>_rel`, tables sorted),
 * when the generator does not name it itself (it does for a comodel used twice or the model
 * itself).
 */
function defaultRelationTable(
  model: string,
  field: FieldSpec,
  fields: Record<string, FieldSpec>,
): string | undefined {
  if (field.type !== 'many2many' || field.comodel === undefined || field.comodel === model) return undefined;
  const siblings = Object.values(fields).filter(
    (other) => other.type === 'many2many' && other.comodel === field.comodel,
  );
  if (siblings.length > 1) return undefined;
  const tables = [model, field.comodel].map((each) => each.replace(/\./g, '_')).sort();
  return `${tables[0]}_${tables[1]}_rel`;
}

function checkFieldNames(
  fields: Record<string, FieldSpec>,
  modelPath: SpecPath,
  mixinFields: Readonly<Record<string, string>>,
  add: (path: SpecPath, message: string) => void,
): void {
  for (const name of Object.keys(fields)) {
    const at: SpecPath = [...modelPath, 'fields', name];
    if (RESERVED_FIELD_NAMES.has(name))
      add(
        at,
        `${name} is a name Odoo reserves (magic fields and ORM attributes such as id, create_uid, display_name, env): rename the field`,
      );
    else if (PYTHON_KEYWORDS.has(name)) add(at, `${name} is a Python keyword and cannot be a field name`);
    else if (ORM_MEMBER_NAMES.has(name))
      add(at, `a field named ${name} would hide the ORM method ${name}(): rename the field`);
    else if (mixinFields[name] !== undefined)
      add(at, `${name} is already a field of the model's mixins: rename the field`);
    else if (name.startsWith('x_'))
      add(
        at,
        `names starting with x_ are kept for fields created in Odoo's interface (Studio): rename the field`,
      );
    else if (name.length > PG_NAME_LIMIT)
      add(
        at,
        `${name} is longer than the ${PG_NAME_LIMIT} characters PostgreSQL allows for a column: shorten it`,
      );
  }
}

/** Odoo warns "Two fields (a, b) of model() have the same label"; a clean addon has none. */
function checkLabels(
  fields: Record<string, FieldSpec>,
  modelPath: SpecPath,
  mixinFields: Readonly<Record<string, string>>,
  add: (path: SpecPath, message: string) => void,
): void {
  const owners = new Map<string, string>();
  for (const [name, label] of Object.entries(MAGIC_FIELD_LABELS))
    owners.set(label, `the built-in field ${name}`);
  for (const [name, label] of Object.entries(mixinFields))
    if (!owners.has(label)) owners.set(label, `the mixin field ${name}`);
  for (const [name, field] of Object.entries(fields)) {
    const label = field.string ?? fieldLabel(name);
    const owner = owners.get(label);
    if (owner !== undefined) {
      const how =
        field.string === undefined ? ` (derived from the name; set \`string\` to another label)` : '';
      add(
        [...modelPath, 'fields', name, ...(field.string === undefined ? [] : ['string'])],
        `label "${label}"${how} is already the label of ${owner}: Odoo warns when two fields of a model share a label`,
      );
    } else owners.set(label, `the field ${name}`);
  }
}
