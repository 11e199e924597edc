import type { OdooSeries } from '../spec/module-spec.js';

/**
 * What differs between the Odoo series for the files Forge writes (each difference was seen
 * failing on a real Odoo; see docs/odoo-versions.md).
 */
export interface SeriesProfile {
  series: OdooSeries;
  /** `tree` until 17.0; 18.0 refuses it and wants `list`. */
  listTag: 'tree' | 'list';
  /** The view_mode name of the list view in window actions. */
  listMode: 'tree' | 'list';
  /** 17.0 removed `attrs`/`states`: visibility is a Python expression in `invisible`. */
  visibility: 'attrs' | 'expression';
  /** 18.0 has `<chatter/>`; before, a div with the message fields. */
  chatter: 'element' | 'div';
  /** The kanban card template: `card` in 18.0, `kanban-box` before. */
  kanbanTemplate: 'card' | 'kanban-box';
  /** How a list column is hidden: `column_invisible` from 17.0. */
  hiddenColumnAttr: 'invisible' | 'column_invisible';
}

export function seriesProfile(series: OdooSeries): SeriesProfile {
  switch (series) {
    case '16.0':
      return { series, listTag: 'tree', listMode: 'tree', visibility: 'attrs', chatter: 'div', kanbanTemplate: 'kanban-box', hiddenColumnAttr: 'invisible' };
    case '17.0':
      return { series, listTag: 'tree', listMode: 'tree', visibility: 'expression', chatter: 'div', kanbanTemplate: 'kanban-box', hiddenColumnAttr: 'column_invisible' };
    case '18.0':
      return { series, listTag: 'list', listMode: 'list', visibility: 'expression', chatter: 'element', kanbanTemplate: 'card', hiddenColumnAttr: 'column_invisible' };
  }
}

/**
 * ModuleSpec 1.1 more views: the calendar attribute that turns its quick create off (a click
 * on a day opens the whole form, which can hold every required field): `quick_add` on 16.0,
 * `quick_create` from 17.0 (each series' calendar_view.rng refuses the other).
 */
export function calendarQuickCreateAttr(series: OdooSeries): 'quick_add' | 'quick_create' {
  return series === '16.0' ? 'quick_add' : 'quick_create';
}

/**
 * ModuleSpec 1.1 multi-company: the domain of the record rule that shows a user only the
 * records of the companies they work in (`company_ids`, the allowed companies), or of none:
 * 16.0's own rules say it with an explicit '|'; 17.0 and 18.0 write `company_ids + [False]`,
 * as their `_check_company_domain` does.
 */
export function companyRuleDomain(series: OdooSeries): string {
  return series === '16.0'
    ? "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
    : "[('company_id', 'in', company_ids + [False])]";
}
