import { reportSlug, type ReportSpec } from '../spec/references/check-reports.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { specModel } from './render-scheduled.js';
import { el, renderOdooXml, type XmlElement } from './xml-element.js';

/** The report data file of a model (its ir.actions.report and QWeb templates). */
export function reportDataFile(model: PlannedModel): string {
  return `report/${model.fileStem}_reports.xml`;
}

/** The spec's reports of `model` (ModuleSpec 1.1), none for an extension. */
export function modelReports(plan: AddonPlan, model: PlannedModel): ReportSpec[] {
  return model.kind === 'model' ? (specModel(plan, model)?.reports ?? []) : [];
}

/** The models of the addon that have reports. */
export function reportedModels(plan: AddonPlan): PlannedModel[] {
  return plan.models.filter((model) => modelReports(plan, model).length > 0);
}

/** XML id of the QWeb template of a report (also its report_name after the module). */
export function reportTemplateId(model: PlannedModel, report: ReportSpec): string {
  return `report_${model.fileStem}_${reportSlug(report.title)}`;
}

/** XML id of the ir.actions.report of a report. */
export function reportActionId(model: PlannedModel, report: ReportSpec): string {
  return `action_${reportTemplateId(model, report)}`;
}

/** The label a column or field shows: its string in the spec, or its name made readable. */
export function reportLabel(plan: AddonPlan, modelName: string, field: string): string {
  const planned = [...plan.models, ...plan.extensions].find((model) => model.name === modelName);
  const label = planned?.fields.find((candidate) => candidate.name === field)?.label;
  if (label !== undefined) return label;
  if (field === 'display_name') return 'Name';
  const words = field.replace(/_ids?$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The comodel of a one2many of `model` named in `lines`. */
export function specModelComodel(plan: AddonPlan, model: PlannedModel, field: string): string {
  return specModel(plan, model)?.fields[field]?.comodel ?? '';
}

/**
 * `report/<model>_reports.xml`: per report, a QWeb template (web.html_container, one
 * web.external_layout page per record: the title and record name, the fields, one table per
 * one2many in `lines`) and its qweb-pdf ir.actions.report bound to the model, so it shows in
 * the Print menu. The same XML is valid on 16.0, 17.0 and 18.0 (each tree's web addon has both
 * templates).
 */
export function renderReportData(plan: AddonPlan, model: PlannedModel): string {
  const nodes = modelReports(plan, model).flatMap((report) => {
    const templateId = reportTemplateId(model, report);
    const fields = report.fields.map((field) =>
      el('div', { class: 'row mb-2' }, [
        el('div', { class: 'col-4' }, [el('strong', {}, [reportLabel(plan, model.name, field)])]),
        el('div', { class: 'col-8' }, [el('span', { 't-field': `o.${field}` })]),
      ]),
    );
    const tables = Object.entries(report.lines ?? {}).map(([field, columns]) => {
      const comodel = specModelComodel(plan, model, field);
      return el('div', { class: 'mt-4' }, [
        el('h4', {}, [reportLabel(plan, model.name, field)]),
        el('table', { class: 'table table-sm o_main_table' }, [
          el('thead', {}, [
            el(
              'tr',
              {},
              columns.map((column) => el('th', {}, [reportLabel(plan, comodel, column)])),
            ),
          ]),
          el('tbody', {}, [
            el(
              'tr',
              { 't-foreach': `o.${field}`, 't-as': 'line' },
              columns.map((column) => el('td', {}, [el('span', { 't-field': `line.${column}` })])),
            ),
          ]),
        ]),
      ]);
    });
    const page: XmlElement = el('div', { class: 'page' }, [
      el('h2', {}, [`${report.title}: `, el('span', { 't-field': 'o.display_name' })]),
      ...fields,
      ...tables,
    ]);
    return [
      el('template', { id: templateId }, [
        el('t', { 't-call': 'web.html_container' }, [
          el('t', { 't-foreach': 'docs', 't-as': 'o' }, [
            el('t', { 't-call': 'web.external_layout' }, [page]),
          ]),
        ]),
      ]),
      el('record', { id: reportActionId(model, report), model: 'ir.actions.report' }, [
        el('field', { name: 'name' }, [report.title]),
        el('field', { name: 'model' }, [model.name]),
        el('field', { name: 'report_type' }, ['qweb-pdf']),
        el('field', { name: 'report_name' }, [`${plan.module}.${templateId}`]),
        el('field', { name: 'report_file' }, [`${plan.module}.${templateId}`]),
        el('field', { name: 'print_report_name' }, [
          `${pyStr(`${report.title} - `)} + (object.display_name or '')`,
        ]),
        el('field', { name: 'binding_model_id', ref: `model_${model.fileStem}` }),
        el('field', { name: 'binding_type' }, ['report']),
      ]),
    ];
  });
  return renderOdooXml(nodes);
}
