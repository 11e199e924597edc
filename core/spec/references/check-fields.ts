import type { SpecReferenceError } from '../check-spec-references.js';
import type { FieldSpec, FieldType } from '../module-spec.js';
import { scalarValueProblem } from './scalar-value-problem.js';
import {
  isStoredField,
  RELATIONAL_TYPES,
  type IndexedModel,
  type SpecModelIndex,
  type SpecPath,
} from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** Keys that only make sense on some field types, each with the types it fits. */
const TYPE_BOUND_KEYS: readonly { key: keyof FieldSpec; types: readonly FieldType[] }[] = [
  { key: 'options', types: ['selection'] },
  { key: 'comodel', types: ['many2one', 'one2many', 'many2many'] },
  { key: 'inverse', types: ['one2many'] },
  { key: 'ondelete', types: ['many2one'] },
  { key: 'currency', types: ['monetary'] },
  { key: 'digits', types: ['float', 'monetary'] },
  { key: 'max_width', types: ['image'] },
  { key: 'max_height', types: ['image'] },
  { key: 'translate', types: ['char', 'text', 'html'] },
  { key: 'sequence', types: ['char'] },
];

/** Each field's keys against its type, its default, its inverse and its currency. */
export function checkFields(index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  for (const model of index.models.values()) {
    for (const [name, field] of Object.entries(model.fields)) {
      const at = model.fieldPaths.get(name) ?? [...model.path, 'fields', name];
      checkTypeBoundKeys(field, at, add);
      checkComputedKeys(field, at, add);
      checkDefault(field, at, add);
      if (field.type === 'one2many') checkInverse(index, model, field, at, add);
      if (field.type === 'monetary') checkCurrency(model, field, at, add);
      if (field.tracking === true && model.complete && !model.mixins.includes('mail.thread')) {
        add(
          [...at, 'tracking'],
          `tracking needs the model to inherit mail.thread: add mail.thread to ${model.name}'s mixins, or remove tracking`,
        );
      }
    }
  }
  return errors;
}

function checkTypeBoundKeys(field: FieldSpec, at: SpecPath, add: Add): void {
  for (const { key, types } of TYPE_BOUND_KEYS) {
    if (field[key] !== undefined && !types.includes(field.type)) {
      add([...at, key], `${key} only applies to ${types.join('/')} fields, not to a ${field.type} field`);
    }
  }
  if (field.type === 'selection') {
    // A related selection takes its options from the field it follows (Odoo ignores its own).
    if (field.options === undefined) {
      if (field.related === undefined) add(at, 'a selection field needs options: {key: Label, …}');
    } else if (Object.keys(field.options).length === 0)
      add([...at, 'options'], 'list at least one option: {key: Label, …}');
  }
  if (RELATIONAL_TYPES.has(field.type) && field.comodel === undefined) {
    add(at, `a ${field.type} field needs comodel: the model it points to, such as res.partner`);
  }
  if (field.type === 'one2many' && field.inverse === undefined) {
    add(
      at,
      `a one2many field needs inverse: the many2one field of ${field.comodel ?? 'the comodel'} that points back here`,
    );
  }
  if (field.type === 'many2one' && field.required === true && field.ondelete === 'set null') {
    add(
      [...at, 'ondelete'],
      "a required many2one cannot use ondelete 'set null' (Odoo refuses to load the model): use 'restrict' or 'cascade'",
    );
  }
}

function checkComputedKeys(field: FieldSpec, at: SpecPath, add: Add): void {
  const computed =
    field.related !== undefined ? 'related' : field.compute !== undefined ? 'compute' : undefined;
  if (field.related !== undefined && field.compute !== undefined) {
    add([...at, 'compute'], 'a field is either related or computed, not both: remove related or compute');
  }
  if (computed === undefined) {
    if (field.store === false) add([...at, 'store'], 'store only applies to a computed or related field');
    return;
  }
  if (field.default !== undefined)
    add([...at, 'default'], `a ${computed} field takes its value from ${computed}: remove default`);
  if (field.required === true)
    add(
      [...at, 'required'],
      `a ${computed} field cannot be required (its value is computed): remove required`,
    );
}

function checkDefault(field: FieldSpec, at: SpecPath, add: Add): void {
  if (field.default === undefined) return;
  const problem = scalarValueProblem(field, field.default, 'default');
  if (problem !== undefined) add([...at, 'default'], problem);
}

function checkInverse(
  index: SpecModelIndex,
  model: IndexedModel,
  field: FieldSpec,
  at: SpecPath,
  add: Add,
): void {
  if (field.inverse === undefined || field.comodel === undefined) return;
  const comodel = index.model(field.comodel);
  if (!comodel) return;
  const inverse = comodel.fields[field.inverse];
  if (!inverse) {
    if (!comodel.complete) return;
    const candidates = Object.entries(comodel.fields)
      .filter(([, other]) => other.type === 'many2one' && other.comodel === model.name)
      .map(([other]) => other);
    const hint =
      candidates.length > 0
        ? `expected one of ${candidates.join(', ')}`
        : `add a many2one field ${field.inverse} with comodel ${model.name} to ${comodel.name}`;
    add([...at, 'inverse'], `${comodel.name} has no field ${field.inverse}: ${hint}`);
    return;
  }
  if (inverse.type === 'many2one' && inverse.comodel === undefined) return;
  if ((inverse.compute !== undefined || inverse.related !== undefined) && !isStoredField(inverse)) {
    add(
      [...at, 'inverse'],
      `the inverse ${comodel.name}.${field.inverse} is computed or related and not stored: Odoo needs a stored many2one to find the records`,
    );
    return;
  }
  if (inverse.type !== 'many2one' || inverse.comodel !== model.name) {
    add(
      [...at, 'inverse'],
      `the inverse ${comodel.name}.${field.inverse} must be a many2one with comodel ${model.name}, but it is a ${inverse.type}${inverse.comodel ? ` to ${inverse.comodel}` : ''}`,
    );
  }
}

function checkCurrency(model: IndexedModel, field: FieldSpec, at: SpecPath, add: Add): void {
  const name = field.currency ?? 'currency_id';
  const currency = model.fields[name];
  const path = field.currency === undefined ? at : [...at, 'currency'];
  if (!currency) {
    if (!model.complete) return;
    add(
      path,
      field.currency === undefined
        ? `a monetary field needs a currency: add a field currency_id: {type: many2one, comodel: res.currency} to ${model.name}, or set currency to another such field`
        : `${model.name} has no field ${name}: the currency field must be a many2one to res.currency of the same model`,
    );
    return;
  }
  if (currency.type === 'many2one' && currency.comodel === undefined) return;
  if (currency.type !== 'many2one' || currency.comodel !== 'res.currency') {
    add(
      path,
      `the currency field ${name} must be a many2one with comodel res.currency, but it is a ${currency.type}${currency.comodel ? ` to ${currency.comodel}` : ''}`,
    );
  }
}
