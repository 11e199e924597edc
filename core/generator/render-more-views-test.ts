import { findField, findModel, type AddonPlan, type PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { moreViewModes, smartButtons } from './render-more-views.js';
import { actionXmlId } from './render-views.js';
import { createValues, pyDict } from './sample-values.js';

/**
 * The generated tests of ModuleSpec 1.1 more views: Odoo picks the addon's calendar, pivot,
 * graph, activity and search views as the model's views and the window action lists them;
 * read_group sums each pivot/graph measure as the views do; an activity scheduled on a record
 * is one the activity view shows; the search panel offers the values of its fields; a smart
 * button counts the records pointing at the record and opens exactly those.
 */
export function moreViewTests(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  if (model.kind !== 'model') return [];
  return [
    ...viewsTest(plan, model, name),
    ...measureTests(model, name),
    ...activityTest(model, name),
    ...searchPanelTests(model, name),
    ...smartButtonTests(plan, model, name),
  ];
}

function viewsTest(plan: AddonPlan, model: PlannedModel, name: (base: string) => string): string[][] {
  const modes = moreViewModes(model);
  const panel = model.views?.search_panel !== undefined;
  if (modes.length === 0 && !panel) return [];
  const types = [...modes, ...(panel ? ['search'] : [])];
  const requested = `        [${types.map((type) => `(False, ${pyStr(type)})`).join(', ')}]`;
  const lines = [
    `def ${name(`views ${types.join(' ')}`)}(self):`,
    `    views = self.env[${pyStr(model.name)}].get_views(`,
    ...(requested.length <= 88
      ? [requested]
      : ['        [', ...types.map((type) => `            (False, ${pyStr(type)}),`), '        ]']),
    '    )["views"]',
  ];
  for (const type of types)
    lines.push(
      `    self.assertEqual(`,
      `        views[${pyStr(type)}]["id"],`,
      `        self.env.ref(${pyStr(`${plan.module}.${model.table}_view_${type}`)}).id,`,
      '    )',
    );
  if (panel) lines.push(`    self.assertIn("<searchpanel", views["search"]["arch"])`);
  if (modes.length > 0) {
    lines.push(
      `    action = self.env.ref(${pyStr(`${plan.module}.${actionXmlId(model)}`)})`,
      `    modes = action.view_mode.split(",")`,
      `    self.assertEqual(modes[-${modes.length}:], [${modes.map(pyStr).join(', ')}])`,
    );
  }
  return [lines];
}

function isDate(model: PlannedModel, field: string): boolean {
  const type = findField(model, field)?.spec.type;
  return type === 'date' || type === 'datetime' || field === 'create_date' || field === 'write_date';
}

function measureTests(model: PlannedModel, name: (base: string) => string): string[][] {
  const views = model.views;
  const cases: { view: string; groupBy: string; measure: string }[] = [];
  for (const measure of views?.pivot?.measures ?? []) {
    const groupBy = views?.pivot?.rows?.[0] ?? views?.pivot?.columns?.[0] ?? 'create_date';
    cases.push({ view: 'pivot', groupBy, measure });
  }
  const graphMeasure = views?.graph?.measure;
  const graphGroup = views?.graph?.group_by?.[0] ?? 'create_date';
  if (graphMeasure && !cases.some((item) => item.measure === graphMeasure && item.groupBy === graphGroup))
    cases.push({ view: 'graph', groupBy: graphGroup, measure: graphMeasure });
  return cases.map(({ view, groupBy, measure }) => {
    const group = isDate(model, groupBy) ? `${groupBy}:month` : groupBy;
    return [
      `def ${name(`${view} sums ${measure} by ${groupBy}`)}(self):`,
      '    record = self._create_record()',
      `    groups = self.env[${pyStr(model.name)}].read_group(`,
      `        [("id", "=", record.id)], [${pyStr(`${measure}:sum`)}], [${pyStr(group)}]`,
      '    )',
      `    self.assertAlmostEqual(sum(group[${pyStr(measure)}] for group in groups), record.${measure})`,
    ];
  });
}

function activityTest(model: PlannedModel, name: (base: string) => string): string[][] {
  if (!model.views?.activity) return [];
  return [
    [
      `def ${name('activity view shows a scheduled activity')}(self):`,
      '    record = self._create_record()',
      '    record.activity_schedule("mail.mail_activity_data_todo", summary="Forge follow-up")',
      '    activity = self.env["mail.activity"].search(',
      `        [("res_model", "=", ${pyStr(model.name)}), ("res_id", "=", record.id)]`,
      '    )',
      '    self.assertEqual(activity.summary, "Forge follow-up")',
      '    self.assertEqual(record.activity_ids, activity)',
    ],
  ];
}

function searchPanelTests(model: PlannedModel, name: (base: string) => string): string[][] {
  return (model.views?.search_panel ?? []).map((field) => {
    const spec = findField(model, field)?.spec;
    const lines = [
      `def ${name(`search panel offers ${field}`)}(self):`,
      '    record = self._create_record()',
      `    result = self.env[${pyStr(model.name)}].search_panel_select_range(`,
      `        ${pyStr(field)}, enable_counters=True`,
      '    )',
      '    ids = [value["id"] for value in result["values"]]',
    ];
    if (spec?.type === 'selection') {
      const keys = Object.keys(spec.options ?? {});
      lines.push(`    self.assertEqual(sorted(ids), [${keys.sort().map(pyStr).join(', ')}])`);
    } else {
      lines.push(
        `    if record.${field}:`,
        `        self.assertIn(record.${field}.id, ids)`,
        '    self.assertNotIn(False, ids)',
      );
    }
    return lines;
  });
}

function smartButtonTests(plan: AddonPlan, model: PlannedModel, name: (base: string) => string): string[][] {
  return smartButtons(plan, model).flatMap((button) => {
    const target = findModel(plan, button.comodel);
    if (!target || target.kind !== 'model') return [];
    const values = createValues(plan, target, {}).filter(([key]) => key !== button.inverse);
    values.push([button.inverse, 'record.id']);
    const create = `    counted = self.env[${pyStr(button.comodel)}].create(${pyDict(values)})`;
    return [
      [
        `def ${name(`smart button ${button.stem} counts and opens`)}(self):`,
        '    record = self._create_record()',
        `    self.assertEqual(record.${button.countField}, 0)`,
        ...(create.length <= 88
          ? [create]
          : [
              `    counted = self.env[${pyStr(button.comodel)}].create(`,
              '        {',
              ...values.map(([key, value]) => `            ${pyStr(key)}: ${value},`),
              '        }',
              '    )',
            ]),
        `    record.invalidate_recordset([${pyStr(button.countField)}])`,
        `    self.assertEqual(record.${button.countField}, 1)`,
        `    action = record.${button.method}()`,
        `    self.assertEqual(action["res_model"], ${pyStr(button.comodel)})`,
        `    self.assertEqual(self.env[${pyStr(button.comodel)}].search(action["domain"]), counted)`,
        `    self.assertEqual(action["context"][${pyStr(`default_${button.inverse}`)}], record.id)`,
      ],
    ];
  });
}
