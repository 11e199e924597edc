# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, models
from odoo.exceptions import UserError


class LibraryLoanExtendWizard(models.TransientModel):
    _name = "library.loan.extend.wizard"
    _description = "Extend loans"

    date_due = fields.Date(string="New due date", required=True)

    def _active_records(self):
        context = self.env.context
        if context.get("active_model", "library.loan") != "library.loan":
            raise UserError(_("This wizard acts on %s records.", "Loan"))
        return self.env["library.loan"].browse(context.get("active_ids") or [])

    def action_confirm(self):
        self.ensure_one()
        records = self._active_records()
        if not records:
            raise UserError(_("Select the %s records first.", "Loan"))
        records.write({"date_due": self.date_due})
        return {"type": "ir.actions.act_window_close"}
