# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    helpdesk_deadline_days = fields.Integer(
        string="Default deadline (days)",
        config_parameter="helpdesk_lite.helpdesk_deadline_days",
        default=3,
        help="Days between the opening of a ticket and its deadline.",
    )
    helpdesk_notify_customer = fields.Boolean(
        string="Notify customers of new tickets",
        config_parameter="helpdesk_lite.helpdesk_notify_customer",
    )
    helpdesk_support_email = fields.Char(
        related="company_id.helpdesk_support_email",
        readonly=False,
    )
    helpdesk_default_priority = fields.Selection(
        related="company_id.helpdesk_default_priority",
        readonly=False,
    )
