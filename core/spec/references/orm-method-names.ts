/**
 * Names of methods and attributes every Odoo model inherits from BaseModel (odoo/models.py):
 * a field or a button method with one of these names would shadow the ORM and break the model.
 */
export const ORM_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'browse', 'check_access', 'check_access_rights', 'check_access_rule', 'copy', 'copy_data', 'create',
  'default_get', 'ensure_one', 'exists', 'fields_get', 'filtered', 'filtered_domain', 'flush',
  'flush_model', 'flush_recordset', 'get_metadata', 'grouped', 'invalidate_model', 'invalidate_recordset',
  'mapped', 'modified', 'name_create', 'name_get', 'name_search', 'new', 'onchange', 'read',
  'read_group', 'search', 'search_count', 'search_fetch', 'search_read', 'sorted', 'sudo', 'unlink',
  'update', 'with_company', 'with_context', 'with_env', 'with_user', 'write',
]);
