/**
 * What an addon's data looked like in one database, as plain JSON: the models it defines, the
 * stored fields it defines on them (or adds to other models), and every record's values. Taken
 * by runner/upgrade before and after an update and compared by `compareSnapshots`.
 */
export interface FieldSnapshot {
  /** Odoo's field type (`ir_model_fields.ttype`): char, integer, selection, many2one, … */
  type: string;
  /** The comodel of a relational field. */
  relation?: string;
  /** The keys of a selection field (`ir_model_fields_selection.value`). */
  selection?: string[];
}

export interface ModelSnapshot {
  model: string;
  table: string;
  /** The module created the model (else it only added fields to it). */
  own: boolean;
  /** The id of its `ir_model` row (a model the module created): a renamed model keeps it. */
  modelId?: number;
  /** Stored fields with a column (or a relation table, many2many) that the module defines. */
  fields: Record<string, FieldSnapshot>;
  /** Record id → field → value as PostgreSQL's `to_json` prints it (many2many: sorted ids). */
  records: Record<string, Record<string, unknown>>;
}

export interface DatabaseSnapshot {
  module: string;
  /** The installed version (`ir_module_module.latest_version`). */
  version: string;
  models: Record<string, ModelSnapshot>;
}
