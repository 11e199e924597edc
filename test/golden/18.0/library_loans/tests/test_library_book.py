# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestLibraryBook(TransactionCase):
    def _create_record(self, **values):
        vals = {"title": "Test value"}
        vals.update(values)
        return self.env["library.book"].create(vals)

    def test_create_with_required_values(self):
        record = self._create_record()
        self.assertTrue(record.exists())
        self.assertTrue(record.active)
        self.assertEqual(record.state, "draft")
        self.assertEqual(record.loan_count, 0)

    def test_report_book_card_renders_the_record(self):
        record = self._create_record()
        report = self.env.ref("library_loans.action_report_library_book_book_card")
        self.assertEqual(report.binding_model_id.model, "library.book")
        self.assertEqual(report.binding_type, "report")
        html, kind = self.env["ir.actions.report"]._render_qweb_html(report.report_name, record.ids)
        self.assertEqual(kind, "html")
        html = html.decode()
        self.assertIn("Book card", html)
        self.assertIn(record.display_name, html)
        self.assertIn("Title", html)
        self.assertIn("ISBN", html)
        self.assertIn("Pages", html)
        self.assertIn("State", html)
        self.assertIn("Loan", html)
        self.assertIn("Member", html)
        self.assertIn("Date Out", html)
        self.assertIn("Date Due", html)
        if record.title:
            self.assertIn(record.title, html)
        if record.isbn:
            self.assertIn(record.isbn, html)

    def test_wizard_make_available_changes_the_selected_records(self):
        action = self.env.ref("library_loans.library_book_make_available_wizard_action")
        self.assertEqual((action.res_model, action.target), ("library.book.make_available.wizard", "new"))
        self.assertEqual(action.binding_model_id.model, "library.book")
        self.assertEqual(action.binding_view_types, "list")
        records = self._create_record()
        records.write({"state": "draft"})
        wizard = (
            self.env["library.book.make_available.wizard"]
            .with_context(active_model="library.book", active_ids=records.ids)
            .create({})
        )
        self.assertEqual(wizard.action_confirm()["type"], "ir.actions.act_window_close")
        self.assertEqual(len(records), 1)
        for record in records:
            self.assertEqual(record.state, "available")

    def test_wizard_make_available_refuses_records_it_may_not_move(self):
        records = self._create_record()
        records.write({"state": "lent"})
        wizard = (
            self.env["library.book.make_available.wizard"]
            .with_context(active_model="library.book", active_ids=records.ids)
            .create({})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(records.state, "lent")

    def test_action_make_available_from_draft(self):
        record = self._create_record()
        record.write({"state": "draft"})
        record.action_make_available()
        self.assertEqual(record.state, "available")

    def test_action_make_available_refused_from_available(self):
        record = self._create_record()
        record.write({"state": "available"})
        with self.assertRaises(UserError):
            record.action_make_available()
        self.assertEqual(record.state, "available")

    def test_action_reset_draft_from_available(self):
        record = self._create_record()
        record.write({"state": "available"})
        record.action_reset_draft()
        self.assertEqual(record.state, "draft")

    def test_action_reset_draft_refused_from_draft(self):
        record = self._create_record()
        record.write({"state": "draft"})
        with self.assertRaises(UserError):
            record.action_reset_draft()
        self.assertEqual(record.state, "draft")

    def test_constraint_isbn_unique(self):
        self._create_record(isbn="Unique test value")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(isbn="Unique test value")
            self.env.flush_all()

    def test_constraint_pages_check(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(title="Test value", pages=-1)
            self.env.flush_all()

    def test_a_new_book_is_a_draft(self):
        """a new book is a draft"""
        record = self.env["library.book"].create({"title": "Dune"})
        self.assertEqual(record.state, "draft")
        self.assertEqual(record.loan_count, 0)

    def test_negative_pages_are_rejected(self):
        """negative pages are rejected"""
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):
            self.env["library.book"].create({"title": "Broken", "pages": -1})
            self.env.flush_all()

    def test_a_draft_book_can_be_made_available(self):
        """a draft book can be made available"""
        record = self.env["library.book"].create({"title": "Emma"})
        record.action_make_available()
        self.assertEqual(record.state, "available")
