import type { WizardFieldSpec } from '../spec/references/check-wizards.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { pyRecordId } from './sample-values.js';
import { specModel } from './render-scheduled.js';
import { plannedWizards, type PlannedWizard } from './render-wizard.js';

/** A value a wizard field is given in the generated test (dates far ahead: after any start date). */
function wizardValue(plan: AddonPlan, field: WizardFieldSpec): string {
  switch (field.type) {
    case 'char':
    case 'text':
      return pyStr('Set by the wizard');
    case 'integer':
      return '7';
    case 'float':
      return '2.5';
    case 'boolean':
      return 'True';
    case 'date':
      return pyStr('2099-12-31');
    case 'datetime':
      return pyStr('2099-12-31 12:00:00');
    case 'selection':
      return pyStr(Object.keys(field.options ?? {})[0] ?? '');
    case 'many2one':
      return pyRecordId(plan, field.comodel ?? '');
  }
}

/**
 * The generated tests of each wizard: its action opens it in a dialog (bound to the list when
 * list_action); created with `active_ids` of new records (two, one when the model has a unique
 * constraint) and confirmed, the records have the wizard's values and the state it moves them
 * to; a record in a state the workflow does not let move is refused and keeps its state.
 */
export function wizardTests(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  return plannedWizards(plan, model).flatMap((wizard) => {
    const create = [
      '    records = self._create_record()',
      ...(model.constraints.some((constraint) => constraint.kind === 'unique')
        ? []
        : ['    records |= self._create_record()']),
    ];
    const open = [
      `    action = self.env.ref(${pyStr(`${plan.module}.${wizard.actionId}`)})`,
      `    self.assertEqual((action.res_model, action.target), (${pyStr(wizard.name)}, "new"))`,
      ...(wizard.spec.list_action !== false
        ? [
            `    self.assertEqual(action.binding_model_id.model, ${pyStr(model.name)})`,
            '    self.assertEqual(action.binding_view_types, "list")',
          ]
        : []),
    ];
    const values = Object.entries(wizard.spec.fields ?? {}).map(
      ([field, spec]) => `${pyStr(field)}: ${wizardValue(plan, spec)}`,
    );
    const wizardLines = [
      '    wizard = (',
      `        self.env[${pyStr(wizard.name)}]`,
      `        .with_context(active_model=${pyStr(model.name)}, active_ids=records.ids)`,
      `        .create({${values.join(', ')}})`,
      '    )',
    ];
    const moveFrom = wizard.from?.[0];
    const stateField = wizard.stateField;
    const tests: string[][] = [
      [
        `def ${name(`wizard ${wizard.spec.name} changes the selected records`)}(self):`,
        ...open,
        ...create,
        ...(moveFrom !== undefined && stateField !== undefined
          ? [`    records.write({${pyStr(stateField)}: ${pyStr(moveFrom)}})`]
          : []),
        ...wizardLines,
        '    self.assertEqual(wizard.action_confirm()["type"], "ir.actions.act_window_close")',
        `    self.assertEqual(len(records), ${create.length})`,
        '    for record in records:',
        ...(wizard.spec.write ?? []).map(
          (field) => `        self.assertEqual(record.${field}, wizard.${field})`,
        ),
        ...(stateField !== undefined && wizard.spec.move_to !== undefined
          ? [`        self.assertEqual(record.${stateField}, ${pyStr(wizard.spec.move_to)})`]
          : []),
      ],
    ];
    const refused = refusedState(plan, model, wizard);
    if (refused !== undefined && stateField !== undefined)
      tests.push([
        `def ${name(`wizard ${wizard.spec.name} refuses records it may not move`)}(self):`,
        '    records = self._create_record()',
        `    records.write({${pyStr(stateField)}: ${pyStr(refused)}})`,
        ...wizardLines,
        '    with self.assertRaises(UserError):',
        '        wizard.action_confirm()',
        `    self.assertEqual(records.${stateField}, ${pyStr(refused)})`,
      ]);
    return tests;
  });
}

/** A state of the workflow field the wizard may not move records from (none when every state may). */
function refusedState(plan: AddonPlan, model: PlannedModel, wizard: PlannedWizard): string | undefined {
  if (wizard.from === undefined || wizard.stateField === undefined) return undefined;
  const options = Object.keys(specModel(plan, model)?.fields[wizard.stateField]?.options ?? {});
  return (
    options.find((state) => !(wizard.from ?? []).includes(state) && state !== wizard.spec.move_to) ??
    ((wizard.from ?? []).includes(wizard.spec.move_to ?? '') ? undefined : wizard.spec.move_to)
  );
}
