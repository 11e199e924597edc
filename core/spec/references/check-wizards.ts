import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import { choices, type SpecPath } from './spec-model-index.js';

/** One entry of a model's `wizards` (ModuleSpec 1.1). */
export type WizardSpec = NonNullable<ModelSpec['wizards']>[number];
export type WizardFieldSpec = NonNullable<WizardSpec['fields']>[string];

type Add = (pathKeys: SpecPath, message: string) => void;

/** The model name of a wizard: `library.loan` + `extend` → `library.loan.extend.wizard`. */
export function wizardModelName(model: string, wizard: WizardSpec): string {
  return `${model}.${wizard.name}.wizard`;
}

/**
 * `wizards` (ModuleSpec 1.1): each named once per model, its model name not taken by a model
 * of the spec; it does something (write and/or move_to) and is opened somewhere (button or
 * list_action); a written field is a wizard field and a plain field of the model of the same
 * type (the same comodel, options the model knows); move_to is a state a workflow button leads
 * to; a selection field has options, a many2one a comodel.
 */
export function checkWizards(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  const modelNames = new Set((spec.models ?? []).map((model) => model.name));
  (spec.models ?? []).forEach((model, i) => {
    const seen = new Set<string>();
    (model.wizards ?? []).forEach((wizard, w) => {
      const at: SpecPath = ['models', i, 'wizards', w];
      if (seen.has(wizard.name))
        add([...at, 'name'], `${model.name} already has a wizard ${wizard.name}: name each wizard once`);
      seen.add(wizard.name);
      const name = wizardModelName(model.name, wizard);
      if (modelNames.has(name))
        add(
          [...at, 'name'],
          `the wizard's model ${name} is a model of the spec: give the wizard another name`,
        );
      if (wizard.write === undefined && wizard.move_to === undefined)
        add(at, `wizard ${wizard.name} does nothing: give write: [fields] and/or move_to: <state>`);
      if (wizard.button === false && wizard.list_action === false)
        add(at, `wizard ${wizard.name} cannot be opened: keep button or list_action true`);
      for (const [fieldName, field] of Object.entries(wizard.fields ?? {})) {
        const fieldAt: SpecPath = [...at, 'fields', fieldName];
        if (field.type === 'selection' && Object.keys(field.options ?? {}).length === 0)
          add(fieldAt, `${fieldName} is a selection field: give its options`);
        if (field.type === 'many2one' && field.comodel === undefined)
          add(fieldAt, `${fieldName} is a many2one field: give its comodel`);
        if (field.type !== 'many2one' && field.comodel !== undefined)
          add(
            [...fieldAt, 'comodel'],
            `only a many2one has a comodel, ${fieldName} is a ${field.type} field`,
          );
      }
      (wizard.write ?? []).forEach((fieldName, f) =>
        checkWrite(model, wizard, fieldName, [...at, 'write', f], add),
      );
      if (wizard.move_to !== undefined) checkMoveTo(model, wizard.move_to, [...at, 'move_to'], add);
    });
  });
  return errors;
}

function checkWrite(model: ModelSpec, wizard: WizardSpec, name: string, at: SpecPath, add: Add): void {
  const own = wizard.fields?.[name];
  if (own === undefined) {
    add(
      at,
      `wizard ${wizard.name} has no field ${name}: ${choices('wizard fields', Object.keys(wizard.fields ?? {}), name)}`,
    );
    return;
  }
  const target = model.fields[name];
  if (target === undefined) {
    add(
      at,
      `${model.name} has no field ${name} to write: a wizard field is written onto the field of the same name (${choices('fields', Object.keys(model.fields), name)})`,
    );
    return;
  }
  if (target.compute !== undefined || target.related !== undefined || target.sequence !== undefined) {
    add(
      at,
      `${model.name}.${name} is not set by hand (${target.compute ? 'computed' : target.related ? 'related' : 'numbered'}): write another field`,
    );
    return;
  }
  if (target.type !== own.type) {
    add(
      at,
      `${model.name}.${name} is a ${target.type} field and the wizard's ${name} a ${own.type} field: give them the same type`,
    );
    return;
  }
  if (own.type === 'many2one' && own.comodel !== target.comodel)
    add(
      at,
      `${model.name}.${name} is a many2one to ${target.comodel ?? '?'}, the wizard's to ${own.comodel ?? '?'}: use the same comodel`,
    );
  if (own.type === 'selection') {
    const known = Object.keys(target.options ?? {});
    const unknown = Object.keys(own.options ?? {}).filter((key) => !known.includes(key));
    if (unknown.length > 0)
      add(at, `${model.name}.${name} has no option ${unknown.join(', ')}: ${choices('options', known)}`);
  }
}

function checkMoveTo(model: ModelSpec, state: string, at: SpecPath, add: Add): void {
  const workflow = model.workflow;
  if (workflow === undefined) {
    add(
      at,
      `${model.name} has no workflow: move_to needs one (workflow: {field, buttons}), or write the field`,
    );
    return;
  }
  const targets = [...new Set(workflow.buttons.map((button) => button.to))];
  if (!targets.includes(state))
    add(at, `no workflow button leads to ${state}: ${choices('states buttons lead to', targets, state)}`);
}
