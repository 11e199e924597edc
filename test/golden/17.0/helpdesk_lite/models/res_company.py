# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    helpdesk_support_email = fields.Char(
        string="Support email",
        help="The address customers write to.",
    )
    helpdesk_default_priority = fields.Selection(
        selection=[("0", "Low"), ("1", "Normal"), ("2", "High")],
        string="Default ticket priority",
        default="1",
    )
