# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestRentalOrder(TransactionCase):
    def _create_record(self, **values):
        vals = {
            "equipment_id": self.env["rental.equipment"].create({"name": "Test value", "code": "Test value", "daily_rate": 1.5}).id,
            "partner_id": self.env["res.partner"].create({"name": "Test Partner"}).id,
            "date_start": "2024-01-10",
            "date_end": "2024-01-10",
            "days": 1,
        }
        vals.update(values)
        return self.env["rental.order"].create(vals)

    def test_create_with_required_values(self):
        record = self._create_record()
        self.assertTrue(record.exists())
        self.assertEqual(record.name, "New")
        self.assertEqual(record.state, "draft")

    def test_company_rule_keeps_companies_apart(self):
        """A user of another company neither finds nor reads a record of Rental Order."""
        company_b = self.env["res.company"].create({"name": "Equipment Rental Company B"})
        user_b = self.env["res.users"].create(
            {
                "name": "Test user equipment_rental_rental_order_company_b",
                "login": "equipment_rental_rental_order_company_b",
                "company_id": company_b.id,
                "company_ids": [Command.set(company_b.ids)],
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        record = self._create_record()
        self.assertEqual(record.company_id, self.env.company)
        as_user_b = self.env["rental.order"].with_user(user_b)
        self.assertFalse(as_user_b.search([("id", "=", record.id)]))
        with self.assertRaises(AccessError):
            as_user_b.browse(record.id).read(["company_id"])
        user_a = self.env["res.users"].create(
            {
                "name": "Test user equipment_rental_rental_order_company_a",
                "login": "equipment_rental_rental_order_company_a",
                "company_id": self.env.company.id,
                "company_ids": [Command.set(self.env.company.ids)],
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        as_user_a = self.env["rental.order"].with_user(user_a)
        self.assertEqual(as_user_a.search([("id", "=", record.id)]), record)

    def test_company_check_on_equipment_id(self):
        """check_company refuses a rental.equipment of another company in equipment_id."""
        company_b = self.env["res.company"].create({"name": "Equipment Rental Company B"})
        in_company_b = self.env(context=dict(self.env.context, allowed_company_ids=company_b.ids))
        env_a, self.env = self.env, in_company_b
        other = self.env["rental.equipment"].create({"name": "Test value", "code": "Test value", "daily_rate": 1.5}).id
        self.env = env_a
        self.assertEqual(self.env["rental.equipment"].browse(other).company_id, company_b)
        vals = {
            "partner_id": self.env["res.partner"].create({"name": "Test Partner"}).id,
            "date_start": "2024-01-10",
            "date_end": "2024-01-10",
            "days": 1,
            "equipment_id": other,
        }
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["rental.order"].create(vals)

    def test_company_check_on_partner_id(self):
        """check_company refuses a res.partner of another company in partner_id."""
        company_b = self.env["res.company"].create({"name": "Equipment Rental Company B"})
        in_company_b = self.env(context=dict(self.env.context, allowed_company_ids=company_b.ids))
        env_a, self.env = self.env, in_company_b
        other = self.env["res.partner"].create({"name": "Of Company B", "company_id": company_b.id}).id
        self.env = env_a
        self.assertEqual(self.env["res.partner"].browse(other).company_id, company_b)
        vals = {
            "equipment_id": self.env["rental.equipment"].create({"name": "Test value", "code": "Test value", "daily_rate": 1.5}).id,
            "date_start": "2024-01-10",
            "date_end": "2024-01-10",
            "days": 1,
            "partner_id": other,
        }
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["rental.order"].create(vals)

    def test_action_confirm_from_draft(self):
        record = self._create_record()
        record.write({"state": "draft"})
        record.action_confirm()
        self.assertEqual(record.state, "confirmed")

    def test_action_confirm_refused_from_confirmed(self):
        record = self._create_record()
        record.write({"state": "confirmed"})
        with self.assertRaises(UserError):
            record.action_confirm()
        self.assertEqual(record.state, "confirmed")

    def test_action_return_from_confirmed(self):
        record = self._create_record()
        record.write({"state": "confirmed"})
        record.action_return()
        self.assertEqual(record.state, "returned")

    def test_action_return_refused_from_draft(self):
        record = self._create_record()
        record.write({"state": "draft"})
        with self.assertRaises(UserError):
            record.action_return()
        self.assertEqual(record.state, "draft")

    def test_action_draft_from_confirmed(self):
        record = self._create_record()
        record.write({"state": "confirmed"})
        record.action_draft()
        self.assertEqual(record.state, "draft")

    def test_action_draft_refused_from_draft(self):
        record = self._create_record()
        record.write({"state": "draft"})
        with self.assertRaises(UserError):
            record.action_draft()
        self.assertEqual(record.state, "draft")

    def test_constraint_date_end_date_start_check(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(date_end="2024-01-01", date_start="2024-01-10", days=1)
            self.env.flush_all()

    def test_constraint_days_check(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_record(date_end="2024-01-10", date_start="2024-01-10", days=0)
            self.env.flush_all()

    def test_confirming_and_returning_a_rental(self):
        """confirming and returning a rental"""
        record = self.env["rental.order"].create({"equipment_id": self.env["rental.equipment"].create({"name": "Drill", "code": "DRL-9", "daily_rate": 12}).id, "partner_id": self.env["res.partner"].create({"name": "Bob Builder"}).id, "date_start": "2024-03-01", "date_end": "2024-03-04", "days": 3})
        record.action_confirm()
        self.assertEqual(record.state, "confirmed")
        self.assertEqual(str(record.date_end), "2024-03-04")

    def test_returning_a_draft_rental_is_refused(self):
        """returning a draft rental is refused"""
        record = self.env["rental.order"].create({"equipment_id": self.env["rental.equipment"].create({"name": "Ladder", "code": "LAD-1", "daily_rate": 5}).id, "partner_id": self.env["res.partner"].create({"name": "Carol"}).id, "date_start": "2024-01-10", "date_end": "2099-01-01", "days": 1})
        with self.assertRaises(UserError):
            record.action_return()
