# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase


class TestResConfigSettings(TransactionCase):
    def test_settings_show_their_defaults(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.helpdesk_deadline_days, 3)
        self.assertFalse(settings.helpdesk_notify_customer)
        self.assertFalse(settings.helpdesk_support_email)
        self.assertEqual(settings.helpdesk_default_priority, "1")

    def test_settings_are_saved_and_read_back(self):
        settings = self.env["res.config.settings"].create(
            {
                "helpdesk_deadline_days": 10,
                "helpdesk_notify_customer": True,
                "helpdesk_support_email": "Set in the settings",
                "helpdesk_default_priority": "0",
            }
        )
        settings.execute()
        parameters = self.env["ir.config_parameter"].sudo()
        self.assertEqual(parameters.get_param("helpdesk_lite.helpdesk_deadline_days"), "10")
        self.assertEqual(parameters.get_param("helpdesk_lite.helpdesk_notify_customer"), "True")
        self.assertEqual(self.env.company.helpdesk_support_email, "Set in the settings")
        self.assertEqual(self.env.company.helpdesk_default_priority, "0")
        again = self.env["res.config.settings"].create({})
        self.assertEqual(again.helpdesk_deadline_days, 10)
        self.assertTrue(again.helpdesk_notify_customer)
        self.assertEqual(again.helpdesk_support_email, "Set in the settings")
        self.assertEqual(again.helpdesk_default_priority, "0")

    def test_settings_app_shows_the_module_block(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="helpdesk_lite"', arch)
        self.assertIn('name="helpdesk_deadline_days"', arch)
        self.assertIn('name="helpdesk_notify_customer"', arch)
        self.assertIn('name="helpdesk_support_email"', arch)
        self.assertIn('name="helpdesk_default_priority"', arch)
        action = self.env.ref("helpdesk_lite.action_helpdesk_lite_config_settings")
        self.assertEqual((action.res_model, action.target), ("res.config.settings", "inline"))
        self.assertIn("'module': 'helpdesk_lite'", action.context)
