import { fieldLabel } from '../odoo/field-label.js';
import { wizardModelName, type WizardFieldSpec, type WizardSpec } from '../spec/references/check-wizards.js';
import { findField, groupRef, type AddonPlan, type PlannedModel } from './addon-plan.js';
import { movableStates, specModel } from './render-scheduled.js';
import { modelTable, pyClassName, pyStr, pyValue } from './python-literal.js';
import { el, renderOdooXml, type XmlElement } from './xml-element.js';

/** A wizard (ModuleSpec 1.1) with the names every renderer agrees on. */
export interface PlannedWizard {
  /** The model whose records it acts on. */
  model: PlannedModel;
  spec: WizardSpec;
  /** `library.loan.extend.wizard` */
  name: string;
  /** `library_loan_extend_wizard`: table, file stem and XML id prefix. */
  table: string;
  className: string;
  actionId: string;
  /** The states the records may move from (move_to), undefined without move_to. */
  from: string[] | undefined;
  /** The workflow field move_to writes. */
  stateField: string | undefined;
}

export function plannedWizards(plan: AddonPlan, only?: PlannedModel): PlannedWizard[] {
  return plan.models
    .filter((model) => only === undefined || model === only)
    .flatMap((model) => {
      const spec = specModel(plan, model);
      return (spec?.wizards ?? []).map((wizard): PlannedWizard => {
        const name = wizardModelName(model.name, wizard);
        const table = modelTable(name);
        const workflow = spec?.workflow;
        const moves = wizard.move_to !== undefined && workflow !== undefined;
        return {
          model,
          spec: wizard,
          name,
          table,
          className: pyClassName(name),
          actionId: `${table}_action`,
          from: moves && spec ? movableStates(spec, wizard.move_to ?? '') : undefined,
          stateField: moves ? workflow.field : undefined,
        };
      });
    });
}

export function wizardPythonFile(wizard: PlannedWizard): string {
  return `wizards/${wizard.table}.py`;
}

export function wizardViewsFile(wizard: PlannedWizard): string {
  return `wizards/${wizard.table}_views.xml`;
}

/** The wizards' data files: loaded before the models' views (a form's button names the action). */
export function wizardDataFiles(plan: AddonPlan): string[] {
  return plannedWizards(plan).map(wizardViewsFile);
}

/** The label of a wizard field: its string, the same field's label on the model, or its name in words. */
export function wizardFieldLabel(wizard: PlannedWizard, name: string, field: WizardFieldSpec): string {
  return field.string ?? findField(wizard.model, name)?.label ?? fieldLabel(name);
}

/** wizards/__init__.py, the Python and the views of each wizard (`header`: the license comment). */
export function renderWizardFiles(plan: AddonPlan, header: string): Map<string, string> {
  const files = new Map<string, string>();
  const wizards = plannedWizards(plan);
  if (wizards.length === 0) return files;
  files.set(
    'wizards/__init__.py',
    `${header}${wizards.map((wizard) => `from . import ${wizard.table}\n`).join('')}`,
  );
  for (const wizard of wizards) {
    files.set(wizardPythonFile(wizard), renderWizardPython(header, wizard));
    files.set(wizardViewsFile(wizard), renderWizardViews(plan, wizard));
  }
  return files;
}

const FIELD_CLASSES: Record<WizardFieldSpec['type'], string> = {
  char: 'Char',
  text: 'Text',
  integer: 'Integer',
  float: 'Float',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
  selection: 'Selection',
  many2one: 'Many2one',
};

function fieldLine(wizard: PlannedWizard, name: string, field: WizardFieldSpec): string[] {
  const args: string[] = [];
  if (field.comodel) args.push(`comodel_name=${pyStr(field.comodel)}`);
  if (field.type === 'selection') {
    const options = Object.entries(field.options ?? {}).map(
      ([key, label]) => `(${pyStr(key)}, ${pyStr(label)})`,
    );
    args.push(`selection=[${options.join(', ')}]`);
  }
  args.push(`string=${pyStr(wizardFieldLabel(wizard, name, field))}`);
  if (field.required) args.push('required=True');
  if (field.help) args.push(`help=${pyStr(field.help)}`);
  const head = `${name} = fields.${FIELD_CLASSES[field.type]}(`;
  const oneLine = `${head}${args.join(', ')})`;
  if (oneLine.length <= 84) return [oneLine];
  return [head, ...args.map((arg) => `    ${arg},`), ')'];
}

/**
 * `wizards/<wizard>.py`: a TransientModel with the wizard's fields. `_active_records()` reads
 * `active_model`/`active_ids` from the context (a form button and a bound action both set
 * them); `action_confirm()` refuses records the workflow does not let move (naming them), then
 * writes the wizard's values (and the state) onto all of them at once and closes the dialog.
 */
export function renderWizardPython(header: string, wizard: PlannedWizard): string {
  const spec = wizard.spec;
  const values = (spec.write ?? []).map((name) => {
    const field = spec.fields?.[name];
    return `${pyStr(name)}: self.${name}${field?.type === 'many2one' ? '.id' : ''}`;
  });
  if (wizard.stateField !== undefined && spec.move_to !== undefined)
    values.push(`${pyStr(wizard.stateField)}: ${pyStr(spec.move_to)}`);
  const model = pyStr(wizard.model.name);
  const lines = [
    header.trimEnd(),
    '',
    'from odoo import _, fields, models',
    'from odoo.exceptions import UserError',
    '',
    '',
    `class ${wizard.className}(models.TransientModel):`,
    `    _name = ${pyStr(wizard.name)}`,
    `    _description = ${pyStr(spec.label)}`,
    '',
    ...Object.entries(spec.fields ?? {}).flatMap(([name, field]) =>
      fieldLine(wizard, name, field).map((line) => `    ${line}`),
    ),
    ...(Object.keys(spec.fields ?? {}).length > 0 ? [''] : []),
    '    def _active_records(self):',
    '        context = self.env.context',
    `        if context.get("active_model", ${model}) != ${model}:`,
    `            raise UserError(_("This wizard acts on %s records.", ${pyStr(wizard.model.description)}))`,
    `        return self.env[${model}].browse(context.get("active_ids") or [])`,
    '',
    '    def action_confirm(self):',
    '        self.ensure_one()',
    '        records = self._active_records()',
    '        if not records:',
    `            raise UserError(_("Select the %s records first.", ${pyStr(wizard.model.description)}))`,
  ];
  if (wizard.from !== undefined && wizard.stateField !== undefined) {
    lines.push(
      `        refused = records.filtered(lambda record: record.${wizard.stateField} not in ${pyValue(wizard.from)})`,
      '        if refused:',
      '            raise UserError(',
      '                _(',
      `                    "These records cannot move to %s: %s",`,
      `                    ${pyStr(spec.move_to ?? '')},`,
      '                    ", ".join(refused.mapped("display_name")),',
      '                )',
      '            )',
    );
  }
  lines.push(
    `        records.write({${values.join(', ')}})`,
    '        return {"type": "ir.actions.act_window_close"}',
  );
  return `${lines.join('\n')}\n`;
}

/** The wizard's form (its fields, Confirm and Cancel) and its window action (a dialog, bound to the list when list_action). */
export function renderWizardViews(plan: AddonPlan, wizard: PlannedWizard): string {
  const fields = Object.keys(wizard.spec.fields ?? {}).map((name) => el('field', { name }));
  const intro =
    wizard.spec.move_to !== undefined
      ? el('p', {}, [`The selected records move to ${wizard.spec.move_to}.`])
      : undefined;
  const form = el('form', { string: wizard.spec.label }, [
    intro,
    fields.length > 0 ? el('group', { name: 'main' }, fields) : undefined,
    el('footer', {}, [
      el('button', { name: 'action_confirm', type: 'object', string: 'Confirm', class: 'btn-primary' }),
      el('button', { string: 'Cancel', class: 'btn-secondary', special: 'cancel' }),
    ]),
  ]);
  const bound = wizard.spec.list_action !== false;
  return renderOdooXml([
    el('record', { id: `${wizard.table}_view_form`, model: 'ir.ui.view' }, [
      el('field', { name: 'name' }, [`${wizard.name}.form`]),
      el('field', { name: 'model' }, [wizard.name]),
      el('field', { name: 'arch', type: 'xml' }, [form]),
    ]),
    el('record', { id: wizard.actionId, model: 'ir.actions.act_window' }, [
      el('field', { name: 'name' }, [wizard.spec.label]),
      el('field', { name: 'res_model' }, [wizard.name]),
      el('field', { name: 'view_mode' }, ['form']),
      el('field', { name: 'target' }, ['new']),
      bound ? el('field', { name: 'binding_model_id', ref: `model_${wizard.model.table}` }) : undefined,
      bound ? el('field', { name: 'binding_view_types' }, ['list']) : undefined,
    ]),
  ]);
}

/**
 * The record form's header with a button per wizard (`button`, default true) opening its
 * action; a wizard that moves records shows only in the states it may move them from (attrs on
 * 16.0, an `invisible` expression from 17.0).
 */
export function wizardHeader(
  plan: AddonPlan,
  model: PlannedModel,
  base: XmlElement | undefined,
): XmlElement | undefined {
  const buttons = plannedWizards(plan, model)
    .filter((wizard) => wizard.spec.button !== false)
    .map((wizard) =>
      el('button', {
        name: `%(${wizard.actionId})d`,
        type: 'action',
        string: wizard.spec.label,
        ...(wizard.from !== undefined && wizard.stateField !== undefined
          ? visibility(plan, wizard.stateField, wizard.from)
          : {}),
      }),
    );
  if (buttons.length === 0) return base;
  if (base === undefined) return el('header', {}, buttons);
  const at = base.children.findIndex((child) => 'name' in child && child.name === 'field');
  const children =
    at < 0
      ? [...base.children, ...buttons]
      : [...base.children.slice(0, at), ...buttons, ...base.children.slice(at)];
  return { ...base, children };
}

function visibility(plan: AddonPlan, field: string, states: string[]): Record<string, string> {
  const list = `[${states.map((state) => (/['\\]/.test(state) ? JSON.stringify(state) : `'${state}'`)).join(', ')}]`;
  if (plan.profile.visibility === 'attrs')
    return { attrs: `{'invisible': [('${field}', 'not in', ${list})]}` };
  return { invisible: `${field} not in ${list}` };
}

/**
 * Access rows of the wizards (transient models need them on 16.0, 17.0 and 18.0, or only the
 * superuser may open them): full rights for each group that may write the records (the
 * spec's access letters u/w), internal users when the spec gives the model no access.
 */
export function wizardAccessRows(plan: AddonPlan): string[][] {
  const access = plan.spec.security?.access ?? {};
  return plannedWizards(plan).flatMap((wizard) => {
    const entries = Object.entries(access[wizard.model.name] ?? { 'base.group_user': 'crud' }).filter(
      ([, letters]) => letters.includes('u') || letters.includes('w'),
    );
    // Nobody may write the records: only settings users get the wizard (Odoo warns about none).
    const groups = entries.length > 0 ? entries.map(([key]) => key) : ['base.group_system'];
    return groups.map((key) => {
      const suffix = key.includes('.') ? (key.split('.').pop() ?? key) : key;
      return [
        `access_${wizard.table}_${suffix}`,
        `${wizard.name} ${suffix}`,
        `model_${wizard.table}`,
        groupRef(key),
        '1',
        '1',
        '1',
        '1',
      ];
    });
  });
}
