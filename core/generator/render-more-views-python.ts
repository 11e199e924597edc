import { findModel, type AddonPlan, type PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { smartButtons } from './render-more-views.js';
import { actionXmlId } from './render-views.js';

/**
 * ModuleSpec 1.1 smart buttons in the model's Python: a non-stored count field per button, its
 * compute (a search_count, so it needs no one2many and counts only what the user may read), and
 * the method the button calls: the counted model's window action (with all its views), filtered
 * on the record and with the record as the default of new ones.
 */
export function smartButtonFieldLines(plan: AddonPlan, model: PlannedModel): string[] {
  return smartButtons(plan, model)
    .filter((button) => !button.reused)
    .map(
      (button) =>
        `${button.countField} = fields.Integer(string=${pyStr(button.countLabel)}, compute=${pyStr(`_compute_${button.countField}`)})`,
    );
}

export function smartButtonMethods(plan: AddonPlan, model: PlannedModel): string[][] {
  return smartButtons(plan, model).flatMap((button) => {
    const target = findModel(plan, button.comodel);
    if (!target) return [];
    // A new record has no id yet: `ids` leaves it out, so it counts nothing.
    const domain = `[(${pyStr(button.inverse)}, "in", record.ids)]`;
    const assignment = `        record.${button.countField} = counted.search_count(${domain})`;
    const compute = [
      `def _compute_${button.countField}(self):`,
      `    counted = self.env[${pyStr(button.comodel)}]`,
      '    for record in self:',
      ...(assignment.length <= 88
        ? [assignment]
        : [
            `        record.${button.countField} = counted.search_count(`,
            `            ${domain}`,
            '        )',
          ]),
    ];
    return [
      ...(button.reused ? [] : [compute]),
      [
        `def ${button.method}(self):`,
        `    """${button.label.replace(/\\/g, '/').replace(/"/g, "'")}: the ${button.comodel} records of this ${model.name}."""`,
        '    self.ensure_one()',
        '    action = self.env["ir.actions.act_window"]._for_xml_id(',
        `        ${pyStr(`${plan.module}.${actionXmlId(target)}`)}`,
        '    )',
        `    action["domain"] = [(${pyStr(button.inverse)}, "=", self.id)]`,
        `    action["context"] = {${pyStr(`default_${button.inverse}`)}: self.id}`,
        '    return action',
      ],
    ];
  });
}
