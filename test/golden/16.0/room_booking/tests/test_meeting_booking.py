# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestMeetingBooking(TransactionCase):
    def _create_record(self, **values):
        vals = {
            "name": "Test value",
            "room_id": self.env["meeting.room"].create({"name": "Test value", "capacity": 4}).id,
            "date_start": "2024-01-10",
            "date_end": "2024-01-10",
        }
        vals.update(values)
        return self.env["meeting.booking"].create(vals)

    def test_create_with_required_values(self):
        record = self._create_record()
        self.assertTrue(record.exists())
        self.assertEqual(record.attendees, 1)

    def test_reference_numbered_on_create(self):
        defaults = self.env["meeting.booking"].default_get(["reference"])
        self.assertEqual(defaults.get("reference"), "New")
        record = self._create_record()
        self.assertRegex(record.reference, "^BOOK/\\d{4}/\\d{4,}$")
        following = self.env["ir.sequence"].next_by_code("meeting.booking")
        self.assertRegex(following, "^BOOK/\\d{4}/\\d{4,}$")
        self.assertNotEqual(following, record.reference)

    def test_views_calendar_pivot_graph_activity_search(self):
        views = self.env["meeting.booking"].get_views(
            [
                (False, "calendar"),
                (False, "pivot"),
                (False, "graph"),
                (False, "activity"),
                (False, "search"),
            ]
        )["views"]
        self.assertEqual(
            views["calendar"]["id"],
            self.env.ref("room_booking.meeting_booking_view_calendar").id,
        )
        self.assertEqual(
            views["pivot"]["id"],
            self.env.ref("room_booking.meeting_booking_view_pivot").id,
        )
        self.assertEqual(
            views["graph"]["id"],
            self.env.ref("room_booking.meeting_booking_view_graph").id,
        )
        self.assertEqual(
            views["activity"]["id"],
            self.env.ref("room_booking.meeting_booking_view_activity").id,
        )
        self.assertEqual(
            views["search"]["id"],
            self.env.ref("room_booking.meeting_booking_view_search").id,
        )
        self.assertIn("<searchpanel", views["search"]["arch"])
        action = self.env.ref("room_booking.meeting_booking_action")
        modes = action.view_mode.split(",")
        self.assertEqual(modes[-4:], ["calendar", "pivot", "graph", "activity"])

    def test_pivot_sums_attendees_by_room_id(self):
        record = self._create_record()
        groups = self.env["meeting.booking"].read_group(
            [("id", "=", record.id)], ["attendees:sum"], ["room_id"]
        )
        self.assertAlmostEqual(sum(group["attendees"] for group in groups), record.attendees)

    def test_activity_view_shows_a_scheduled_activity(self):
        record = self._create_record()
        record.activity_schedule("mail.mail_activity_data_todo", summary="Forge follow-up")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "meeting.booking"), ("res_id", "=", record.id)]
        )
        self.assertEqual(activity.summary, "Forge follow-up")
        self.assertEqual(record.activity_ids, activity)

    def test_search_panel_offers_room_id(self):
        record = self._create_record()
        result = self.env["meeting.booking"].search_panel_select_range(
            "room_id", enable_counters=True
        )
        ids = [value["id"] for value in result["values"]]
        if record.room_id:
            self.assertIn(record.room_id.id, ids)
        self.assertNotIn(False, ids)

    def test_no_overlap_room_id_refuses_an_overlap(self):
        first = self._create_record(date_start="2024-01-10", date_end="2024-01-20")
        with self.assertRaises(ValidationError):
            first.copy({"date_start": "2024-01-15", "date_end": "2024-01-25"})
        following = first.copy({"date_start": "2024-01-20", "date_end": "2024-01-25"})
        self.assertEqual(following.room_id, first.room_id)

    def test_a_booking_shows_its_room_s_kind(self):
        """a booking shows its room's kind"""
        record = self.env["meeting.booking"].create({"name": "Team meeting", "room_id": self.env["meeting.room"].create({"name": "Green Room", "capacity": 4, "kind": "large"}).id, "date_start": "2026-03-02", "date_end": "2026-03-03"})
        self.assertEqual(record.room_kind, "large")
        self.assertEqual(record.days, 1)
        self.assertEqual(record.seats_left, 3)
        self.assertEqual(record.label, "Team meeting (Green Room)")
        self.assertTrue(record.large)
        self.assertAlmostEqual(record.share, 0.25)

    def test_more_attendees_than_seats_are_refused(self):
        """more attendees than seats are refused"""
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):
            self.env["meeting.booking"].create({"name": "All hands", "room_id": self.env["meeting.room"].create({"name": "Tiny Room", "capacity": 2}).id, "date_start": "2026-03-02", "date_end": "2026-03-02", "attendees": 3})
            self.env.flush_all()

    def test_a_booking_cannot_end_before_it_starts(self):
        """a booking cannot end before it starts"""
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):
            self.env["meeting.booking"].create({"name": "Backwards", "room_id": self.env["meeting.room"].create({"name": "Red Room", "capacity": 4}).id, "date_start": "2026-03-05", "date_end": "2026-03-02"})
            self.env.flush_all()
