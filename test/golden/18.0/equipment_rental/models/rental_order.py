# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, models
from odoo.exceptions import UserError


class RentalOrder(models.Model):
    _name = "rental.order"
    _description = "Rental Order"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, default="New")
    equipment_id = fields.Many2one(
        comodel_name="rental.equipment",
        string="Equipment",
        required=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        tracking=True,
        check_company=True,
    )
    date_start = fields.Date(
        string="Date Start",
        required=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(string="Date End", required=True)
    days = fields.Integer(string="Days", required=True, default=1)
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Currency",
        related="equipment_id.currency_id",
    )
    amount = fields.Monetary(string="Amount", currency_field="currency_id")
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed"), ("returned", "Returned")],
        string="State",
        tracking=True,
        default="draft",
    )
    notes = fields.Html(string="Notes")
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "date_end_date_start_check",
            "CHECK(date_end >= date_start)",
            "The rental cannot end before it starts.",
        ),
        (
            "days_check",
            "CHECK(days > 0)",
            "A rental lasts at least one day.",
        ),
    ]

    def action_confirm(self):
        """Confirm: Draft → Confirmed."""
        for record in self:
            if record.state not in ("draft",):
                raise UserError(
                    _(
                        "\"%(record)s\" cannot be set to %(target)s from its current state: \"Confirm\" is only possible from Draft.",
                        record=record.display_name,
                        target="Confirmed",
                    )
                )
        self.write({"state": "confirmed"})
        return True

    def action_return(self):
        """Mark returned: Confirmed → Returned."""
        for record in self:
            if record.state not in ("confirmed",):
                raise UserError(
                    _(
                        "\"%(record)s\" cannot be set to %(target)s from its current state: \"Mark returned\" is only possible from Confirmed.",
                        record=record.display_name,
                        target="Returned",
                    )
                )
        self.write({"state": "returned"})
        return True

    def action_draft(self):
        """Back to draft: Confirmed → Draft."""
        for record in self:
            if record.state not in ("confirmed",):
                raise UserError(
                    _(
                        "\"%(record)s\" cannot be set to %(target)s from its current state: \"Back to draft\" is only possible from Confirmed.",
                        record=record.display_name,
                        target="Draft",
                    )
                )
        self.write({"state": "draft"})
        return True
