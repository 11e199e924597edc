import type { TreeFiles } from './git-workspace.js';

/**
 * An addon whose form view names `count` fields its model does not have: the checker reports
 * one `view-unknown-field` error per field, on lines 12 … 11+count of the view file.
 */
export function manyFindingsAddon(dir: string, module: string, count: number): TreeFiles {
  const fields = Array.from({ length: count }, (_, i) => `                <field name="missing_${i + 1}"/>`);
  return {
    [`${dir}/__init__.py`]: 'from . import models\n',
    [`${dir}/__manifest__.py`]: `{
    'name': 'Many findings',
    'version': '18.0.1.0.0',
    'license': 'LGPL-3',
    'depends': ['base'],
    'data': ['security/ir.model.access.csv', 'views/views.xml'],
    'installable': True,
}
`,
    [`${dir}/models/__init__.py`]: 'from . import thing\n',
    [`${dir}/models/thing.py`]: `from odoo import fields, models


class Thing(models.Model):
    _name = '${module}.thing'
    _description = 'Thing'

    name = fields.Char(required=True)
`,
    [`${dir}/security/ir.model.access.csv`]:
      'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n' +
      `access_${module}_thing,${module}.thing,model_${module}_thing,base.group_user,1,1,1,1\n`,
    [`${dir}/views/views.xml`]: `<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="thing_view_form" model="ir.ui.view">
        <field name="name">${module}.thing.form</field>
        <field name="model">${module}.thing</field>
        <field name="arch" type="xml">
            <form>
                <group>
                <field name="name"/>
                </group>
                <group>
${fields.join('\n')}
                </group>
            </form>
        </field>
    </record>
</odoo>
`,
  };
}
