import type { FieldSpec } from '../module-spec.js';

export type Scalar = string | number | boolean;

/** Where a value is written: a field's `default`, or a test's / demo record's values. */
export type ValueUse = 'default' | 'value';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * Why `value` cannot be a value of `field`, or undefined when it can. Defaults may use the
 * tokens `today` (date), `now` (datetime), `current_user` (many2one to res.users) and
 * `company_currency` (many2one to res.currency); tests and demo data take literal values only.
 */
export function scalarValueProblem(field: FieldSpec, value: Scalar, use: ValueUse): string | undefined {
  const token = field.type === 'selection' || use !== 'default' ? null : tokenProblem(field, value);
  if (token !== null) return token;
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `expected true or false for a boolean field, got ${show(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? undefined
        : `expected a whole number for an integer field, got ${show(value)}`;
    case 'float':
    case 'monetary':
      return typeof value === 'number'
        ? undefined
        : `expected a number for a ${field.type} field, got ${show(value)}`;
    case 'char':
    case 'text':
    case 'html':
      return typeof value === 'string'
        ? undefined
        : `expected a text (quote it) for a ${field.type} field, got ${show(value)}`;
    case 'selection': {
      const keys = Object.keys(field.options ?? {});
      // Without options the field itself is reported; do not repeat it for every value.
      if (keys.length === 0) return undefined;
      return keys.includes(String(value))
        ? undefined
        : `expected one of the options ${keys.join(', ')}, got ${show(value)}`;
    }
    case 'date':
      if (typeof value === 'string' && DATE.test(value)) return dayProblem(value);
      return `expected a date written YYYY-MM-DD (quoted)${use === 'default' ? ' or the token today' : ''}, got ${show(value)}`;
    case 'datetime':
      if (typeof value === 'string' && DATETIME.test(value)) return dayProblem(value.slice(0, 10));
      return `expected a date and time written "YYYY-MM-DD HH:MM:SS"${use === 'default' ? ' or the token now' : ''}, got ${show(value)}`;
    case 'many2one':
      return use === 'default'
        ? `a many2one default must be a token: current_user (comodel res.users) or company_currency (comodel res.currency), got ${show(value)}`
        : `expected {create: {…}} or {ref: module.xml_id} for a many2one field, got ${show(value)}`;
    case 'one2many':
    case 'many2many':
      return use === 'default'
        ? `a ${field.type} field cannot have a default`
        : `expected a list of records ({field: value, …}) for a ${field.type} field, got ${show(value)}`;
    case 'binary':
    case 'image':
      return `a ${field.type} field cannot be given a value in the spec`;
  }
}

/** null when `value` is not a token; else undefined (a fitting token) or the problem. */
function tokenProblem(field: FieldSpec, value: Scalar): string | undefined | null {
  if (value === 'today') {
    return field.type === 'date'
      ? undefined
      : `the token today (today's date) only fits a date field, not a ${field.type} field`;
  }
  if (value === 'now') {
    return field.type === 'datetime'
      ? undefined
      : `the token now (the current date and time) only fits a datetime field, not a ${field.type} field`;
  }
  if (value === 'current_user' || value === 'company_currency') {
    const comodel = value === 'current_user' ? 'res.users' : 'res.currency';
    if (field.type === 'many2one' && (field.comodel === comodel || field.comodel === undefined))
      return undefined;
    return `the token ${value} only fits a many2one field whose comodel is ${comodel}`;
  }
  return null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Why a YYYY-MM-DD text names no day of the calendar (`2024-02-30`), or undefined when it does. */
function dayProblem(text: string): string | undefined {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `${text} is not a date (there is no month ${month})`;
  // Day 0 of the next month is the last day of this one (setUTCFullYear: years below 100 too).
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  const days = last.getUTCDate();
  if (day < 1 || day > days)
    return `${text} is not a date (${MONTHS[month - 1] ?? ''} ${year} has ${days} days)`;
  return undefined;
}

function show(value: Scalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
