import type { AddonPlan, PlannedField, PlannedModel } from './addon-plan.js';
import { findField } from './addon-plan.js';
import { stageFields } from './render-stages.js';
import { withMailButtons } from './render-mail-templates.js';
import { wizardHeader } from './render-wizard.js';
import { moreViewModes, moreViewRecords, searchPanel, smartButtonBox } from './render-more-views.js';
import { companyAttrs, companyColumns, companyGroupBy, companyHiddenField, companySearchNodes, isCompanyField, withCompanyInForm } from './render-company-views.js';
import { el, renderOdooXml, type XmlElement, type XmlNode } from './xml-element.js';

/** `views/<model>_views.xml`: list, form, search, optional kanban, and the window action. */
export function renderModelViews(plan: AddonPlan, model: PlannedModel): string {
  const records: XmlNode[] = [listView(plan, model), formView(plan, model), searchView(model)];
  if (model.views?.kanban) records.push(kanbanView(plan, model));
  records.push(...moreViewRecords(plan, model));
  records.push(windowAction(plan, model));
  return renderOdooXml(records);
}

/** `views/<model>_views.xml` for an extension: the inherited form view. */
export function renderExtensionViews(plan: AddonPlan, model: PlannedModel): string {
  const view = model.extensionView;
  if (!view) return renderOdooXml([]);
  const fields = model.fields.map((field) => el('field', { name: field.name }));
  return renderOdooXml([
    viewRecord(`${model.table}_view_form`, `${model.name}.form.inherit.${plan.module}`, model.name, [
      el('field', { name: 'inherit_id', ref: view.ref }),
      el('field', { name: 'arch', type: 'xml' }, [el('field', { name: view.after, position: 'after' }, fields)]),
    ]),
  ]);
}

export function actionXmlId(model: PlannedModel): string {
  return `${model.table}_action`;
}

function viewRecord(id: string, name: string, model: string, rest: XmlNode[]): XmlElement {
  return el('record', { id, model: 'ir.ui.view' }, [el('field', { name: 'name' }, [name]), el('field', { name: 'model' }, [model]), ...rest]);
}

function archRecord(model: PlannedModel, type: string, arch: XmlElement): XmlElement {
  return viewRecord(`${model.table}_view_${type}`, `${model.name}.${type}`, model.name, [el('field', { name: 'arch', type: 'xml' }, [arch])]);
}

const NOT_IN_LISTS = new Set(['one2many', 'many2many', 'binary', 'image', 'html', 'text']);

function titleField(model: PlannedModel): PlannedField | undefined {
  const name = model.recName ?? 'name';
  const field = findField(model, name);
  return field && field.spec.type === 'char' ? field : undefined;
}

function derivedListFields(model: PlannedModel): string[] {
  const title = titleField(model);
  const rest = model.fields.filter((field) => field !== title && !NOT_IN_LISTS.has(field.spec.type) && field.name !== 'active' && !isCompanyField(field));
  const required = rest.filter((field) => field.spec.required);
  const others = rest.filter((field) => !field.spec.required);
  return [...(title ? [title] : []), ...required, ...others].slice(0, 6).map((field) => field.name);
}

/** Monetary fields need their currency field loaded in the same view. */
function currencyFieldsFor(model: PlannedModel, shown: string[]): string[] {
  const needed = shown
    .map((name) => findField(model, name))
    .filter((field): field is PlannedField => field?.spec.type === 'monetary')
    .map((field) => field.spec.currency ?? 'currency_id');
  return [...new Set(needed)].filter((name) => !shown.includes(name));
}

function listView(plan: AddonPlan, model: PlannedModel): XmlElement {
  const shown = model.views?.list ?? derivedListFields(model);
  const { listTag, hiddenColumnAttr } = plan.profile;
  const columns = shown.map((name) => {
    const field = findField(model, name);
    if (field?.spec.type === 'many2many') return el('field', { name, widget: 'many2many_tags' });
    if (field?.spec.type === 'selection' && name === model.workflow?.field) return el('field', { name, widget: 'badge' });
    // A stage model's list is ordered by dragging its rows.
    if (model.stages && name === 'sequence') return el('field', { name, widget: 'handle' });
    return el('field', { name, ...companyAttrs(field) });
  });
  columns.push(...companyColumns(model, shown));
  const hidden = currencyFieldsFor(model, shown).map((name) => el('field', { name, [hiddenColumnAttr]: hiddenColumnAttr === 'invisible' ? '1' : 'True' }));
  return archRecord(model, 'list', el(listTag, { string: model.description }, [...columns, ...hidden]));
}

/** A Python string literal for a view expression: single quotes unless the text has one. */
function pyQuoted(text: string): string {
  return /['\\]/.test(text) ? JSON.stringify(text) : `'${text}'`;
}

function visibilityAttrs(plan: AddonPlan, field: string, states: string[]): Record<string, string> {
  const list = `[${states.map(pyQuoted).join(', ')}]`;
  if (plan.profile.visibility === 'attrs') return { attrs: `{'invisible': [('${field}', 'not in', ${list})]}` };
  return { invisible: `${field} not in ${list}` };
}

function formWidget(field: PlannedField): Record<string, string> {
  if (field.spec.type === 'many2many') return { widget: 'many2many_tags' };
  if (field.spec.type === 'image') return { widget: 'image' };
  return {};
}

/** The stage shown as a clickable status bar in the form's header (when no workflow has it). */
function headerStage(model: PlannedModel): string | undefined {
  if (model.workflow) return undefined;
  const stage = stageFields(model)[0]?.name;
  const custom = model.views?.form;
  const placed = [...(custom?.groups ?? []).flat(), ...(custom?.pages ?? []).flatMap((page) => page.fields)];
  return stage !== undefined && !placed.includes(stage) ? stage : undefined;
}

function formView(plan: AddonPlan, model: PlannedModel): XmlElement {
  const workflow = model.workflow;
  const stage = headerStage(model);
  const baseHeader = stage
    ? el('header', {}, [el('field', { name: stage, widget: 'statusbar', options: "{'clickable': '1'}" })])
    : workflow
    ? el('header', {}, [
        ...workflow.buttons.map((button, index) =>
          el('button', {
            name: button.name,
            type: 'object',
            string: button.label,
            ...(index === 0 ? { class: 'oe_highlight' } : {}),
            ...visibilityAttrs(plan, workflow.field, button.from),
          }),
        ),
        el('field', { name: workflow.field, widget: 'statusbar' }),
      ])
    : undefined;
  const header = wizardHeader(plan, model, baseHeader);
  const title = titleField(model);
  const placed = new Set<string>([workflow?.field ?? stage ?? '', title?.name ?? '']);
  const sheet: XmlNode[] = [];
  if (findField(model, 'active')?.spec.type === 'boolean') {
    sheet.push(el('field', { name: 'active', invisible: '1' }));
    placed.add('active');
  }
  const buttonBox = smartButtonBox(plan, model);
  if (buttonBox) sheet.push(buttonBox);
  sheet.push(...companyHiddenField(model));
  if (title) sheet.push(el('div', { class: 'oe_title' }, [el('h1', {}, [el('field', { name: title.name, placeholder: title.label })])]));
  const custom = model.views?.form;
  const groups: string[][] = custom?.groups ?? derivedFormGroups(model, placed);
  const pages = custom?.pages ?? derivedPages(model, placed);
  for (const name of [...groups.flat(), ...pages.flatMap((page) => page.fields)]) placed.add(name);
  const missingCurrency = currencyFieldsFor(model, [...placed]).filter((name) => !placed.has(name));
  const groupNodes = withCompanyInForm(model, groups.map((names, index) =>
    el('group', { name: `group_${index + 1}` }, names.map((name) => el('field', { name, ...formWidget(findField(model, name) ?? fallbackField(name)), ...companyAttrs(findField(model, name)) }))),
  ), placed);
  if (missingCurrency.length > 0) groupNodes.push(el('group', { name: 'group_currency', invisible: '1' }, missingCurrency.map((name) => el('field', { name }))));
  if (groupNodes.length > 0) sheet.push(el('group', { name: 'main' }, groupNodes));
  if (pages.length > 0) {
    sheet.push(
      el(
        'notebook',
        {},
        pages.map((page, index) =>
          el('page', { string: page.label, name: `page_${index + 1}` }, page.fields.map((name) => pageField(model, name))),
        ),
      ),
    );
  }
  const chatter = model.chatter ? chatterNode(plan, model) : undefined;
  return archRecord(model, 'form', el('form', { string: model.description }, [withMailButtons(plan, model, header), el('sheet', {}, sheet), chatter]));
}

function fallbackField(name: string): PlannedField {
  return { name, label: name, stored: true, spec: { type: 'char' } };
}

const PAGE_TYPES = new Set(['one2many', 'html']);

function derivedFormGroups(model: PlannedModel, placed: Set<string>): string[][] {
  const simple = model.fields.filter((field) => !placed.has(field.name) && !PAGE_TYPES.has(field.spec.type) && !isCompanyField(field)).map((field) => field.name);
  if (simple.length === 0) return [];
  const half = Math.ceil(simple.length / 2);
  return simple.length > 1 ? [simple.slice(0, half), simple.slice(half)] : [simple];
}

function derivedPages(model: PlannedModel, placed: Set<string>): { label: string; fields: string[] }[] {
  return model.fields
    .filter((field) => !placed.has(field.name) && PAGE_TYPES.has(field.spec.type))
    .map((field) => ({ label: field.label, fields: [field.name] }));
}

function pageField(model: PlannedModel, name: string): XmlElement {
  const field = findField(model, name);
  if (field && PAGE_TYPES.has(field.spec.type)) return el('field', { name, nolabel: '1', ...formWidget(field) });
  return el('group', {}, [el('field', { name, ...formWidget(field ?? fallbackField(name)), ...companyAttrs(field) })]);
}

function chatterNode(plan: AddonPlan, model: PlannedModel): XmlElement {
  if (plan.profile.chatter === 'element') return el('chatter');
  return el('div', { class: 'oe_chatter' }, [
    el('field', { name: 'message_follower_ids' }),
    model.activities ? el('field', { name: 'activity_ids' }) : undefined,
    el('field', { name: 'message_ids' }),
  ]);
}

function humanize(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function searchView(model: PlannedModel): XmlElement {
  const spec = model.views?.search;
  const title = titleField(model);
  const searchable = spec?.fields ?? [
    ...(title ? [title.name] : []),
    ...model.fields.filter((field) => field !== title && (field.spec.type === 'char' || field.spec.type === 'many2one') && field.stored && !isCompanyField(field)).map((field) => field.name),
  ].slice(0, 4);
  const groupBy =
    spec?.group_by ??
    model.fields.filter((field) => (field.spec.type === 'selection' || field.spec.type === 'many2one') && field.stored && !isCompanyField(field)).map((field) => field.name).slice(0, 3);
  const children: XmlNode[] = [...searchable.map((name) => el('field', { name, ...companyAttrs(findField(model, name)) })), ...companySearchNodes(model, searchable)];
  const filters = Object.entries(spec?.filters ?? {});
  if (filters.length > 0) {
    children.push(el('separator'));
    for (const [name, domain] of filters) children.push(el('filter', { name, string: humanize(name), domain }));
  }
  if (findField(model, 'active')?.spec.type === 'boolean') {
    children.push(el('separator'), el('filter', { name: 'inactive', string: 'Archived', domain: "[('active', '=', False)]" }));
  }
  const companyGroup = companyGroupBy(model, groupBy);
  if (groupBy.length > 0 || companyGroup.length > 0) {
    children.push(
      el(
        'group',
        { expand: '0', string: 'Group By' },
        groupBy.map((name) =>
          el('filter', { name: `group_by_${name}`, string: findField(model, name)?.label ?? humanize(name), context: `{'group_by': '${name}'}`, ...companyAttrs(findField(model, name)) }),
        ).concat(companyGroup),
      ),
    );
  }
  const panel = searchPanel(model);
  if (panel) children.push(panel);
  return archRecord(model, 'search', el('search', { string: model.description }, children));
}

function kanbanView(plan: AddonPlan, model: PlannedModel): XmlElement {
  const title = titleField(model);
  // Grouped by stage: the stage's group_expand shows every stage as a column, empty or not.
  const stage = stageFields(model)[0]?.name;
  const attrs = stage ? { default_group_by: stage } : {};
  const others = derivedListFields(model).filter((name) => name !== title?.name).slice(0, 3);
  const currency = currencyFieldsFor(model, others);
  if (plan.profile.kanbanTemplate === 'card') {
    const card = el('t', { 't-name': 'card' }, [
      title ? el('field', { name: title.name, class: 'fw-bold' }) : undefined,
      ...others.map((name) => el('field', { name })),
    ]);
    return archRecord(model, 'kanban', el('kanban', attrs, [...currency.map((name) => el('field', { name })), el('templates', {}, [card])]));
  }
  const box = el('t', { 't-name': 'kanban-box' }, [
    el('div', { class: 'oe_kanban_global_click' }, [
      title ? el('strong', {}, [el('field', { name: title.name })]) : undefined,
      ...others.map((name) => el('div', {}, [el('field', { name })])),
    ]),
  ]);
  return archRecord(model, 'kanban', el('kanban', attrs, [...currency.map((name) => el('field', { name })), el('templates', {}, [box])]));
}

function windowAction(plan: AddonPlan, model: PlannedModel): XmlElement {
  const label = plan.menus.items.find((item) => item.model === model.name)?.label ?? model.description;
  const modes = [...(model.views?.kanban ? ['kanban'] : []), plan.profile.listMode, 'form', ...moreViewModes(model)].join(',');
  return el('record', { id: actionXmlId(model), model: 'ir.actions.act_window' }, [
    el('field', { name: 'name' }, [label]),
    el('field', { name: 'res_model' }, [model.name]),
    el('field', { name: 'view_mode' }, [modes]),
    el('field', { name: 'help', type: 'html' }, [el('p', { class: 'o_view_nocontent_smiling_face' }, [`Create a first record: ${model.description}`])]),
  ]);
}
