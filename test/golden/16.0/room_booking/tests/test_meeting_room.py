# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from psycopg2 import IntegrityError

from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestMeetingRoom(TransactionCase):
    def _create_record(self, **values):
        vals = {"name": "Test value", "capacity": 4}
        vals.update(values)
        return self.env["meeting.room"].create(vals)

    def test_create_with_required_values(self):
        record = self._create_record()
        self.assertTrue(record.exists())
        self.assertEqual(record.kind, "small")

    def test_views_search(self):
        views = self.env["meeting.room"].get_views(
            [(False, "search")]
        )["views"]
        self.assertEqual(
            views["search"]["id"],
            self.env.ref("room_booking.meeting_room_view_search").id,
        )
        self.assertIn("<searchpanel", views["search"]["arch"])

    def test_search_panel_offers_kind(self):
        record = self._create_record()
        result = self.env["meeting.room"].search_panel_select_range(
            "kind", enable_counters=True
        )
        ids = [value["id"] for value in result["values"]]
        self.assertEqual(sorted(ids), ["large", "small"])

    def test_smart_button_booking_counts_and_opens(self):
        record = self._create_record()
        self.assertEqual(record.booking_count, 0)
        counted = self.env["meeting.booking"].create(
            {
                "name": "Test value",
                "date_start": "2024-01-10",
                "date_end": "2024-01-10",
                "room_id": record.id,
            }
        )
        record.invalidate_recordset(["booking_count"])
        self.assertEqual(record.booking_count, 1)
        action = record.action_view_booking()
        self.assertEqual(action["res_model"], "meeting.booking")
        self.assertEqual(self.env["meeting.booking"].search(action["domain"]), counted)
        self.assertEqual(action["context"]["default_room_id"], record.id)

    def test_constraint_name_unique(self):
        self._create_record(name="Test value")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(name="Test value")
            self.env.flush_all()

    def test_constraint_capacity_check(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(name="Test value", capacity=0)
            self.env.flush_all()
