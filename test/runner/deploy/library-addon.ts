import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEND_NOTICE = `
    def action_send_notice(self):
        server = self.env["ir.mail_server"]
        for book in self:
            message = server.build_email(
                "library@forge.example", ["reader@forge.example"], "New book: %s" % book.name, "On the shelf."
            )
            server.send_email(message)
        return True
`;

/**
 * A small `library` addon in three versions: 1 (books with a title), 2 (a new `isbn` field,
 * shown in the form) and 3, broken (its form shows a field that does not exist, so its update
 * fails as a real mistake would). Each has `action_send_notice`, which mails a notice through
 * Odoo's outgoing mail server (for the mail catcher).
 */
export function writeLibraryVersion(dir: string, version: 1 | 2 | 3, series = '18.0'): void {
  const root = join(dir, 'library');
  mkdirSync(join(root, 'models'), { recursive: true });
  mkdirSync(join(root, 'security'), { recursive: true });
  mkdirSync(join(root, 'views'), { recursive: true });
  writeFileSync(
    join(root, '__manifest__.py'),
    `{"name": "Library", "version": "${series}.1.${version - 1}.0", "depends": ["base"], "license": "LGPL-3",
 "data": ["security/ir.model.access.csv", "views/book_views.xml"], "installable": True}\n`,
  );
  writeFileSync(join(root, '__init__.py'), 'from . import models\n');
  writeFileSync(join(root, 'models', '__init__.py'), 'from . import book\n');
  const fields = ['    name = fields.Char(required=True)'];
  if (version >= 2) fields.push('    isbn = fields.Char(string="ISBN")');
  writeFileSync(
    join(root, 'models', 'book.py'),
    `from odoo import fields, models\n\n\nclass Book(models.Model):\n    _name = "library.book"\n    _description = "Book"\n\n${fields.join('\n')}\n${SEND_NOTICE}`,
  );
  writeFileSync(
    join(root, 'security', 'ir.model.access.csv'),
    'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\naccess_library_book,library.book,model_library_book,base.group_user,1,1,1,1\n',
  );
  const formFields = ['<field name="name"/>'];
  if (version >= 2) formFields.push('<field name="isbn"/>');
  if (version === 3) formFields.push('<field name="no_such_field"/>');
  writeFileSync(
    join(root, 'views', 'book_views.xml'),
    `<odoo>
  <record id="library_book_form" model="ir.ui.view">
    <field name="name">library.book.form</field>
    <field name="model">library.book</field>
    <field name="arch" type="xml"><form><sheet>${formFields.join('')}</sheet></form></field>
  </record>
</odoo>
`,
  );
}
