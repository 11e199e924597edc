import type { AddonPlan } from './addon-plan.js';
import { pyStr, pyValue } from './python-literal.js';
import { plannedSettings, settingsActionId, type PlannedSetting } from './render-settings.js';

export const SETTINGS_TEST_STEM = 'res_config_settings';

/** A value the test saves, never the default (nor empty/zero: Odoo deletes such a parameter). */
function savedValue(setting: PlannedSetting): string | number | boolean {
  const spec = setting.spec;
  switch (spec.type) {
    case 'boolean':
      return spec.default !== true;
    case 'char':
      return spec.default === 'Set in the settings' ? 'Set again in the settings' : 'Set in the settings';
    case 'integer':
      return typeof spec.default === 'number' ? spec.default + 7 : 7;
    case 'float':
      return typeof spec.default === 'number' ? spec.default + 1.5 : 2.5;
    case 'selection': {
      const keys = Object.keys(spec.options ?? {});
      return keys.find((key) => key !== spec.default) ?? keys[0] ?? '';
    }
  }
}

/** The value the field shows before anyone sets it (Odoo's empty value without a default). */
function shownDefault(setting: PlannedSetting): string {
  const spec = setting.spec;
  if (spec.default !== undefined) return pyValue(spec.default);
  if (spec.type === 'boolean') return 'False';
  if (spec.type === 'integer') return '0';
  if (spec.type === 'float') return '0.0';
  return 'False';
}

/** How the system parameter holds a saved value (res.config.settings.set_values). */
function storedParameter(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? pyStr('True') : 'False';
  if (typeof value === 'number') return pyStr(String(value));
  return pyStr(value);
}

function assertEqualLine(actual: string, expected: string, float: boolean): string {
  if (expected === 'True' || expected === 'False') return `        self.assert${expected}(${actual})`;
  return float
    ? `        self.assertAlmostEqual(${actual}, ${expected})`
    : `        self.assertEqual(${actual}, ${expected})`;
}

/**
 * `tests/test_res_config_settings.py`: the settings show their defaults; saved through
 * res.config.settings (create + execute, what Save does) they land in ir.config_parameter or on
 * the company and a new settings record reads them back; the Settings view holds the module's
 * block with every setting, and the module's action opens it. Undefined without settings.
 */
export function renderSettingsTest(plan: AddonPlan, header: string): string | undefined {
  const settings = plannedSettings(plan);
  if (settings.length === 0) return undefined;
  const saved = settings.map((setting) => ({ setting, value: savedValue(setting) }));
  const values = saved.map(({ setting, value }) => `            ${pyStr(setting.name)}: ${pyValue(value)},`);
  const isFloat = (setting: PlannedSetting) => setting.spec.type === 'float';
  const stored = saved.map(({ setting, value }) =>
    setting.parameter !== undefined
      ? assertEqualLine(
          isFloat(setting)
            ? `float(parameters.get_param(${pyStr(setting.parameter)}))`
            : `parameters.get_param(${pyStr(setting.parameter)})`,
          isFloat(setting) ? pyValue(value) : storedParameter(value),
          isFloat(setting),
        )
      : assertEqualLine(
          `self.env.company.${setting.companyField ?? setting.name}`,
          pyValue(value),
          isFloat(setting),
        ),
  );
  const readBack = saved.map(({ setting, value }) =>
    assertEqualLine(`again.${setting.name}`, pyValue(value), isFloat(setting)),
  );
  const defaults = settings.map((setting) =>
    assertEqualLine(`settings.${setting.name}`, shownDefault(setting), isFloat(setting)),
  );
  const block = plan.profile.series === '16.0' ? `data-key="${plan.module}"` : `name="${plan.module}"`;
  const lines = [
    header.trimEnd(),
    '',
    'from odoo.tests import TransactionCase',
    '',
    '',
    'class TestResConfigSettings(TransactionCase):',
    '    def test_settings_show_their_defaults(self):',
    '        settings = self.env["res.config.settings"].create({})',
    ...defaults,
    '',
    '    def test_settings_are_saved_and_read_back(self):',
    '        settings = self.env["res.config.settings"].create(',
    '            {',
    ...values.map((line) => `    ${line}`),
    '            }',
    '        )',
    '        settings.execute()',
    ...(settings.some((setting) => setting.parameter !== undefined)
      ? ['        parameters = self.env["ir.config_parameter"].sudo()']
      : []),
    ...stored,
    '        again = self.env["res.config.settings"].create({})',
    ...readBack,
    '',
    '    def test_settings_app_shows_the_module_block(self):',
    '        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]',
    `        self.assertIn('${block}', arch)`,
    ...settings.map((setting) => `        self.assertIn('name="${setting.name}"', arch)`),
    `        action = self.env.ref(${pyStr(`${plan.module}.${settingsActionId(plan)}`)})`,
    '        self.assertEqual((action.res_model, action.target), ("res.config.settings", "inline"))',
    `        self.assertIn("'module': '${plan.module}'", action.context)`,
    '',
  ];
  return lines.join('\n');
}
