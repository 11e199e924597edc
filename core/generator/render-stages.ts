import type { AddonPlan, PlannedField, PlannedModel } from './addon-plan.js';
import type { PlannedStage } from './plan-stages.js';
import { pyStr } from './python-literal.js';
import { el, renderOdooXml } from './xml-element.js';

/** The data file of the addon's default stages (ModuleSpec 1.1 `stages`). */
export const STAGE_DATA_FILE = 'data/stage_data.xml';

/** The models of the addon that are stage models. */
export function stageModels(plan: AddonPlan): (PlannedModel & { stages: PlannedStage[] })[] {
  return plan.models.filter((model): model is PlannedModel & { stages: PlannedStage[] } => model.stages !== undefined);
}

/** The stage fields of a model: many2one fields to a stage model of the addon. */
export function stageFields(model: PlannedModel): PlannedField[] {
  return model.fields.filter((field) => field.stage === true);
}

/** The method that gives a kanban grouped by `field` every stage, empty or not. */
export function groupExpandMethod(field: PlannedField): string {
  return `_read_group_${field.name}`;
}

/**
 * `data/stage_data.xml`: the default stages, numbered 10, 20, … in the spec's order.
 * noupdate: an update (-u) keeps the stages renamed, reordered or folded in Odoo.
 */
export function renderStageData(plan: AddonPlan): string {
  const records = stageModels(plan).flatMap((model) =>
    model.stages.map((stage) =>
      el('record', { id: stage.xmlId, model: model.name }, [
        el('field', { name: 'name' }, [stage.name]),
        el('field', { name: 'sequence', eval: String(stage.sequence) }),
        stage.fold ? el('field', { name: 'fold', eval: 'True' }) : undefined,
      ]),
    ),
  );
  return renderOdooXml(records, { noupdate: true });
}

/** The arguments a stage field adds to its definition: group_expand and the first stage as default. */
export function stageFieldArgs(field: PlannedField): string[] {
  return [
    `group_expand=${pyStr(groupExpandMethod(field))}`,
    `default=lambda self: self.env[${pyStr(field.spec.comodel ?? '')}].search([], limit=1)`,
  ];
}

/**
 * The group_expand method: every stage, in the stage model's order. Odoo 18.0 calls it without
 * the `order` argument of 16.0 and 17.0.
 */
export function renderGroupExpand(plan: AddonPlan, field: PlannedField): string[] {
  const method = groupExpandMethod(field);
  if (plan.profile.series === '18.0')
    return ['@api.model', `def ${method}(self, stages, domain):`, '    return stages.search([], order=stages._order)'];
  return ['@api.model', `def ${method}(self, stages, domain, order):`, '    return stages.search([], order=order)'];
}
