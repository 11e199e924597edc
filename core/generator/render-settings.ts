import { fieldLabel } from '../odoo/field-label.js';
import {
  settingCompanyField,
  settingParameterKey,
  type SettingSpec,
} from '../spec/references/check-settings.js';
import type { AddonPlan } from './addon-plan.js';
import { pyStr, pyValue } from './python-literal.js';
import { el, renderOdooXml, type XmlElement } from './xml-element.js';

/**
 * ModuleSpec 1.1 `settings`: `models/res_config_settings.py` (fields kept as system parameters,
 * or related to the company and writable), `models/res_company.py` (the company fields), and the
 * module's block in the Settings app with an action that opens it. The block differs by series:
 * 16.0 a `div.app_settings_block` of `o_setting_box`es, 17.0 and 18.0 `<app>`/`<block>`/`<setting>`.
 */
export const SETTINGS_VIEWS_FILE = 'views/res_config_settings_views.xml';
export const SETTINGS_PYTHON_STEM = 'res_config_settings';
export const COMPANY_PYTHON_STEM = 'res_company';

/** A setting with the names every renderer agrees on. */
export interface PlannedSetting {
  spec: SettingSpec;
  name: string;
  label: string;
  /** The system parameter key, for a config_parameter setting. */
  parameter: string | undefined;
  /** The res.company field, for a company_field setting. */
  companyField: string | undefined;
}

export function plannedSettings(plan: AddonPlan): PlannedSetting[] {
  return (plan.spec.settings ?? []).map((setting) => {
    const companyField = settingCompanyField(setting);
    return {
      spec: setting,
      name: setting.name,
      label: setting.label ?? fieldLabel(setting.name),
      parameter: companyField === undefined ? settingParameterKey(plan.module, setting) : undefined,
      companyField,
    };
  });
}

/** The XML id of the window action that opens the Settings app on the module's block. */
export function settingsActionId(plan: AddonPlan): string {
  return `action_${plan.module}_config_settings`;
}

const FIELD_CLASSES: Record<SettingSpec['type'], string> = {
  boolean: 'Boolean',
  char: 'Char',
  integer: 'Integer',
  float: 'Float',
  selection: 'Selection',
};

/** `name = fields.X(args)`, on one line when it fits, else one argument a line. */
function fieldLines(name: string, type: SettingSpec['type'], args: string[]): string[] {
  const head = `    ${name} = fields.${FIELD_CLASSES[type]}(`;
  const oneLine = `${head}${args.join(', ')})`;
  if (oneLine.length <= 88) return [oneLine];
  return [head, ...args.map((arg) => `        ${arg},`), '    )'];
}

/** The field's own arguments: selection, string, default, help. */
function valueArgs(setting: PlannedSetting): string[] {
  const spec = setting.spec;
  const args: string[] = [];
  if (spec.type === 'selection') {
    const options = Object.entries(spec.options ?? {}).map(
      ([key, label]) => `(${pyStr(key)}, ${pyStr(label)})`,
    );
    args.push(`selection=[${options.join(', ')}]`);
  }
  args.push(`string=${pyStr(setting.label)}`);
  if (setting.parameter !== undefined) args.push(`config_parameter=${pyStr(setting.parameter)}`);
  if (spec.default !== undefined) args.push(`default=${pyValue(spec.default)}`);
  if (spec.help !== undefined) args.push(`help=${pyStr(spec.help)}`);
  return args;
}

/** The Python files of the settings (none without settings): path → contents. */
export function renderSettingsPython(plan: AddonPlan, header: string): Map<string, string> {
  const files = new Map<string, string>();
  const settings = plannedSettings(plan);
  if (settings.length === 0) return files;
  const settingsFields = settings.flatMap((setting) =>
    setting.companyField !== undefined
      ? fieldLines(setting.name, setting.spec.type, [
          `related=${pyStr(`company_id.${setting.companyField}`)}`,
          'readonly=False',
        ])
      : fieldLines(setting.name, setting.spec.type, valueArgs(setting)),
  );
  files.set(
    `models/${SETTINGS_PYTHON_STEM}.py`,
    pythonClass(header, 'ResConfigSettings', 'TransientModel', 'res.config.settings', settingsFields),
  );
  const company = settings.filter((setting) => setting.companyField !== undefined);
  if (company.length > 0) {
    const companyFields = company.flatMap((setting) =>
      fieldLines(setting.companyField ?? setting.name, setting.spec.type, valueArgs(setting)),
    );
    files.set(
      `models/${COMPANY_PYTHON_STEM}.py`,
      pythonClass(header, 'ResCompany', 'Model', 'res.company', companyFields),
    );
  }
  return files;
}

function pythonClass(
  header: string,
  className: string,
  base: string,
  inherit: string,
  fields: string[],
): string {
  return [
    header.trimEnd(),
    '',
    'from odoo import fields, models',
    '',
    '',
    `class ${className}(models.${base}):`,
    `    _inherit = ${pyStr(inherit)}`,
    '',
    ...fields,
    '',
  ].join('\n');
}

/** The module's block in the Settings app and the action that opens it. */
export function renderSettingsViews(plan: AddonPlan): string {
  const settings = plannedSettings(plan);
  const title = plan.spec.module.title;
  const inside =
    plan.profile.series === '16.0'
      ? el('xpath', { expr: "//div[hasclass('settings')]", position: 'inside' }, [
          blockOf16(plan, title, settings),
        ])
      : el('xpath', { expr: '//form', position: 'inside' }, [appOf17(plan, title, settings)]);
  return renderOdooXml([
    el('record', { id: 'res_config_settings_view_form', model: 'ir.ui.view' }, [
      el('field', { name: 'name' }, [`res.config.settings.view.form.inherit.${plan.module}`]),
      el('field', { name: 'model' }, ['res.config.settings']),
      el('field', { name: 'inherit_id', ref: 'base.res_config_settings_view_form' }),
      el('field', { name: 'arch', type: 'xml' }, [inside]),
    ]),
    el('record', { id: settingsActionId(plan), model: 'ir.actions.act_window' }, [
      el('field', { name: 'name' }, ['Settings']),
      el('field', { name: 'res_model' }, ['res.config.settings']),
      el('field', { name: 'view_mode' }, ['form']),
      el('field', { name: 'target' }, ['inline']),
      el('field', { name: 'context' }, [`{'module': '${plan.module}', 'bin_size': False}`]),
    ]),
  ]);
}

const COMPANY_SPECIFIC = 'Values set here are company-specific.';

/** 16.0: `<div class="app_settings_block" data-key=module>` with a box per setting. */
function blockOf16(plan: AddonPlan, title: string, settings: PlannedSetting[]): XmlElement {
  const boxes = settings.map((setting) => {
    const boolean = setting.spec.type === 'boolean';
    const field = el('field', { name: setting.name });
    return el('div', { class: 'col-12 col-lg-6 o_setting_box', id: `${setting.name}_setting` }, [
      el('div', { class: 'o_setting_left_pane' }, boolean ? [field] : []),
      el('div', { class: 'o_setting_right_pane' }, [
        el('label', { for: setting.name }),
        setting.companyField !== undefined
          ? el('span', {
              class: 'fa fa-lg fa-building-o',
              title: COMPANY_SPECIFIC,
              'aria-label': COMPANY_SPECIFIC,
              groups: 'base.group_multi_company',
              role: 'img',
            })
          : undefined,
        setting.spec.help !== undefined ? el('div', { class: 'text-muted' }, [setting.spec.help]) : undefined,
        boolean ? undefined : el('div', { class: 'content-group' }, [el('div', { class: 'mt16' }, [field])]),
      ]),
    ]);
  });
  return el(
    'div',
    { class: 'app_settings_block', 'data-string': title, string: title, 'data-key': plan.module },
    [
      el('h2', {}, [title]),
      el('div', { class: 'row mt16 o_settings_container', name: `${plan.module}_settings` }, boxes),
    ],
  );
}

/** 17.0 and 18.0: `<app name=module>` with one `<block>` of `<setting>`s (label, help, field). */
function appOf17(plan: AddonPlan, title: string, settings: PlannedSetting[]): XmlElement {
  const rows = settings.map((setting) =>
    el(
      'setting',
      {
        id: `${setting.name}_setting`,
        help: setting.spec.help,
        company_dependent: setting.companyField !== undefined ? '1' : undefined,
      },
      [el('field', { name: setting.name })],
    ),
  );
  return el(
    'app',
    {
      'data-string': title,
      string: title,
      name: plan.module,
      logo: '/base/static/description/icon.png',
    },
    [el('block', { title, name: `${plan.module}_settings` }, rows)],
  );
}
