import type { AddonPlan, PlannedField, PlannedModel } from './addon-plan.js';
import type { PlannedStage } from './plan-stages.js';
import { pyStr, pyValue } from './python-literal.js';

/**
 * The generated test of a stage model: its default stages are loaded, with their fold, and
 * listed in their order.
 */
export function defaultStagesTest(
  plan: AddonPlan,
  model: PlannedModel,
  stages: PlannedStage[],
  name: (base: string) => string,
): string[] {
  const refs = stages.map((stage) => `        self.env.ref(${pyStr(`${plan.module}.${stage.xmlId}`)}),`);
  return [
    `def ${name('default stages are loaded in order')}(self):`,
    '    stages = (',
    ...refs,
    '    )',
    '    expected = [',
    ...stages.map((stage) => `        (${pyStr(stage.name)}, ${pyValue(stage.fold)}),`),
    '    ]',
    '    self.assertEqual([(stage.name, stage.fold) for stage in stages], expected)',
    '    ids = [stage.id for stage in stages]',
    `    self.assertEqual(self.env[${pyStr(model.name)}].search([("id", "in", ids)]).ids, ids)`,
  ];
}

/**
 * The generated test of a stage field: a new record starts in the first stage, and grouping by
 * the field (as the kanban does) shows every stage, an empty one too, with its fold.
 */
export function stageFieldTest(model: PlannedModel, field: PlannedField, name: (base: string) => string): string[] {
  const stageModel = pyStr(field.spec.comodel ?? '');
  const f = pyStr(field.name);
  return [
    `def ${name(`${field.name} starts first and kanban shows every stage`)}(self):`,
    `    stages = self.env[${stageModel}].search([])`,
    '    record = self._create_record()',
    `    self.assertEqual(record.${field.name}, stages[:1])`,
    `    empty = self.env[${stageModel}].create({"name": "Forge empty stage", "fold": True})`,
    `    model = self.env[${pyStr(model.name)}]`,
    `    groups = model.read_group([("id", "=", record.id)], [${f}], [${f}])`,
    `    shown = {group[${f}][0]: group.get("__fold", False) for group in groups if group[${f}]}`,
    '    self.assertEqual(shown, {stage.id: stage.fold for stage in stages | empty})',
    '    self.assertTrue(shown[empty.id])',
  ];
}
