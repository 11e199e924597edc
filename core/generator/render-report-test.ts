import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { modelReports, reportActionId, reportLabel, specModelComodel } from './render-reports.js';

/**
 * The generated test of each report: its ir.actions.report is bound to the model (Print menu),
 * and rendered as HTML (`_render_qweb_html`, the same signature on 16.0, 17.0 and 18.0) for a new
 * record it shows the title, the record's name, the labels of the fields and of the columns of
 * its tables, and the values of its char fields.
 */
export function reportTests(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  return modelReports(plan, model).map((report) => {
    const labels = [
      ...report.fields.map((field) => reportLabel(plan, model.name, field)),
      ...Object.entries(report.lines ?? {}).flatMap(([field, columns]) => [
        reportLabel(plan, model.name, field),
        ...columns.map((column) => reportLabel(plan, specModelComodel(plan, model, field), column)),
      ]),
    ];
    const texts = report.fields.filter(
      (field) => model.fields.find((candidate) => candidate.name === field)?.spec.type === 'char',
    );
    return [
      `def ${name(`report ${report.title} renders the record`)}(self):`,
      '    record = self._create_record()',
      `    report = self.env.ref(${pyStr(`${plan.module}.${reportActionId(model, report)}`)})`,
      `    self.assertEqual(report.binding_model_id.model, ${pyStr(model.name)})`,
      '    self.assertEqual(report.binding_type, "report")',
      '    html, kind = self.env["ir.actions.report"]._render_qweb_html(report.report_name, record.ids)',
      '    self.assertEqual(kind, "html")',
      '    html = html.decode()',
      `    self.assertIn(${pyStr(report.title)}, html)`,
      '    self.assertIn(record.display_name, html)',
      ...[...new Set(labels)].map((label) => `    self.assertIn(${pyStr(label)}, html)`),
      ...texts.flatMap((field) => [
        `    if record.${field}:`,
        `        self.assertIn(record.${field}, html)`,
      ]),
    ];
  });
}
