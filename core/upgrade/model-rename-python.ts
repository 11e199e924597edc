/**
 * The Python helpers of a generated pre-migrate script that renames a model (`renamed_from` on a
 * model), the way openupgradelib's `rename_tables` and `rename_models` do it: the table, its id
 * sequence, constraints and indexes, the many2many tables named after it, then every row that
 * names the model (ir_model, ir_model_fields model/relation, ir_model_data model and the
 * `model_…`/`field_…__…` names, ir_attachment, and mail_message/mail_followers/mail_activity when
 * mail is installed), and the module's own XML ids named after the table (views, demo records),
 * so Odoo updates them in place instead of creating copies. Each step checks first: idempotent.
 */
export const MODEL_RENAME_PYTHON = `def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = %s", (table,))
    return bool(cr.fetchone())


def _rename_table(cr, old_table, new_table):
    if not _table_exists(cr, old_table) or _table_exists(cr, new_table):
        return
    cr.execute('ALTER TABLE "%s" RENAME TO "%s"' % (old_table, new_table))
    cr.execute("SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = %s", (old_table + "_id_seq",))
    if cr.fetchone():
        cr.execute('ALTER SEQUENCE "%s_id_seq" RENAME TO "%s_id_seq"' % (old_table, new_table))
    cr.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass", (new_table,))
    for (name,) in cr.fetchall():
        if name.startswith(old_table + "_"):
            new_name = new_table + name[len(old_table):]
            cr.execute('ALTER TABLE "%s" RENAME CONSTRAINT "%s" TO "%s"' % (new_table, name, new_name))
    cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", (new_table,))
    for (name,) in cr.fetchall():
        if name.startswith(old_table + "_"):
            cr.execute('ALTER INDEX "%s" RENAME TO "%s"' % (name, new_table + name[len(old_table):]))


def _rename_xmlids(cr, module, old_table, new_table, keep):
    pattern = re.compile(r"(^|_)%s(?=_|$)" % re.escape(old_table))
    cr.execute("SELECT id, name FROM ir_model_data WHERE module = %s", (module,))
    rows = cr.fetchall()
    taken = {name for _id, name in rows}
    for xmlid, name in rows:
        if any(other in name for other in keep) or not pattern.search(name):
            continue
        new_name = pattern.sub(lambda m: m.group(1) + new_table, name)
        if new_name not in taken:
            cr.execute("UPDATE ir_model_data SET name = %s WHERE id = %s", (new_name, xmlid))
            taken.add(new_name)


def _rename_model(cr, module, old, new, relations, keep):
    old_table, new_table = old.replace(".", "_"), new.replace(".", "_")
    _rename_table(cr, old_table, new_table)
    for old_rel, new_rel, columns in relations:
        _rename_table(cr, old_rel, new_rel)
        for old_column, new_column in columns:
            if _column_exists(cr, new_rel, old_column) and not _column_exists(cr, new_rel, new_column):
                cr.execute('ALTER TABLE "%s" RENAME COLUMN "%s" TO "%s"' % (new_rel, old_column, new_column))
        cr.execute("UPDATE ir_model_fields SET relation_table = %s WHERE relation_table = %s", (new_rel, old_rel))
        cr.execute("UPDATE ir_model_relation SET name = %s WHERE name = %s", (new_rel, old_rel))
    cr.execute(
        "UPDATE ir_model_data d SET name = 'field_' || %s || '__' || f.name FROM ir_model_fields f "
        "WHERE d.model = 'ir.model.fields' AND d.res_id = f.id AND f.model = %s "
        "AND d.name = 'field_' || %s || '__' || f.name",
        (new_table, old, old_table),
    )
    cr.execute(
        "UPDATE ir_model_data SET name = %s WHERE name = %s AND model = 'ir.model'",
        ("model_" + new_table, "model_" + old_table),
    )
    cr.execute("UPDATE ir_model SET model = %s WHERE model = %s", (new, old))
    cr.execute("UPDATE ir_model_data SET model = %s WHERE model = %s", (new, old))
    cr.execute("UPDATE ir_model_fields SET model = %s WHERE model = %s", (new, old))
    cr.execute("UPDATE ir_model_fields SET relation = %s WHERE relation = %s", (new, old))
    cr.execute("UPDATE ir_attachment SET res_model = %s WHERE res_model = %s", (new, old))
    for table, column in (("mail_message", "model"), ("mail_followers", "res_model"), ("mail_activity", "res_model")):
        if _column_exists(cr, table, column):
            cr.execute('UPDATE "%s" SET "%s" = %%s WHERE "%s" = %%s' % (table, column, column), (new, old))
    _rename_xmlids(cr, module, old_table, new_table, keep)
`;
