# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class RentalEquipment(models.Model):
    _name = "rental.equipment"
    _description = "Rental Equipment"
    _rec_name = "name"
    _check_company_auto = True

    name = fields.Char(string="Name", required=True, index=True)
    code = fields.Char(
        string="Code",
        required=True,
        copy=False,
        help="Internal code printed on the label",
    )
    photo = fields.Image(string="Photo", max_width=512, max_height=512)
    daily_rate = fields.Monetary(
        string="Daily Rate",
        currency_field="currency_id",
        required=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    weight = fields.Float(string="Weight (kg)", digits=(10, 3))
    purchase_date = fields.Date(string="Purchase Date")
    active = fields.Boolean(string="Active", default=True)
    order_ids = fields.One2many(
        comodel_name="rental.order",
        inverse_name="equipment_id",
        string="Rentals",
    )
    order_count = fields.Integer(
        string="Order Count",
        compute="_compute_order_count",
        store=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE(code)",
            "Another equipment already has this code.",
        ),
        (
            "daily_rate_check",
            "CHECK(daily_rate >= 0)",
            "The daily rate cannot be negative.",
        ),
    ]

    @api.depends("order_ids")
    def _compute_order_count(self):
        for record in self:
            record.order_count = len(record.order_ids)
