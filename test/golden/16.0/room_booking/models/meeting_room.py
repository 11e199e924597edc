# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MeetingRoom(models.Model):
    _name = "meeting.room"
    _description = "Meeting Room"
    _order = "name"

    name = fields.Char(string="Name", required=True)
    capacity = fields.Integer(string="Capacity", default=4)
    kind = fields.Selection(
        selection=[("small", "Small room"), ("large", "Large room")],
        string="Kind",
        default="small",
    )
    booking_count = fields.Integer(string="Bookings Count", compute="_compute_booking_count")

    _sql_constraints = [
        (
            "name_unique",
            "UNIQUE(name)",
            "A room with this name already exists.",
        ),
        (
            "capacity_check",
            "CHECK(capacity > 0)",
            "A room holds at least one person.",
        ),
    ]

    def _compute_booking_count(self):
        counted = self.env["meeting.booking"]
        for record in self:
            record.booking_count = counted.search_count([("room_id", "in", record.ids)])

    def action_view_booking(self):
        """Bookings: the meeting.booking records of this meeting.room."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "room_booking.meeting_booking_action"
        )
        action["domain"] = [("room_id", "=", self.id)]
        action["context"] = {"default_room_id": self.id}
        return action
