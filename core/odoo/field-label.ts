/**
 * The label Odoo derives for a field without `string` (odoo/fields.py, Field._setup_attrs):
 * drop a trailing `_ids`/`_id`, turn `_` into spaces, title-case every word.
 */
export function fieldLabel(name: string): string {
  const base = name.endsWith('_ids') ? name.slice(0, -4) : name.endsWith('_id') ? name.slice(0, -3) : name;
  return base
    .replace(/_/g, ' ')
    .replace(/[A-Za-z]+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}

/** Labels of the fields every model has (Odoo warns when two fields of a model share a label). */
export const MAGIC_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'ID',
  display_name: 'Display Name',
  create_uid: 'Created by',
  create_date: 'Created on',
  write_uid: 'Last Updated by',
  write_date: 'Last Updated on',
};
